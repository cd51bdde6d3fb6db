import { type AuditStore, loadAuditConfig, openAuditStore } from '../subgraphs/lib/audit';
import { ConfigError } from '../subgraphs/lib/config';

/** Where a command writes (the process, or a test's buffers). */
export interface CliOutput {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** Wrong command-line arguments: the message names the argument. */
export class UsageError extends Error {}

export interface PlatformCommandOptions<C extends { name: string }> {
  /** Program name, prefixed to every message (`audit`, `credentials`). */
  program: string;
  usage: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  out: CliOutput;
  /** Parses the arguments; throws {@link UsageError}. */
  parse: (args: readonly string[]) => C;
  /** Whether opening the store may create and migrate it (the verifier only reads). */
  migrate: boolean;
  /** The message when the store cannot be opened. */
  openFailure: (error: unknown) => string;
  run: (command: C, store: AuditStore) => Promise<number>;
  /** Maps a failure of `run` to an exit code with its own message; undefined: exit 1 with the error's message. */
  failure?: (error: unknown, command: C) => number | undefined;
}

/**
 * The skeleton of the commands on the shared platform store (`npm run audit:verify`,
 * `npm run credentials`): arguments, help, `AUDIT_DATABASE_URL`, the store, the command.
 * Returns the exit code: 0 done, 1 failure, 2 bad arguments, 78 bad configuration (like
 * the other processes).
 */
export async function runPlatformCommand<C extends { name: string }>(options: PlatformCommandOptions<C>): Promise<number> {
  const { program, out } = options;
  let command: C;
  try {
    command = options.parse(options.args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.stderr.write(`${program}: ${error.message}\n\n${options.usage}\n`);
    return 2;
  }
  if (command.name === 'help') {
    out.stdout.write(`${options.usage}\n`);
    return 0;
  }
  let databaseUrl: string;
  try {
    databaseUrl = loadAuditConfig(options.env).databaseUrl;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    out.stderr.write(`${program}: ${error.message}\n`);
    return 78;
  }
  let store: AuditStore;
  try {
    store = await openAuditStore({ databaseUrl, migrate: options.migrate });
  } catch (error) {
    out.stderr.write(`${program}: ${options.openFailure(error)}\n`);
    return 1;
  }
  try {
    return await options.run(command, store);
  } catch (error) {
    const code = options.failure?.(error, command);
    if (code !== undefined) return code;
    out.stderr.write(`${program}: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

/** Runs `main` as the process's entry point: its result is the exit code. */
export function runAsProcess(program: string, main: (args: readonly string[], env: NodeJS.ProcessEnv, out: CliOutput) => Promise<number>): void {
  main(process.argv.slice(2), process.env, process).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${program}: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    },
  );
}
