import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDataset } from '../../scripts/seed/dataset';
import { databaseUrlFor, SeedRefusedError, seedAll, seedIfEmpty } from '../../scripts/seed/run';
import { countRows, SeedDatabases, totalRows } from './databases';
import { TODAY } from './fixture';

const ENTITY: Record<string, string> = { workers: 'Worker', companies: 'MandatoryNotice', pacts: 'ServicePact', referrals: 'Referral' };
const DATA_KEY = { workers: 'workers', companies: 'notices', pacts: 'servicePacts', referrals: 'referrals' } as const;

describe('seeding the four subgraph databases', () => {
  const databases = new SeedDatabases();
  let urls: Record<string, string>;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  const options = { workers: 60, seed: 4, today: TODAY, log };
  const expected = generateDataset({ workers: 60, seed: 4, today: TODAY });

  beforeAll(async () => {
    urls = await databases.all();
  });
  afterAll(() => databases.dispose());

  it('seeds empty databases on first start, every part in its subgraph, with timings', async () => {
    const report = await seedIfEmpty({ ...options, databaseUrls: urls });
    expect(report.seeded).toBe(true);
    expect(report.counts.workers).toBe(60);
    for (const name of ['workers', 'companies', 'pacts', 'referrals']) {
      expect(await countRows(name, urls[name]!, ENTITY[name]!)).toBe(expected[DATA_KEY[name as keyof typeof DATA_KEY]].length);
      expect(report.timings[name]).toBeGreaterThanOrEqual(0);
      expect(lines.some((l) => l.startsWith(`${name}: seeded in`))).toBe(true);
    }
  });

  it('keeps the data on a restart', async () => {
    lines.length = 0;
    const report = await seedIfEmpty({ ...options, workers: 80, databaseUrls: urls });
    expect(report.seeded).toBe(false);
    expect(lines).toEqual(['the databases already hold data: not seeding']);
    expect(await countRows('workers', urls.workers!, 'Worker')).toBe(60);
  });

  it('refuses to seed over existing data without reset, naming the databases', async () => {
    const attempt = seedAll({ ...options, databaseUrls: urls });
    await expect(attempt).rejects.toBeInstanceOf(SeedRefusedError);
    await expect(seedAll({ ...options, databaseUrls: urls })).rejects.toThrow(/workers, companies, pacts, referrals databases already hold data; run `npm run seed -- --reset`/);
    expect(await countRows('workers', urls.workers!, 'Worker')).toBe(60);
  });

  it('refuses when only some databases are empty, saying which and how to rebuild', async () => {
    const mixed = { ...urls, pacts: await databases.fresh('pacts') };
    await expect(seedIfEmpty({ ...options, databaseUrls: mixed })).rejects.toThrow(
      /the pacts database is empty but workers, companies, referrals hold data; .*npm run seed -- --reset/,
    );
    expect(await totalRows('pacts', mixed.pacts!)).toBe(0);
  });

  it('replaces the data with reset, for a larger data set', async () => {
    const report = await seedAll({ ...options, workers: 120, seed: 5, reset: true, databaseUrls: urls });
    expect(report.seeded).toBe(true);
    expect(await countRows('workers', urls.workers!, 'Worker')).toBe(120);
    const fresh = generateDataset({ workers: 120, seed: 5, today: TODAY });
    expect(await countRows('companies', urls.companies!, 'MandatoryNotice')).toBe(fresh.notices.length);
    expect(await countRows('referrals', urls.referrals!, 'Referral')).toBe(fresh.referrals.length);
  });
});

describe('databaseUrlFor', () => {
  it('takes the option first, then <NAME>_DATABASE_URL, then the embedded file', () => {
    expect(databaseUrlFor('pacts', { pacts: 'postgres://db/pacts' }, { PACTS_DATABASE_URL: 'file:other.db' })).toBe('postgres://db/pacts');
    expect(databaseUrlFor('pacts', {}, { PACTS_DATABASE_URL: 'file:other.db' })).toBe('file:other.db');
    expect(databaseUrlFor('pacts', undefined, {})).toBe('file:data/pacts.db');
  });

  it('rejects a malformed URL in the environment, naming the variable', () => {
    expect(() => databaseUrlFor('workers', undefined, { WORKERS_DATABASE_URL: 'mysql://x' })).toThrow(/WORKERS_DATABASE_URL/);
  });
});
