import 'reflect-metadata';
import { type CliOutput, runAsProcess, runPlatformCommand, UsageError } from './platform-cli';
import {
  type AuditStore,
  type Checkpoint,
  exportCheckpoint,
  formatCheckpoint,
  MissingAuditTrailError,
  parseCheckpoint,
  verifyChain,
} from '../subgraphs/lib/audit';

export const AUDIT_USAGE = `usage: audit verify [--checkpoint SEQ:HASH] [--from SEQ]
       audit checkpoint

  verify       walks the hash chain of AUDIT_DATABASE_URL (default file:data/audit.db) and
               exits 0 when it is intact, 1 naming the first record edited, inserted or
               deleted; with --checkpoint (an earlier output of "audit checkpoint") it also
               detects a truncated tail; --from starts at a seq (records before it purged)
  checkpoint   prints the head of the chain as SEQ:HASH, to keep outside the database`;

/** Where the command writes; `process` in the real command, buffers in tests. */
/** Where the command writes. */
export type AuditOutput = CliOutput;

interface Command {
  name: 'verify' | 'checkpoint' | 'help';
  checkpoint?: Checkpoint;
  from?: number;
}

function parseArguments(args: readonly string[]): Command {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') return { name: 'help' };
  if (name !== 'verify' && name !== 'checkpoint') throw new UsageError(`unknown command "${name}"`);
  const command: Command = { name };
  for (let i = 0; i < rest.length; i += 1) {
    const option = rest[i]!;
    const [flag, inline] = option.includes('=') ? [option.slice(0, option.indexOf('=')), option.slice(option.indexOf('=') + 1)] : [option, undefined];
    const value = () => {
      const v = inline ?? rest[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (name === 'verify' && flag === '--checkpoint') {
      const checkpoint = parseCheckpoint(value());
      if (!checkpoint) throw new UsageError('--checkpoint must be SEQ:HASH (a seq, a colon, 64 hexadecimal digits)');
      command.checkpoint = checkpoint;
    } else if (name === 'verify' && flag === '--from') {
      const from = Number(value());
      if (!Number.isSafeInteger(from) || from < 1) throw new UsageError('--from must be a positive integer');
      command.from = from;
    } else {
      throw new UsageError(`unknown option "${flag}" for ${name}`);
    }
  }
  return command;
}

async function run(command: Command, store: AuditStore, out: AuditOutput): Promise<number> {
  if (command.name === 'checkpoint') {
    out.stdout.write(`${formatCheckpoint(await exportCheckpoint(store))}\n`);
    return 0;
  }
  const result = await verifyChain(store, { from: command.from, checkpoint: command.checkpoint });
  if (result.ok) {
    out.stdout.write(`audit chain OK: ${result.records} records, head ${result.head.seq} ${result.head.hash}\n`);
    return 0;
  }
  out.stdout.write(`audit chain BROKEN at record ${result.problem!.seq} (${result.problem!.kind}): ${result.problem!.message}\n`);
  return 1;
}

/**
 * `audit verify [--checkpoint SEQ:HASH] [--from SEQ]` and `audit checkpoint`. Returns
 * the exit code: 0 intact (or printed), 1 broken or failed, 2 bad arguments, 78 bad
 * configuration (like the other processes).
 */
export function main(args: readonly string[], env: NodeJS.ProcessEnv, out: AuditOutput): Promise<number> {
  return runPlatformCommand({
    program: 'audit',
    usage: AUDIT_USAGE,
    args,
    env,
    out,
    parse: parseArguments,
    // Verification only reads: it never creates or migrates the trail it is asked to check.
    migrate: false,
    openFailure: (error) =>
      error instanceof MissingAuditTrailError ? `${error.message} (AUDIT_DATABASE_URL)` : `cannot open the audit database: ${(error as Error).message}`,
    run: (command, store) => run(command, store, out),
  });
}

if (require.main === module) runAsProcess('audit', main);
