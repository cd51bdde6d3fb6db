import { loadDevelopmentSigner, signCallerToken } from '../subgraphs/lib/auth/sign';
import { parseTokenArguments, TOKEN_USAGE, TokenArgumentError } from '../subgraphs/lib/auth/token-arguments';

/**
 * `npm run -s token -- --role ROLE --purpose PURPOSE ...`: prints a token signed with the
 * development key (created under data/keys when missing) and nothing else on stdout, so
 * that `TOKEN=$(npm run -s token -- ...)` works. Exits 2 on bad arguments, 1 on failure.
 */
async function main(): Promise<void> {
  let args;
  try {
    args = parseTokenArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof TokenArgumentError)) throw error;
    process.stderr.write(`token: ${error.message}\n\n${TOKEN_USAGE}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${TOKEN_USAGE}\n`);
    return;
  }
  const signer = await loadDevelopmentSigner();
  process.stdout.write(`${await signCallerToken(args, signer)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`token: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
