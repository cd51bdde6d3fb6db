import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_USAGE, main } from '../../../scripts/audit';
import { loadAuditConfig, parseCheckpoint } from '../../../subgraphs/lib/audit';

async function audit(args: string[], env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, env, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

describe('the audit command line, before it opens a database', () => {
  it('reads AUDIT_DATABASE_URL and AUDIT_INDEX_INTERVAL_MS, defaulting to the embedded file and 2 seconds', () => {
    expect(loadAuditConfig({})).toEqual({ databaseUrl: 'file:data/audit.db', indexIntervalMs: 2000 });
    expect(loadAuditConfig({ AUDIT_DATABASE_URL: 'postgres://audit@db.example/audit', AUDIT_INDEX_INTERVAL_MS: '500' })).toEqual({
      databaseUrl: 'postgres://audit@db.example/audit',
      indexIntervalMs: 500,
    });
    expect(() => loadAuditConfig({ AUDIT_INDEX_INTERVAL_MS: '0' })).toThrow(/AUDIT_INDEX_INTERVAL_MS/);
  });

  it('exits 78 naming the variable when AUDIT_DATABASE_URL is not a database URL', async () => {
    const result = await audit(['verify'], { AUDIT_DATABASE_URL: 'mysql://db.example/audit' });
    expect(result.code).toBe(78);
    expect(result.stderr).toMatch(/^audit: Invalid configuration: AUDIT_DATABASE_URL: must be a postgres:\/\/ URL/);
  });

  it('exits 2 with the usage on an unknown command, option or malformed checkpoint', async () => {
    for (const args of [['frobnicate'], ['verify', '--since', '3'], ['verify', '--checkpoint', '12:abc'], ['verify', '--checkpoint'], ['verify', '--from', '0'], ['checkpoint', '--from', '2']]) {
      const result = await audit(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(AUDIT_USAGE);
    }
  });

  it('prints the usage on help', async () => {
    expect(await audit(['--help'])).toEqual({ code: 0, stdout: `${AUDIT_USAGE}\n`, stderr: '' });
  });

  it('exits 1 without creating anything when the embedded database file does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lg-audit-missing-'));
    try {
      const file = join(dir, 'nested', 'audit.db');
      expect(await audit(['verify'], { AUDIT_DATABASE_URL: `file:${file}` })).toEqual({ code: 1, stdout: '', stderr: `audit: no audit trail in ${file} (AUDIT_DATABASE_URL)\n` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('parses checkpoints as SEQ:HASH', () => {
    expect(parseCheckpoint(`12:${'a'.repeat(64)}`)).toEqual({ seq: 12, hash: 'a'.repeat(64) });
    expect(parseCheckpoint(`12:${'A'.repeat(64)}`)).toBeNull();
    expect(parseCheckpoint('12')).toBeNull();
  });
});
