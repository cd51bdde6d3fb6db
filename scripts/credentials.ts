import 'reflect-metadata';
import { type CliOutput, runAsProcess, runPlatformCommand, UsageError } from './platform-cli';
import { GraphQLError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { type AuditStore } from '../subgraphs/lib/audit';
import { ErrorCode, type InputProblem } from '../subgraphs/lib/errors';
import {
  commandLineActor,
  CredentialKind,
  listSuspensions,
  reinstateCredential,
  suspendCredential,
  type Suspension,
  type SuspensionTarget,
} from '../subgraphs/lib/security/suspension';

export const CREDENTIALS_USAGE = `usage: credentials suspend   (--org ORG | --user SUBJECT [--org ORG] | --token JTI) --reason TEXT
       credentials reinstate (--org ORG | --user SUBJECT [--org ORG] | --token JTI)
       credentials list [--all]

  suspend     suspends an organisation, a user (its token sub; with --org only in that
              organisation, without it in every one) or one token (its jti); every gateway
              and subgraph refuses it within 5 seconds. Already suspended: nothing changes.
  reinstate   ends the active suspension of that credential (kept in the history).
  list        the active suspensions, newest first; --all the whole history.

  --reason TEXT   1-500 characters, a code or a short text; never personal data.

Reads AUDIT_DATABASE_URL (default file:data/audit.db), the shared platform database.
Each change is recorded in the audit trail as ADMINISTRATION by cli:<account>.
Exit codes: 0 done (or nothing to do), 1 failure, 2 bad arguments, 78 bad configuration.`;

/** Where the command writes; `process` in the real command, buffers in tests. */
/** Where the command writes. */
export type CredentialsOutput = CliOutput;

type Command =
  | { name: 'help' }
  | { name: 'list'; all: boolean }
  | { name: 'suspend'; target: SuspensionTarget; reason: string; flag: string }
  | { name: 'reinstate'; target: SuspensionTarget; flag: string };

const VALUE_FLAGS = new Set(['--org', '--user', '--token', '--reason']);

function parseArguments(args: readonly string[]): Command {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') return { name: 'help' };
  if (name !== 'suspend' && name !== 'reinstate' && name !== 'list') throw new UsageError(`unknown command "${name}"; one of suspend, reinstate, list`);
  const values = new Map<string, string>();
  let all = false;
  for (let i = 0; i < rest.length; i += 1) {
    const option = rest[i]!;
    const eq = option.startsWith('--') ? option.indexOf('=') : -1;
    const flag = eq > 0 ? option.slice(0, eq) : option;
    const inline = eq > 0 ? option.slice(eq + 1) : undefined;
    if (name === 'list') {
      if (flag !== '--all') throw new UsageError(option.startsWith('-') ? `unknown option ${flag} for list` : 'list takes no value, only --all');
      if (inline !== undefined) throw new UsageError('--all takes no value');
      all = true;
      continue;
    }
    if (!VALUE_FLAGS.has(flag) || (flag === '--reason' && name === 'reinstate')) {
      throw new UsageError(option.startsWith('-') ? `unknown option ${flag} for ${name}` : `unexpected argument #${i + 2}; values follow their option`);
    }
    if (values.has(flag)) throw new UsageError(`${flag} is given more than once`);
    const value = inline ?? rest[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`${flag} needs a value`);
    values.set(flag, value);
  }
  if (name === 'list') return { name, all };

  const org = values.get('--org');
  const user = values.get('--user');
  const token = values.get('--token');
  let target: SuspensionTarget;
  let flag: string;
  if (token !== undefined) {
    if (user !== undefined || org !== undefined) throw new UsageError('--token cannot be combined with --org or --user');
    target = { kind: CredentialKind.TOKEN, value: token };
    flag = '--token';
  } else if (user !== undefined) {
    target = { kind: CredentialKind.USER, value: user, organisation: org ?? null };
    flag = '--user';
  } else if (org !== undefined) {
    target = { kind: CredentialKind.ORGANISATION, value: org };
    flag = '--org';
  } else {
    throw new UsageError(`${name} needs one of --org, --user or --token`);
  }
  if (name === 'reinstate') return { name, target, flag };
  const reason = values.get('--reason');
  if (reason === undefined) throw new UsageError('suspend needs --reason');
  return { name, target, reason, flag };
}

/** The option of the command line that carries each input field. */
function optionOf(problem: InputProblem, valueFlag: string): string {
  if (problem.path === 'value') return valueFlag;
  if (problem.path === 'organisation') return '--org';
  if (problem.path === 'reason') return '--reason';
  return problem.path;
}

function badInput(error: unknown): InputProblem[] | null {
  if (!(error instanceof GraphQLError) || error.extensions.code !== ErrorCode.BAD_USER_INPUT) return null;
  return (error.extensions.problems as InputProblem[] | undefined) ?? [{ path: '', message: error.message }];
}

function describe(s: Suspension): string {
  return `${s.kind} (suspension ${s.id})`;
}

const LIST_HEADER = ['id', 'kind', 'value', 'organisation', 'suspended_at', 'suspended_by', 'reinstated_at', 'reinstated_by', 'reason'];

function listLine(s: Suspension): string {
  return [
    s.id, s.kind, s.value, s.organisation ?? '-', s.suspendedAt.toISOString(), s.suspendedBy, s.reinstatedAt?.toISOString() ?? '-', s.reinstatedBy ?? '-', s.reason,
  ].join('\t');
}

function account(env: NodeJS.ProcessEnv): string {
  const fromEnv = env.USER ?? env.LOGNAME;
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

async function run(command: Exclude<Command, { name: 'help' }>, store: AuditStore, env: NodeJS.ProcessEnv, out: CredentialsOutput): Promise<number> {
  if (command.name === 'list') {
    const suspensions = await listSuspensions(store, { activeOnly: !command.all });
    out.stdout.write(`${[LIST_HEADER.join('\t'), ...suspensions.map(listLine)].join('\n')}\n`);
    return 0;
  }
  const actor = commandLineActor(account(env), `cli-${randomUUID()}`);
  if (command.name === 'suspend') {
    const change = await suspendCredential(store, { ...command.target, reason: command.reason }, actor);
    out.stdout.write(
      change.changed
        ? `suspended ${describe(change.suspension)}; audit record ${change.auditSeq}; enforced everywhere within 5 seconds\n`
        : `already suspended: ${describe(change.suspension)} since ${change.suspension.suspendedAt.toISOString()}; nothing changed\n`,
    );
    return 0;
  }
  const change = await reinstateCredential(store, command.target, actor);
  out.stdout.write(change ? `reinstated ${describe(change.suspension)}; audit record ${change.auditSeq}\n` : `not suspended: no active ${command.target.kind} suspension of that value; nothing changed\n`);
  return 0;
}

/**
 * `credentials suspend|reinstate|list` on the shared platform database. Returns the exit
 * code: 0 done or nothing to do, 1 failure, 2 bad arguments (the message names the
 * option), 78 bad configuration. Messages never repeat a suspended value.
 */
export function main(args: readonly string[], env: NodeJS.ProcessEnv, out: CredentialsOutput): Promise<number> {
  return runPlatformCommand({
    program: 'credentials',
    usage: CREDENTIALS_USAGE,
    args,
    env,
    out,
    parse: parseArguments,
    migrate: true,
    openFailure: (error) => `cannot open the platform database (AUDIT_DATABASE_URL): ${(error as Error).message}`,
    run: (command, store) => run(command as Exclude<Command, { name: 'help' }>, store, env, out),
    // Input problems found by the store name the option they came from (exit 2, as for bad arguments).
    failure: (error, command) => {
      const problems = badInput(error);
      if (!problems) return undefined;
    const flag = 'flag' in command ? command.flag : '';
    out.stderr.write(`credentials: ${problems.map((p) => `${optionOf(p, flag)} ${p.message}`).join('; ')}\n`);
    return 2;
    },
  });
}

if (require.main === module) runAsProcess('credentials', main);
