import 'reflect-metadata';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { companiesSubgraph } from '../subgraphs/companies';
import { openAuditStore } from '../subgraphs/lib/audit';
import { encodeNumericFiscalCode, encodePersonalFiscalCode } from '../subgraphs/lib/codes';
import { addDays } from '../subgraphs/lib/dates';
import { createExportJob, ExportDataset, ExportFormat, ExportStatus, ExportTrigger, runExportJob } from '../subgraphs/lib/export';
import { initOrm, migrate } from '../subgraphs/lib/orm';
import { type SubgraphModule } from '../subgraphs/lib/subgraph';
import { workersSubgraph } from '../subgraphs/workers';
import { option } from './options';

/**
 * `npm run bench:export -- --relationships 100000`: bulk exports on PostgreSQL. Creates
 * three scratch databases (companies, workers, audit) on `BENCH_POSTGRES_URL` (default the
 * local trust-auth server), fills them with a synthetic data set (fiscal codes built by the
 * algorithm, never real people; multi-row inserts with unnest), then runs the
 * RELATIONSHIPS and REGISTRY exports in NDJSON and CSV, each in a fresh child process so
 * that its peak memory is its own: rows per second, file bytes, peak RSS and heap
 * (sampled every 20 ms) and maxRSS of the child. `--heap-limit-mib N` runs each export
 * again with V8's old space capped at N MiB, to show that memory does not grow with the
 * rows (an export that kept them would fail). Drops the databases at the end, unless
 * `--keep` (to look at query plans on the data set).
 */
const ADMIN = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const RECIPIENT = 'MI00';

