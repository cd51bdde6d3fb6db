import { validateFiscalCode } from '../codes';
import { Purpose, Role } from '../identity';
import { isPurpose, isRole, validateTerritoryCode } from './claims';
import type { TokenRequest } from './sign';

/** Command-line arguments of `npm run token` (scripts/token.ts). */

export const DEFAULT_ORGANISATION = 'DEV-ORG';
export const DEFAULT_SUBJECT = 'dev-operator';
export const DEFAULT_TTL_SECONDS = 3600;

export const TOKEN_USAGE = `Usage: npm run -s token -- --role ROLE --purpose PURPOSE [--purpose P2 ...] [--org ORG] [--sub SUB]
                          [--territory ISTAT_CODE ...] [--employer FISCAL_CODE ...] [--ttl SECONDS] [--voucher]

Prints a token signed with the development key (data/keys, created when missing) and
nothing else, so that TOKEN=$(npm run -s token -- ...) works.

  --role ROLE            one of: ${Object.values(Role).join(', ')}
  --purpose PURPOSE      a purpose the credential may declare (repeatable), one of:
                         ${Object.values(Purpose).join(', ')}
  --org ORG              calling organisation (default ${DEFAULT_ORGANISATION})
  --sub SUB              operator id, or a CITIZEN's fiscal code (default ${DEFAULT_SUBJECT})
  --territory CODE       ISTAT province (015) or municipality (015146) code served (repeatable)
  --employer CODE        fiscal code of an employer acted for (repeatable)
  --ttl SECONDS          lifetime, a positive integer (default ${DEFAULT_TTL_SECONDS})
  --voucher              a PDND-style voucher: one purposeId and client_id instead of purposes and org
  --help                 show this text`;

/** What `npm run token` was asked to sign. */
export interface TokenArguments extends TokenRequest {
  help: boolean;
}

/** The arguments were not understood; the message says which and why, and the usage follows. */
export class TokenArgumentError extends Error {
  override name = 'TokenArgumentError';
}

const REPEATABLE = new Set(['--purpose', '--territory', '--employer']);
const WITH_VALUE = new Set(['--role', '--purpose', '--org', '--sub', '--territory', '--employer', '--ttl']);
const SWITCHES = new Set(['--voucher', '--help']);

/**
 * Parses the arguments of `npm run token` (flags also written `--flag=value`). Values are
 * checked here so that a bad token is never printed: unknown role or purpose, an ISTAT
 * code that is neither 3 nor 6 valid digits, an invalid fiscal code, a ttl that is not a
 * positive integer, a voucher with other than one purpose. Messages never repeat a
 * fiscal code.
 * @throws TokenArgumentError for any of these, an unknown flag or a missing value.
 */
export function parseTokenArguments(argv: readonly string[]): TokenArguments {
  const result: TokenArguments = {
    role: Role.CPI_OPERATOR,
    purposes: [],
    organisation: DEFAULT_ORGANISATION,
    subject: DEFAULT_SUBJECT,
    territory: [],
    employers: [],
    ttlSeconds: DEFAULT_TTL_SECONDS,
    voucher: false,
    help: false,
  };
  const purposes: Purpose[] = [];
  const territory: string[] = [];
  const employers: string[] = [];
  const seen = new Set<string>();
  let role: Role | undefined;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (!WITH_VALUE.has(flag) && !SWITCHES.has(flag)) {
      throw new TokenArgumentError(arg.startsWith('-') ? `unknown option ${flag}` : `unexpected argument "${arg}"`);
    }
    if (seen.has(flag) && !REPEATABLE.has(flag)) throw new TokenArgumentError(`${flag} is given more than once`);
    seen.add(flag);
    if (SWITCHES.has(flag)) {
      if (inline !== undefined) throw new TokenArgumentError(`${flag} takes no value`);
      if (flag === '--voucher') result.voucher = true;
      else result.help = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--'))) {
      throw new TokenArgumentError(`${flag} needs a value`);
    }
    switch (flag) {
      case '--role':
        if (!isRole(value)) throw new TokenArgumentError(`unknown role "${value}"; one of: ${Object.values(Role).join(', ')}`);
        role = value;
        break;
      case '--purpose':
        if (!isPurpose(value)) throw new TokenArgumentError(`unknown purpose "${value}"; one of: ${Object.values(Purpose).join(', ')}`);
        if (!purposes.includes(value)) purposes.push(value);
        break;
      case '--org':
        result.organisation = value;
        break;
      case '--sub':
        result.subject = value;
        break;
      case '--territory': {
        const checked = validateTerritoryCode(value);
        if (!checked.ok) throw new TokenArgumentError(`--territory "${value}" ${checked.reason}`);
        if (!territory.includes(checked.value)) territory.push(checked.value);
        break;
      }
      case '--employer': {
        const checked = validateFiscalCode(value);
        if (!checked.ok) throw new TokenArgumentError(`--employer #${employers.length + 1} is not a valid fiscal code: ${checked.reason}`);
        if (!employers.includes(checked.normalized)) employers.push(checked.normalized);
        break;
      }
      case '--ttl':
        if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value)) || Number(value) < 1) {
          throw new TokenArgumentError('--ttl must be a positive integer number of seconds');
        }
        result.ttlSeconds = Number(value);
        break;
    }
  }
  if (result.help) return result;
  if (role === undefined) throw new TokenArgumentError('--role is required');
  if (purposes.length === 0) throw new TokenArgumentError('at least one --purpose is required');
  if (result.voucher && purposes.length !== 1) throw new TokenArgumentError('--voucher carries exactly one --purpose');
  // The verifier refuses a CITIZEN token whose `sub` is not a personal fiscal code.
  if (role === Role.CITIZEN) {
    const code = validateFiscalCode(result.subject);
    if (!code.ok || code.kind !== 'PERSONAL') throw new TokenArgumentError("--sub of a CITIZEN must be the person's fiscal code");
    result.subject = code.normalized;
  }
  return { ...result, role, purposes, territory, employers };
}
