import { describe, expect, it } from 'vitest';
import { CREDENTIALS_USAGE, main } from '../../../scripts/credentials';
import { CredentialKind, suspensionInputProblems } from '../../../subgraphs/lib/security/suspension';

describe('suspension input', () => {
  const valid = { kind: CredentialKind.ORGANISATION, value: 'ORG-A', reason: 'CONTRACT_ENDED' };

  it('accepts an organisation, a user with or without organisation, and a token', () => {
    expect(suspensionInputProblems(valid, { reason: true })).toEqual([]);
    expect(suspensionInputProblems({ kind: CredentialKind.USER, value: 'op-1', organisation: 'ORG-A', reason: 'left the office' }, { reason: true })).toEqual([]);
    expect(suspensionInputProblems({ kind: CredentialKind.USER, value: 'op-1' }, { reason: false })).toEqual([]);
    expect(suspensionInputProblems({ kind: CredentialKind.TOKEN, value: '0b6f4a9e-6d1c-4f7a-9a51-3f5e0c8b7d21', reason: 'LEAKED' }, { reason: true })).toEqual([]);
    expect(suspensionInputProblems({ ...valid, value: 'x'.repeat(200), reason: 'r'.repeat(500) }, { reason: true })).toEqual([]);
  });

  it('lists every problem at once, naming the field and never repeating the value', () => {
    const problems = suspensionInputProblems(
      { kind: 'GROUP' as CredentialKind, value: 'bad\u0000value ', organisation: 'ORG', reason: 'r'.repeat(501) },
      { reason: true },
    );
    expect(problems).toEqual([
      { path: 'kind', message: 'must be one of ORGANISATION, USER, TOKEN' },
      { path: 'value', message: 'must not contain control characters' },
      { path: 'value', message: 'must not start or end with white space' },
      { path: 'organisation', message: 'only a USER suspension is limited to an organisation' },
      { path: 'reason', message: 'must be at most 500 characters' },
    ]);
    expect(JSON.stringify(problems)).not.toContain('bad');
  });

  it('refuses empty, blank, over-long and multi-line values and reasons', () => {
    expect(suspensionInputProblems({ ...valid, value: '', reason: '' }, { reason: true })).toEqual([
      { path: 'value', message: 'must not be empty' },
      { path: 'reason', message: 'must not be empty' },
    ]);
    expect(suspensionInputProblems({ ...valid, value: '   ', reason: 'a\nb' }, { reason: true })).toEqual([
      { path: 'value', message: 'must not be empty' },
      { path: 'reason', message: 'must not contain control characters' },
    ]);
    expect(suspensionInputProblems({ ...valid, value: 'x'.repeat(201) }, { reason: true })).toEqual([{ path: 'value', message: 'must be at most 200 characters' }]);
    expect(suspensionInputProblems({ kind: CredentialKind.USER, value: 'op', organisation: 'a\u2028b' }, { reason: false })).toEqual([
      { path: 'organisation', message: 'must not contain control characters' },
    ]);
  });
});

async function credentials(args: string[], env: NodeJS.ProcessEnv = { AUDIT_DATABASE_URL: ':memory:' }) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, env, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

describe('the credentials command line, before it opens a database', () => {
  it('prints the usage on help', async () => {
    expect(await credentials(['--help'])).toEqual({ code: 0, stdout: `${CREDENTIALS_USAGE}\n`, stderr: '' });
    expect(await credentials([])).toMatchObject({ code: 0 });
  });

  it('exits 2 naming the argument at fault, with the usage', async () => {
    const cases: [string[], string][] = [
      [['disable', '--org', 'A'], 'unknown command "disable"; one of suspend, reinstate, list'],
      [['suspend', '--reason', 'x'], 'suspend needs one of --org, --user or --token'],
      [['suspend', '--org', 'A'], 'suspend needs --reason'],
      [['suspend', '--org'], '--org needs a value'],
      [['suspend', '--org', '--reason', 'x'], '--org needs a value'],
      [['suspend', '--org', 'A', '--org', 'B', '--reason', 'x'], '--org is given more than once'],
      [['suspend', '--token', 'j', '--user', 'u', '--reason', 'x'], '--token cannot be combined with --org or --user'],
      [['suspend', '--group', 'g'], 'unknown option --group for suspend'],
      [['reinstate', '--org', 'A', '--reason', 'x'], 'unknown option --reason for reinstate'],
      [['list', '--active'], 'unknown option --active for list'],
      [['list', '--all=yes'], '--all takes no value'],
    ];
    for (const [args, message] of cases) {
      const result = await credentials(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toBe(`credentials: ${message}\n\n${CREDENTIALS_USAGE}\n`);
      expect(result.stdout).toBe('');
    }
  });

  it('exits 78 naming AUDIT_DATABASE_URL when it is not a database URL', async () => {
    const result = await credentials(['list'], { AUDIT_DATABASE_URL: 'mysql://db.example/platform' });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/^credentials: Invalid configuration: AUDIT_DATABASE_URL: /);
  });
});
