import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EntityManager } from '@mikro-orm/core';
import { initOrm, migrate } from '../../../subgraphs/lib/orm';
import { type SubgraphModule } from '../../../subgraphs/lib/subgraph';
import { pactsSubgraph } from '../../../subgraphs/pacts';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { workersSubgraph } from '../../../subgraphs/workers';
import { main, SUPPRESSED_MARK } from '../../../scripts/neighbourhood-report';
import { createTestDatabase, testPlatform, type TestDatabase } from '../../utils/database';
import { insertReportPlacements } from '../workers/neighbourhood-placements-fixtures';
import { FIXTURE_PEOPLE, insertNeighbourhoodActivity, insertNeighbourhoodDids, insertNeighbourhoodPacts, JENNER, SANSIRO } from './neighbourhood-fixtures';

// `npm run report:neighbourhood -- --year 2025 --out DIR`: the technical committee's
// yearly report (seed 004 art. 5), aggregated only (art. 6), as Markdown and HTML.

function output() {
  const text = { stdout: '', stderr: '' };
  return { text, out: { stdout: { write: (s: string) => (text.stdout += s) }, stderr: { write: (s: string) => (text.stderr += s) } } as never };
}

/** A database of `module` that outlives one connection (a file on SQLite), filled by `fill`. */
async function filledDatabase(dir: string, module: SubgraphModule, fill: (em: EntityManager) => Promise<void>): Promise<TestDatabase> {
  const database = testPlatform() === 'sqlite' ? { url: `file:${join(dir, `${module.name}.db`)}`, drop: async () => {} } : await createTestDatabase(`report_${module.name}`);
  const db = await initOrm({ entities: module.entities, databaseUrl: database.url, migrations: module.migrations });
  try {
    await migrate(db);
    await fill(db.orm.em.fork() as EntityManager);
  } finally {
    await db.orm.close();
  }
  return database;
}

describe('the yearly neighbourhood desk report', () => {
  let dir: string;
  let databases: TestDatabase[];
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'neighbourhood-report-'));
    databases = [
      await filledDatabase(dir, referralsSubgraph as SubgraphModule, insertNeighbourhoodActivity),
      await filledDatabase(dir, workersSubgraph as SubgraphModule, async (em) => {
        await insertNeighbourhoodDids(em);
        await insertReportPlacements(em);
      }),
      await filledDatabase(dir, pactsSubgraph as SubgraphModule, insertNeighbourhoodPacts),
    ];
    env = { REFERRALS_DATABASE_URL: databases[0]!.url, WORKERS_DATABASE_URL: databases[1]!.url, PACTS_DATABASE_URL: databases[2]!.url };
  });
  afterAll(async () => {
    for (const database of databases ?? []) await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the Markdown and the HTML with its charts: the totals, the suppressed cells marked, no fiscal code or name', async () => {
    const out = join(dir, 'out');
    const { text, out: streams } = output();
    expect(await main(['--year', '2025', '--out', out], env, streams)).toBe(0);
    const markdownPath = join(out, 'neighbourhood-desks-2025.md');
    const htmlPath = join(out, 'neighbourhood-desks-2025.html');
    expect(text.stdout.trim().split('\n')).toEqual([markdownPath, htmlPath]);
    const markdown = readFileSync(markdownPath, 'utf8');
    const html = readFileSync(htmlPath, 'utf8');

    expect(markdown).toContain('## Contacts at the desk\n\nTotal 2025: 13');
    expect(markdown).toContain('## Referrals sent by the desk\n\nTotal 2025: 7');
    expect(markdown).toContain('## Referrals received by the desk\n\nTotal 2025: 3');
    expect(markdown).toContain('## Appointments attended at the desk\n\nTotal 2025: 3');
    expect(markdown).toContain('## DIDs at the desk (competent job centre)\n\nTotal 2025: 10');
    expect(markdown).toContain('## Service pacts signed at the desk\n\nTotal 2025: 6');
    // Contacts: Jenner's single contact of Q2 and its complements are marked, never shown.
    expect(markdown).toContain(`| Sportello CPI viale Jenner (${JENNER}) | Jenner | ${SUPPRESSED_MARK} | ${SUPPRESSED_MARK} | 0 | 0 |`);
    expect(markdown).toContain(`| Sportello CPI San Siro (${SANSIRO}) | San Siro | 3 | 0 | 4 | 0 |`);
    // Placements within six months of the DIDs: three San Siro DIDs of Q1 hired at five months (a fourth, at seven, is not).
    expect(markdown).toContain('## Placements within six months of a DID at the desk\n\nTotal 2025: 3');
    expect(markdown).toMatch(new RegExp(`## Placements within six months[^#]*\\| Sportello CPI San Siro \\(${SANSIRO}\\) \\| San Siro \\| 3 \\| 0 \\| 0 \\| 0 \\|`));
    expect(markdown).toContain('no later than the same day six calendar months on');

    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/<svg /g)).toHaveLength(7);
    expect(html).toContain('<title>Placements within six months of a DID at the desk per desk and quarter, 2025</title>');
    expect(html).toContain('<td class="suppressed">*</td>');
    expect(html).toContain('Total 2025: 13');
    expect(html).not.toMatch(/<script/i);

    for (const text of [markdown, html]) {
      for (const p of FIXTURE_PEOPLE) {
        expect(text).not.toContain(p.fiscalCode);
        expect(text).not.toContain(p.lastName!);
      }
      expect(text).not.toMatch(/[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]/);
    }
  });

  it('refuses a missing or malformed year with the usage', async () => {
    for (const args of [[], ['--year', '25'], ['--year', '2025', '--territory', 'MI']]) {
      const { text, out } = output();
      expect(await main(args, env, out)).toBe(2);
      expect(text.stderr).toContain('usage: report:neighbourhood');
    }
  });
});
