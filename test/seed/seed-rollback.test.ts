import { type EntityManager } from '@mikro-orm/core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { type Dataset } from '../../scripts/seed/dataset.types';
import { seedAll } from '../../scripts/seed/run';
import { SeedDatabases, totalRows } from './databases';
import { TODAY } from './fixture';

// The referrals part is seeded last: make it write its rows and then fail, as a full disk would.
vi.mock('../../subgraphs/referrals/seed', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../subgraphs/referrals/seed')>();
  return {
    seedReferrals: async (em: EntityManager, data: Dataset) => {
      await real.seedReferrals(em, data);
      throw new Error('simulated failure after writing');
    },
  };
});

describe('a seed that fails', () => {
  const databases = new SeedDatabases();
  afterAll(() => databases.dispose());

  it('leaves nothing half-written in any of the four databases', async () => {
    const urls = await databases.all();
    await expect(seedAll({ workers: 40, seed: 2, today: TODAY, databaseUrls: urls, log: () => {} })).rejects.toThrow(
      /referrals: seeding failed, nothing was written to any database: simulated failure after writing/,
    );
    for (const name of ['workers', 'companies', 'pacts', 'referrals']) expect(await totalRows(name, urls[name]!)).toBe(0);
  });
});