async function admin(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

function databaseUrl(name: string): string {
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  return url.toString();
}

const FIRST = ['Luca', 'Giulia', 'Marco', 'Sara', 'Paolo', 'Anna', 'Davide', 'Elena', 'Franco', 'Irene', 'Matteo', 'Chiara', 'Stefano', 'Laura', 'Andrea', 'Silvia', 'Giorgio', 'Marta', 'Roberto', 'Alessia'];
const LAST = ['Brambilla', 'Colombo', 'Ferrari', 'Galli', 'Longoni', 'Mauri', 'Pozzi', 'Redaelli', 'Sala', 'Villa', 'Bianchi', 'Rossi', 'Ricci', 'Fontana', 'Conti', 'Barbieri', 'Moretti', 'Lombardi', 'Testa', 'Gatti'];
const PLACES = ['F205', 'D150', 'A794', 'B157', 'E507', 'G388', 'L682', 'C933'];

/** The n-th synthetic person: distinct fiscal codes by (names, birth date, sex, place). */
function syntheticPerson(n: number) {
  const names = n % 400;
  const rest = Math.floor(n / 400);
  const day = rest % 14_000;
  const place = Math.floor(rest / 14_000) % PLACES.length;
  const sex = names % 2 === 0 ? 'M' : 'F';
  const firstName = FIRST[names % 20]!;
  const lastName = LAST[Math.floor(names / 20)]!;
  const birthDate = addDays('1960-01-01', day);
  return { firstName, lastName, sex, birthDate, birthPlace: PLACES[place]!, fiscalCode: encodePersonalFiscalCode({ firstName, lastName, sex: sex as 'M' | 'F', birthDate, birthPlace: PLACES[place]! }) };
}

/** Inserts columns of equal length with one `insert ... select * from unnest(...)` per chunk. */
async function insertColumns(client: Client, table: string, columns: Record<string, { type: string; values: unknown[] }>): Promise<void> {
  const names = Object.keys(columns);
  const length = columns[names[0]!]!.values.length;
  const chunk = 20_000;
  for (let start = 0; start < length; start += chunk) {
    const params = names.map((name) => columns[name]!.values.slice(start, start + chunk));
    const sql = `insert into "${table}" (${names.map((n) => `"${n}"`).join(', ')}) select * from unnest(${names.map((n, i) => `$${i + 1}::${columns[n]!.type}[]`).join(', ')})`;
    await client.query(sql, params);
  }
}

async function generate(companiesUrl: string, workersUrl: string, relationships: number): Promise<void> {
  const employers = Math.max(50, Math.round(relationships / 200));
  const people = Math.max(100, Math.round(relationships * 0.6));
  const employerRows = Array.from({ length: employers }, (_, i) => {
    // 80% construction registered with MI00, 10% construction with CR00, 10% retail registered with MI00.
    const kind = i % 10 === 8 ? 'other-cassa' : i % 10 === 9 ? 'retail' : 'construction';
    return {
      fiscal_code: encodeNumericFiscalCode(String(i + 1).padStart(7, '0'), '015'),
      name: i % 7 === 0 ? `Edil "Bench", ${i} S.r.l.` : `Costruzioni Bench ${i} S.p.A.`,
      ateco_code: kind === 'retail' ? '47.11.10' : '41.20.00',
      ateco_section: kind === 'retail' ? 'G' : 'F',
      legal_seat_municipality: '015146',
      legal_seat_province: '015',
      legal_seat_address: 'Via Demo 1',
      ccnl: kind === 'retail' ? 'H011' : '063',
      cassa_edile_code: kind === 'other-cassa' ? 'CR00' : RECIPIENT,
      construction: kind !== 'retail',
    };
  });
  const persons = Array.from({ length: people }, (_, i) => ({ id: randomUUID(), ...syntheticPerson(i) }));
  const rel = { id: [] as string[], employer: [] as string[], worker: [] as string[], workerId: [] as string[], status: [] as string[], contract: [] as string[], time: [] as string[], hours: [] as (number | null)[], start: [] as string[], planned: [] as (string | null)[], termination: [] as (string | null)[], construction: [] as boolean[], cassa: [] as string[] };
  for (let i = 0; i < relationships; i += 1) {
    const employer = employerRows[i % employers]!;
    const person = persons[(i * 7919) % people]!;
    const start = addDays('2020-01-01', i % 1800);
    const fixed = i % 3 === 0;
    const ended = i % 5 === 0;
    rel.id.push(randomUUID());
    rel.employer.push(employer.fiscal_code);
    rel.worker.push(person.fiscalCode);
    rel.workerId.push(person.id);
    rel.status.push(ended ? 'TERMINATED' : 'ACTIVE');
    rel.contract.push(fixed ? 'A.02.00' : 'A.01.00');
    rel.time.push(i % 4 === 0 ? 'P' : 'F');
    rel.hours.push(i % 4 === 0 ? 20 : null);
    rel.start.push(start);
    rel.planned.push(fixed ? addDays(start, 365) : null);
    rel.termination.push(ended ? addDays(start, 200) : null);
    rel.construction.push(employer.construction);
    rel.cassa.push(employer.cassa_edile_code);
  }
  const companies = new Client({ connectionString: companiesUrl });
  await companies.connect();
  try {
    const col = (type: string, values: unknown[]) => ({ type, values });
    await insertColumns(companies, 'employer', {
      fiscal_code: col('text', employerRows.map((e) => e.fiscal_code)),
      name: col('text', employerRows.map((e) => e.name)),
      ateco_code: col('text', employerRows.map((e) => e.ateco_code)),
      ateco_section: col('text', employerRows.map((e) => e.ateco_section)),
      legal_seat_municipality: col('text', employerRows.map((e) => e.legal_seat_municipality)),
      legal_seat_province: col('text', employerRows.map((e) => e.legal_seat_province)),
      legal_seat_address: col('text', employerRows.map((e) => e.legal_seat_address)),
      ccnl: col('text', employerRows.map((e) => e.ccnl)),
      cassa_edile_code: col('text', employerRows.map((e) => e.cassa_edile_code)),
      construction: col('boolean', employerRows.map((e) => e.construction)),
      created_at: col('timestamptz', employerRows.map(() => new Date())),
    });
    await insertColumns(companies, 'employment_relationship', {
      id: col('uuid', rel.id),
      employer_fiscal_code: col('text', rel.employer),
      worker_fiscal_code: col('text', rel.worker),
      status: col('text', rel.status),
      contract_type: col('text', rel.contract),
      working_time: col('text', rel.time),
      weekly_hours: col('float8', rel.hours),
      start_date: col('date', rel.start),
      planned_end_date: col('date', rel.planned),
      termination_date: col('date', rel.termination),
    });
    await insertColumns(companies, 'mandatory_notice', {
      id: col('uuid', rel.id.map(() => randomUUID())),
      code: col('text', rel.id.map((_, i) => String(1_000_000_000_000_000n + BigInt(i)).slice(0, 16))),
      type: col('text', rel.id.map(() => 'HIRE')),
      employer_fiscal_code: col('text', rel.employer),
      relationship_id: col('uuid', rel.id),
      sequence: col('int', rel.id.map(() => 1)),
      worker_fiscal_code: col('text', rel.worker),
      contract_type: col('text', rel.contract),
      start_date: col('date', rel.start),
      end_date: col('date', rel.planned),
      event_date: col('date', rel.start),
      working_time: col('text', rel.time),
      weekly_hours: col('float8', rel.hours),
      ccnl: col('text', rel.id.map(() => '063')),
      qualification: col('text', rel.id.map(() => '6.1.2.1.0.1')),
      filed_at: col('timestamptz', rel.start.map((d) => `${d}T08:00:00Z`)),
      deadline: col('date', rel.start),
      late: col('boolean', rel.id.map(() => false)),
      days_late: col('int', rel.id.map(() => 0)),
    });
    await companies.query('analyze');
  } finally {
    await companies.end();
  }
  const workers = new Client({ connectionString: workersUrl });
  await workers.connect();
  try {
    const col = (type: string, values: unknown[]) => ({ type, values });
    await insertColumns(workers, 'worker', {
      id: col('uuid', persons.map((p) => p.id)),
      fiscal_code: col('text', persons.map((p) => p.fiscalCode)),
      first_name: col('text', persons.map((p) => p.firstName)),
      last_name: col('text', persons.map((p) => p.lastName)),
      sex: col('text', persons.map((p) => (p.sex === 'M' ? 'MALE' : 'FEMALE'))),
      birth_date: col('date', persons.map((p) => p.birthDate)),
      birth_place: col('text', persons.map((p) => p.birthPlace)),
      citizenship: col('text', persons.map(() => '000')),
      domicile_municipality: col('text', persons.map(() => '015146')),
      domicile_province: col('text', persons.map(() => '015')),
      created_at: col('timestamptz', persons.map(() => new Date())),
    });
    await insertColumns(workers, 'employment_link', {
      id: col('uuid', rel.id),
      worker_id: col('uuid', rel.workerId),
      employer_fiscal_code: col('text', rel.employer),
      construction: col('boolean', rel.construction),
      cassa_edile_code: col('text', rel.cassa),
      start_date: col('date', rel.start),
      end_date: col('date', rel.id.map((_, i) => rel.termination[i] ?? rel.planned[i] ?? null)),
    });
    await workers.query('analyze');
  } finally {
    await workers.end();
  }
}

interface ChildResult {
  dataset: string;
  format: string;
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssMiB: number;
  peakHeapMiB: number;
  maxRssMiB: number;
  statements: number;
}

/** The child: one export, with its memory sampled. */
async function child(dataset: ExportDataset, format: ExportFormat, url: string, auditUrl: string, dir: string): Promise<void> {
  const module = (dataset === ExportDataset.RELATIONSHIPS ? companiesSubgraph : workersSubgraph) as SubgraphModule;
  const db = await initOrm({ entities: module.entities, databaseUrl: url, migrations: module.migrations });
  const audit = await openAuditStore({ databaseUrl: auditUrl });
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const timer = setInterval(sample, 20);
  try {
    const em = db.orm.em.fork();
    const job = createExportJob(em, { recipient: RECIPIENT, dataset, format, trigger: ExportTrigger.COMMAND_LINE, requestedBy: 'cli:bench' });
    job.status = ExportStatus.RUNNING;
    await em.flush();
    db.sql.reset();
    const started = process.hrtime.bigint();
    const outcome = await runExportJob({ orm: db.orm, subgraph: module.name, sources: module.exports ?? {}, audit, config: { dir, fileTtlHours: 1, batchSize: 5000, auditPartSize: 10_000 } }, job);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    sample();
    if (outcome.status !== ExportStatus.READY) throw new Error(`export failed: ${outcome.error}`);
    const result: ChildResult = {
      dataset,
      format,
      rows: outcome.rowCount,
      bytes: outcome.byteCount,
      seconds: Math.round(seconds * 100) / 100,
      rowsPerSecond: Math.round(outcome.rowCount / seconds),
      peakRssMiB: Math.round(peakRss / 1048576),
      peakHeapMiB: Math.round(peakHeap / 1048576),
      maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      statements: db.sql.statements,
    };
    process.send!(result);
  } finally {
    clearInterval(timer);
    await audit.close();
    await db.orm.close(true);
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === '--child') {
    const [, , , dataset, format, url, auditUrl, dir] = process.argv;
    await child(dataset as ExportDataset, format as ExportFormat, url!, auditUrl!, dir!);
    return;
  }
  const relationships = option('relationships', 100_000);
  const heapLimitMiB = process.argv.includes('--heap-limit-mib') ? option('heap-limit-mib', 96) : null;
  const tag = `lg_bench_export_${process.pid}`;
  const names = { companies: `${tag}_companies`, workers: `${tag}_workers`, audit: `${tag}_audit` };
  const dir = mkdtempSync(join(tmpdir(), 'lg-bench-export-'));
  for (const name of Object.values(names)) await admin(`create database "${name}"`);
  try {
    for (const module of [companiesSubgraph, workersSubgraph] as SubgraphModule[]) {
      const db = await initOrm({ entities: module.entities, databaseUrl: databaseUrl(names[module.name as 'companies' | 'workers']), migrations: module.migrations });
      await migrate(db);
      await db.orm.close(true);
    }
    await (await openAuditStore({ databaseUrl: databaseUrl(names.audit) })).close();
    const t0 = Date.now();
    await generate(databaseUrl(names.companies), databaseUrl(names.workers), relationships);
    process.stdout.write(`generated ${relationships} relationships in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    const results: (ChildResult & { heapLimit: string })[] = [];
    // With --heap-limit-mib, each export runs a second time with V8's old space capped there:
    // an export that accumulated rows would run out of memory; a streaming one finishes.
    const limits: (number | null)[] = heapLimitMiB ? [null, heapLimitMiB] : [null];
    for (const [dataset, url] of [[ExportDataset.RELATIONSHIPS, names.companies], [ExportDataset.REGISTRY, names.workers]] as const) {
      for (const format of [ExportFormat.NDJSON, ExportFormat.CSV]) {
        for (const limit of limits) {
          const execArgv = limit ? [`--max-old-space-size=${limit}`] : [];
          const result = await new Promise<ChildResult>((done, reject) => {
            const proc = fork(__filename, ['--child', dataset, format, databaseUrl(url), databaseUrl(names.audit), dir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv });
            let answer: ChildResult | undefined;
            proc.on('message', (message) => (answer = message as ChildResult));
            proc.on('exit', (code) => (answer ? done(answer) : reject(new Error(`export child exited with ${code}${limit ? ` (old space capped at ${limit} MiB)` : ''}`))));
          });
          results.push({ ...result, heapLimit: limit ? `${limit} MiB` : 'none' });
          process.stdout.write(`${JSON.stringify(results[results.length - 1])}\n`);
        }
      }
    }
    process.stdout.write(`\n| relationships | dataset | format | heap limit | rows | seconds | rows/s | file bytes | peak RSS MiB | peak heap MiB | maxRSS MiB | SQL statements |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n`);
    for (const r of results) {
      process.stdout.write(`| ${relationships} | ${r.dataset} | ${r.format} | ${r.heapLimit} | ${r.rows} | ${r.seconds} | ${r.rowsPerSecond} | ${r.bytes} | ${r.peakRssMiB} | ${r.peakHeapMiB} | ${r.maxRssMiB} | ${r.statements} |\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (process.argv.includes('--keep')) process.stdout.write(`kept for inspection (drop them afterwards): ${Object.values(names).join(', ')}\n`);
    else for (const name of Object.values(names)) await admin(`drop database if exists "${name}" with (force)`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:export: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
