/** Command-line arguments of `npm run seed`. */

/** The default size of the data set: the one `npm start` seeds. */
export const DEFAULT_WORKERS = 2000;
/** Beyond this the data set no longer fits comfortably in memory (about 3 KB per worker). */
export const MAX_WORKERS = 1_000_000;

export const SEED_USAGE = `Usage: npm run seed -- [--workers N] [--seed S] [--reset]

Generates the synthetic Lombardy demo data set and stores it in the four subgraph
databases (<NAME>_DATABASE_URL, default file:data/<name>.db).

  --workers N   number of synthetic workers, a positive integer up to ${MAX_WORKERS} (default ${DEFAULT_WORKERS});
                employers, notices, DIDs, pacts, households and referrals scale with it
  --seed S      seed of the generator, an integer (default 1): the same seed gives the same data
  --reset       empty the four databases first (required when they already hold data)
  --help        show this text`;

/** What `npm run seed` was asked to do. */
export interface SeedArguments {
  workers: number;
  seed: number;
  reset: boolean;
  help: boolean;
}

/** The arguments were not understood; the message says which and why, and the usage follows. */
export class ArgumentError extends Error {
  override name = 'ArgumentError';
}

function integer(flag: string, text: string | undefined, positive: boolean): number {
  if (text === undefined || text.startsWith('--')) throw new ArgumentError(`${flag} needs a value`);
  const pattern = positive ? /^\d+$/ : /^-?\d+$/;
  const value = Number(text);
  if (!pattern.test(text) || !Number.isSafeInteger(value)) throw new ArgumentError(`${flag} must be ${positive ? 'a positive integer' : 'an integer'}, got "${text}"`);
  if (positive && value < 1) throw new ArgumentError(`${flag} must be a positive integer, got "${text}"`);
  return value;
}

/**
 * Parses `--workers N`, `--seed S`, `--reset` and `--help` (also written `--flag=value`).
 * @throws ArgumentError for an unknown flag, a missing value or a value out of range.
 */
export function parseSeedArguments(argv: readonly string[]): SeedArguments {
  const result: SeedArguments = { workers: DEFAULT_WORKERS, seed: 1, reset: false, help: false };
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq > 0 && arg.startsWith('--') ? arg.slice(0, eq) : arg;
    const inline = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : undefined;
    if (seen.has(flag)) throw new ArgumentError(`${flag} is given more than once`);
    seen.add(flag);
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--workers':
        result.workers = integer(flag, value(), true);
        if (result.workers > MAX_WORKERS) throw new ArgumentError(`--workers must be at most ${MAX_WORKERS}, got "${result.workers}"`);
        break;
      case '--seed':
        result.seed = integer(flag, value(), false);
        break;
      case '--reset':
      case '--help':
        if (inline !== undefined) throw new ArgumentError(`${flag} takes no value`);
        if (flag === '--reset') result.reset = true;
        else result.help = true;
        break;
      default:
        throw new ArgumentError(arg.startsWith('-') ? `unknown option ${flag}` : `unexpected argument "${arg}"`);
    }
  }
  return result;
}
