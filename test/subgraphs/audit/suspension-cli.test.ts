import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/credentials';
import { AuditKind, type AuditStore, verifyChain } from '../../../subgraphs/lib/audit';
import { testPlatform } from '../../utils/database';
import { type AuditTestDatabase, createAuditDatabase } from './support';

const ROOT = resolve(__dirname, '..', '..', '..');

async function credentials(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, env, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

describe(`the credentials command, on ${testPlatform()}`, () => {
  let database: AuditTestDatabase;
  let store: AuditStore;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    database = await createAuditDatabase('suspension_cli', { file: true });
    store = await database.open();
    env = { AUDIT_DATABASE_URL: database.url, USER: 'ops-admin' };
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('suspends an organisation, recording cli:<account> in the row and the audit trail; again is a no-op', async () => {
    const first = await credentials(['suspend', '--org', 'ORG-CLI', '--reason', 'CONTRACT_ENDED'], env);
    expect(first).toEqual({ code: 0, stdout: expect.stringMatching(/^suspended ORGANISATION \(suspension \d+\); audit record \d+; enforced everywhere within 5 seconds\n$/), stderr: '' });
    const again = await credentials(['suspend', '--org=ORG-CLI', '--reason=OTHER'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^already suspended: ORGANISATION \(suspension \d+\) since \d{4}-.*; nothing changed\n$/);
    const { records } = await store.query({ kind: AuditKind.ADMINISTRATION }, { first: 10 });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ subject: 'cli:ops-admin', subgraph: 'credentials-cli', role: 'PLATFORM_ADMIN', purpose: 'ADMINISTRATION', detail: 'SUSPEND_ORGANISATION' });
    expect(records[0]!.requestId).toMatch(/^cli-/);
  });

  it('suspends a user (in one organisation or in all) and a token; list prints the active ones as tab-separated lines', async () => {
    expect((await credentials(['suspend', '--user', 'op-1', '--org', 'ORG-CLI', '--reason', 'LEFT'], env)).code).toBe(0);
    expect((await credentials(['suspend', '--user', 'op-2', '--reason', 'LEFT'], env)).code).toBe(0);
    expect((await credentials(['suspend', '--token', 'jti-cli-1', '--reason', 'LEAKED'], env)).code).toBe(0);
    const list = await credentials(['list'], env);
    expect(list.code).toBe(0);
    const lines = list.stdout.trimEnd().split('\n').map((line) => line.split('\t'));
    expect(lines[0]).toEqual(['id', 'kind', 'value', 'organisation', 'suspended_at', 'suspended_by', 'reinstated_at', 'reinstated_by', 'reason']);
    expect(lines.slice(1).map((l) => [l[1], l[2], l[3], l[5], l[6], l[8]])).toEqual([
      ['TOKEN', 'jti-cli-1', '-', 'cli:ops-admin', '-', 'LEAKED'],
      ['USER', 'op-2', '-', 'cli:ops-admin', '-', 'LEFT'],
      ['USER', 'op-1', 'ORG-CLI', 'cli:ops-admin', '-', 'LEFT'],
      ['ORGANISATION', 'ORG-CLI', '-', 'cli:ops-admin', '-', 'CONTRACT_ENDED'],
    ]);
  });

  it('reinstates; reinstating what is not suspended changes nothing and exits 0; list --all shows the history', async () => {
    const done = await credentials(['reinstate', '--user', 'op-1', '--org', 'ORG-CLI'], env);
    expect(done).toEqual({ code: 0, stdout: expect.stringMatching(/^reinstated USER \(suspension \d+\); audit record \d+\n$/), stderr: '' });
    const nothing = await credentials(['reinstate', '--user', 'op-1', '--org', 'ORG-CLI'], env);
    expect(nothing).toEqual({ code: 0, stdout: 'not suspended: no active USER suspension of that value; nothing changed\n', stderr: '' });
    const active = await credentials(['list'], env);
    expect(active.stdout).not.toMatch(/\top-1\t/);
    const all = await credentials(['list', '--all'], env);
    const row = all.stdout.split('\n').find((l) => l.includes('\top-1\t'))!.split('\t');
    expect(row[7]).toBe('cli:ops-admin');
    expect(row[6]).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect((await verifyChain(store)).ok).toBe(true);
  });

  it('exits 2 naming the option whose value is invalid, without repeating the value', async () => {
    const head = await store.head();
    const result = await credentials(['suspend', '--user', 'op\u00073', '--org', ' ORG', '--reason', 'x'.repeat(501)], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'credentials: --user must not contain control characters; --org must not start or end with white space; --reason must be at most 500 characters\n',
    );
    expect((await credentials(['suspend', '--token', ' ', '--reason', 'r'], env)).stderr).toBe('credentials: --token must not be empty\n');
    expect(await store.head()).toEqual(head);
  });

  it('exits 1 saying so when the database cannot be opened', async () => {
    const result = await credentials(['list'], { AUDIT_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^credentials: cannot open the platform database \(AUDIT_DATABASE_URL\)/);
  });

  it('runs as a process (TypeScript compiled on the fly)', async () => {
    const child = spawn(process.execPath, ['-r', join(__dirname, 'swc-register.cjs'), join(ROOT, 'scripts', 'credentials.ts'), 'list'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, AUDIT_DATABASE_URL: database.url },
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('id\tkind\tvalue\torganisation\tsuspended_at\tsuspended_by\treinstated_at\treinstated_by\treason');
    expect(stdout).toContain('\tjti-cli-1\t');
  });
});
