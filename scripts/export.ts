import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { userInfo } from 'node:os';
import { companiesSubgraph } from '../subgraphs/companies';
import { ConfigError, loadSubgraphConfig } from '../subgraphs/lib/config';
import { validateIsoDate } from '../subgraphs/lib/dates';
import { createExportJob, ExportDataset, ExportFormat, ExportStatus, ExportTrigger, loadExportConfig, runExportJob } from '../subgraphs/lib/export';
import { initOrm, migrate } from '../subgraphs/lib/orm';
import { type SubgraphModule } from '../subgraphs/lib/subgraph';
import { workersSubgraph } from '../subgraphs/workers';
import { type CliOutput, runAsProcess, runPlatformCommand, UsageError } from './platform-cli';

export const EXPORT_USAGE = `usage: export --cassa CODE --dataset RELATIONSHIPS|REGISTRY|TRAINING --format ndjson|csv
              [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out FILE]

  Writes a bulk export (convention art. 2, modalità massiva) for one Cassa Edile under
  purpose REGULARITY_CHECK: a gzip NDJSON or CSV file, its job row and its audit records.

  --cassa CODE     the Cassa Edile (e.g. MI00): employers whose cassa_edile_code it is
  --dataset NAME   RELATIONSHIPS (companies database), REGISTRY or TRAINING (workers database)
  --format NAME    ndjson or csv (both gzip)
  --from, --to     only relationships active in that period (either may be left out)
  --out FILE       write the file there instead of EXPORT_DIR (must not exist; still
                   deleted at expiry by the subgraph's runner)

Reads the subgraph's <NAME>_DATABASE_URL, AUDIT_DATABASE_URL, EXPORT_DIR,
EXPORT_FILE_TTL_HOURS, EXPORT_BATCH_SIZE and EXPORT_AUDIT_PART_SIZE, like the subgraphs.
Prints the export id, rows, bytes, SHA-256 and path.
Exit codes: 0 written, 1 failure, 2 bad arguments, 78 bad configuration.`;

interface ExportCommand {
  name: 'export';
  cassa: string;
  dataset: ExportDataset;
  format: ExportFormat;
  from: string | null;
  to: string | null;
  out: string | null;
}

const FLAGS = new Set(['--cassa', '--dataset', '--format', '--from', '--to', '--out']);

/** The subgraph owning each dataset. */
function moduleOf(dataset: ExportDataset): SubgraphModule {
  return dataset === ExportDataset.RELATIONSHIPS ? (companiesSubgraph as SubgraphModule) : (workersSubgraph as SubgraphModule);
}

export function parseExportArguments(args: readonly string[]): ExportCommand | { name: 'help' } {
  if (args.length === 0 || args.includes('--help') || args.includes('-h')) return { name: 'help' };
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i += 1) {
    const option = args[i]!;
    const eq = option.startsWith('--') ? option.indexOf('=') : -1;
    const flag = eq > 0 ? option.slice(0, eq) : option;
    if (!FLAGS.has(flag)) throw new UsageError(option.startsWith('-') ? `unknown option ${flag}` : `unexpected argument #${i + 1}; values follow their option`);
    if (values.has(flag)) throw new UsageError(`${flag} is given more than once`);
    const value = eq > 0 ? option.slice(eq + 1) : args[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
    values.set(flag, value);
  }
  const cassa = values.get('--cassa');
  if (cassa === undefined) throw new UsageError('--cassa is required (the Cassa Edile code, e.g. MI00)');
  if (!/^[A-Z0-9]{2,10}$/.test(cassa)) throw new UsageError('--cassa must be a Cassa Edile code of 2-10 capital letters and digits (e.g. MI00)');
  const dataset = values.get('--dataset')?.toUpperCase();
  if (dataset === undefined) throw new UsageError('--dataset is required: RELATIONSHIPS, REGISTRY or TRAINING');
  if (!(dataset in ExportDataset)) throw new UsageError('--dataset must be RELATIONSHIPS, REGISTRY or TRAINING');
  const format = values.get('--format')?.toUpperCase();
  if (format === undefined) throw new UsageError('--format is required: ndjson or csv');
  if (!(format in ExportFormat)) throw new UsageError('--format must be ndjson or csv');
  const dates: Record<'--from' | '--to', string | null> = { '--from': null, '--to': null };
  for (const flag of ['--from', '--to'] as const) {
    const value = values.get(flag);
    if (value === undefined) continue;
    const checked = validateIsoDate(value);
    if (!checked.ok) throw new UsageError(`${flag} must be a date YYYY-MM-DD: ${checked.reason}`);
    dates[flag] = value;
  }
  if (dates['--from'] && dates['--to'] && dates['--from'] > dates['--to']) throw new UsageError('--to must not be before --from');
  const outValue = values.get('--out');
  const out = outValue === undefined ? null : resolve(outValue);
  if (out && existsSync(out)) throw new UsageError('--out names a file that already exists; choose a new name');
  if (out && !existsSync(dirname(out))) throw new UsageError('--out names a file in a directory that does not exist');
  return { name: 'export', cassa, dataset: dataset as ExportDataset, format: format as ExportFormat, from: dates['--from'], to: dates['--to'], out };
}

/** `npm run export -- ...`: returns the exit code. */
export async function main(args: readonly string[], env: NodeJS.ProcessEnv, out: CliOutput): Promise<number> {
  return runPlatformCommand<ExportCommand | { name: 'help' }>({
    program: 'export',
    usage: EXPORT_USAGE,
    args,
    env,
    out,
    parse: parseExportArguments,
    migrate: true,
    openFailure: (error) => `cannot open the audit trail (AUDIT_DATABASE_URL): ${(error as Error).message}`,
    failure: (error) => {
      if (!(error instanceof ConfigError)) return undefined;
      out.stderr.write(`export: ${error.message}\n`);
      return 78;
    },
    run: async (command, audit) => {
      if (command.name !== 'export') return 0;
      const module = moduleOf(command.dataset);
      const subgraph = loadSubgraphConfig(module.name, env);
      const config = loadExportConfig(module.name, env);
      const db = await initOrm({ entities: module.entities, databaseUrl: subgraph.databaseUrl, migrations: module.migrations });
      try {
        await migrate(db);
        const em = db.orm.em.fork();
        const now = new Date();
        const job = createExportJob(em, {
          recipient: command.cassa,
          dataset: command.dataset,
          format: command.format,
          trigger: ExportTrigger.COMMAND_LINE,
          requestedBy: `cli:${userInfo().username}`,
          periodFrom: command.from,
          periodTo: command.to,
          fileName: command.out,
          now,
        });
        // Claimed by this command from the start: no runner takes it over while it runs.
        job.status = ExportStatus.RUNNING;
        job.startedAt = now;
        job.lockedUntil = new Date(now.getTime() + 60 * 60_000);
        await em.flush();
        const outcome = await runExportJob({ orm: db.orm, subgraph: module.name, sources: module.exports ?? {}, audit, config, leaseMs: 60 * 60_000 }, job);
        if (outcome.status !== ExportStatus.READY) {
          out.stderr.write(`export: export ${outcome.id} FAILED (${outcome.error}); no file was written\n`);
          return 1;
        }
        out.stdout.write(`export ${outcome.id} READY\n  rows    ${outcome.rowCount}\n  bytes   ${outcome.byteCount}\n  sha256  ${outcome.sha256}\n  path    ${outcome.path}\n`);
        return 0;
      } finally {
        await db.orm.close(true);
      }
    },
  });
}

if (require.main === module) runAsProcess('export', main);
