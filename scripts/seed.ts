import 'reflect-metadata';
import { ArgumentError, parseSeedArguments, SEED_USAGE } from './seed/cli';
import { seedAll, SeedRefusedError } from './seed/run';

/**
 * `npm run seed -- --workers N [--seed S] [--reset]`: generates the synthetic demo data set
 * and stores it in the four subgraph databases. Exits 2 on bad arguments, 1 when the
 * databases already hold data (without --reset) or seeding fails.
 */
async function main(): Promise<void> {
  let args;
  try {
    args = parseSeedArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof ArgumentError)) throw error;
    process.stderr.write(`seed: ${error.message}\n\n${SEED_USAGE}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${SEED_USAGE}\n`);
    return;
  }
  await seedAll({ workers: args.workers, seed: args.seed, reset: args.reset, log: (line) => process.stdout.write(`seed: ${line}\n`) });
}

main().catch((error: unknown) => {
  const message = error instanceof SeedRefusedError ? error.message : ((error as Error).stack ?? String(error));
  process.stderr.write(`seed: ${message}\n`);
  process.exit(1);
});
