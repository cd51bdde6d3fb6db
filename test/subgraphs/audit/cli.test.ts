import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/audit';
import { appendRecords, type AuditStore } from '../../../subgraphs/lib/audit';
import { testPlatform } from '../../utils/database';
import { accessRecord, type AuditTestDatabase, createAuditDatabase, sql } from './support';

const ROOT = resolve(__dirname, '..', '..', '..');

/** Runs the command in-process with its own environment, capturing what it prints. */
async function audit(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, env, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

/** Runs the command as a real process (TypeScript compiled on the fly by SWC). */
function auditProcess(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', join(__dirname, 'swc-register.cjs'), join(ROOT, 'scripts', 'audit.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

describe(`the audit command, on ${testPlatform()}`, () => {
  let database: AuditTestDatabase;
  let store: AuditStore;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    database = await createAuditDatabase('audit_cli', { file: true });
    store = await database.open();
    await appendRecords(store, Array.from({ length: 12 }, (_, i) => accessRecord(i + 1)));
    env = { AUDIT_DATABASE_URL: database.url };
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('verify exits 0 and prints the length and head of an intact chain; checkpoint prints SEQ:HASH', async () => {
    const head = await store.head();
    expect(await audit(['verify'], env)).toEqual({ code: 0, stdout: `audit chain OK: 12 records, head 12 ${head.hash}\n`, stderr: '' });
    expect(await audit(['checkpoint'], env)).toEqual({ code: 0, stdout: `12:${head.hash}\n`, stderr: '' });
  });

  it('verify --checkpoint exits 1 naming the truncation when the last records are deleted', async () => {
    const checkpoint = (await audit(['checkpoint'], env)).stdout.trim();
    await sql(store, 'delete from "audit_record" where "seq" > ?', [10]);
    expect((await audit(['verify'], env)).code).toBe(0);
    expect(await audit(['verify', `--checkpoint=${checkpoint}`], env)).toEqual({
      code: 1,
      stdout: 'audit chain BROKEN at record 11 (TRUNCATED): the chain was truncated: it ends at record 10, the checkpoint is at record 12\n',
      stderr: '',
    });
  });

  it('verify exits 1 naming an edited record', async () => {
    await sql(store, 'update "audit_record" set "role" = ? where "seq" = ?', ['PLATFORM_ADMIN', 5]);
    const result = await audit(['verify'], env);
    expect(result).toMatchObject({ code: 1, stdout: 'audit chain BROKEN at record 5 (EDITED): record 5 was edited (hash mismatch)\n' });
    expect((await audit(['verify', '--from', '6'], env)).code).toBe(0);
  });

  it('runs as a process, exiting with the code and printing the verdict (TypeScript compiled on the fly)', async () => {
    expect(await auditProcess(['verify'], env)).toEqual({
      code: 1,
      stdout: 'audit chain BROKEN at record 5 (EDITED): record 5 was edited (hash mismatch)\n',
      stderr: '',
    });
  });
});
