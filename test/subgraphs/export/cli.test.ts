import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../scripts/export';
import { createTestDatabase, type TestDatabase, testPlatform } from '../../utils/database';
import { exportDirectory } from './support';

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, env, { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
  return { code, stdout, stderr };
}

describe(`npm run export, on ${testPlatform()}`, () => {
  let dir: string;
  let companies: TestDatabase;
  let audit: TestDatabase;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = exportDirectory();
    companies = await createTestDatabase('export_cli_companies');
    audit = await createTestDatabase('export_cli_audit');
    // In-memory SQLite would not outlive the command: files on SQLite.
    const sqlite = testPlatform() === 'sqlite';
    env = {
      COMPANIES_DATABASE_URL: sqlite ? `file:${join(dir, 'companies.db')}` : companies.url,
      AUDIT_DATABASE_URL: sqlite ? `file:${join(dir, 'audit.db')}` : audit.url,
      EXPORT_DIR: join(dir, 'exports'),
    };
  });
  afterAll(async () => {
    await companies.drop();
    await audit.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [['--dataset', 'RELATIONSHIPS', '--format', 'csv'], '--cassa is required'],
    [['--cassa', 'mi 00', '--dataset', 'RELATIONSHIPS', '--format', 'csv'], '--cassa must be a Cassa Edile code'],
    [['--cassa', 'MI00', '--dataset', 'PEOPLE', '--format', 'csv'], '--dataset must be RELATIONSHIPS, REGISTRY or TRAINING'],
    [['--cassa', 'MI00', '--dataset', 'REGISTRY', '--format', 'xml'], '--format must be ndjson or csv'],
    [['--cassa', 'MI00', '--dataset', 'REGISTRY', '--format', 'csv', '--from', '2025-02-30'], '--from must be a date YYYY-MM-DD'],
    [['--cassa', 'MI00', '--dataset', 'REGISTRY', '--format', 'csv', '--from', '2025-03-01', '--to', '2025-02-01'], '--to must not be before --from'],
    [['--cassa', 'MI00', '--dataset', 'REGISTRY', '--format', 'csv', '--out', '/no/such/dir/x.gz'], '--out names a file in a directory that does not exist'],
    [['--cassa', 'MI00', '--cassa', 'CR00', '--dataset', 'REGISTRY', '--format', 'csv'], '--cassa is given more than once'],
    [['--cassa', 'MI00', '--dataset', 'REGISTRY', '--format', 'csv', '--verbose'], 'unknown option --verbose'],
    [['--cassa'], '--cassa needs a value'],
  ])('refuses %j with exit 2, saying what is wrong and where', async (args, message) => {
    const result = await run(args, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`export: ${message}`);
    expect(result.stderr).toContain('usage: export');
  });

  it('bad configuration stops it with exit 78, naming the variable', async () => {
    const result = await run(['--cassa', 'MI00', '--dataset', 'RELATIONSHIPS', '--format', 'csv'], { ...env, EXPORT_FILE_TTL_HOURS: '20000' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('EXPORT_FILE_TTL_HOURS');
  });

  it('writes the file, the job row and the audit record, and prints id, rows, bytes, SHA-256 and path', async () => {
    const out = join(dir, 'mi00-relationships.csv.gz');
    const result = await run(['--cassa', 'MI00', '--dataset', 'RELATIONSHIPS', '--format', 'csv', '--from', '2025-01-01', `--out=${out}`], env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^export [0-9a-f-]{36} READY\n  rows    0\n  bytes   \d+\n  sha256  [0-9a-f]{64}\n  path    /);
    expect(result.stdout).toContain(out);
    expect(existsSync(out)).toBe(true);
    const again = await run(['--cassa', 'MI00', '--dataset', 'RELATIONSHIPS', '--format', 'csv', '--out', out], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--out names a file that already exists');
  });
});
