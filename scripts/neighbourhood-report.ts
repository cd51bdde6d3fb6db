import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, loadSubgraphConfig } from '../subgraphs/lib/config';
import { type EntityManager } from '@mikro-orm/core';
import { type Caller, Purpose, Role } from '../subgraphs/lib/identity';
import { type NeighbourhoodDeskIndicatorTable, NeighbourhoodDeskIndicator } from '../subgraphs/lib/neighbourhood-desk';
import { initOrm, migrate } from '../subgraphs/lib/orm';
import { type SubgraphModule } from '../subgraphs/lib/subgraph';
import { pactsSubgraph } from '../subgraphs/pacts';
import { neighbourhoodDeskPacts } from '../subgraphs/pacts/neighbourhood-desk/neighbourhood-desk.resolver';
import { referralsSubgraph } from '../subgraphs/referrals';
import { type NeighbourhoodDeskActivity, neighbourhoodDeskActivity } from '../subgraphs/referrals/neighbourhood-desk/neighbourhood-desk-activity';
import { loadReferralsSettings } from '../subgraphs/referrals/settings';
import { workersSubgraph } from '../subgraphs/workers';
import { neighbourhoodDeskDids, neighbourhoodDeskPlacements } from '../subgraphs/workers/neighbourhood-desk/neighbourhood-desk.resolver';
import { type CliOutput, runAsProcess, UsageError } from './platform-cli';

export const REPORT_USAGE = `usage: report:neighbourhood --year YYYY [--out DIR] [--territory ISTAT_CODE ...]

  Writes the yearly report of the job-centre desks in public-housing (ALER) neighbourhoods
  for the protocol's technical committee (seed 004 art. 5): neighbourhood-desks-YYYY.md and
  neighbourhood-desks-YYYY.html (tables and inline SVG bar charts), aggregated only, with
  the cells below DESK_STATISTICS_MIN_CELL_COUNT suppressed with their complements.

  --year YYYY      the calendar year
  --out DIR        where to write (default reports/)
  --territory CODE the desks of these provinces or municipalities (default 015, Milan)

Reads REFERRALS_DATABASE_URL, WORKERS_DATABASE_URL and PACTS_DATABASE_URL like the
subgraphs, through the same services as the queries neighbourhoodDeskActivity,
neighbourhoodDeskDids, neighbourhoodDeskPacts and neighbourhoodDeskPlacements
(REGION_ANALYST, STATISTICS).
Exit codes: 0 written, 1 failure, 2 bad arguments, 78 bad configuration.`;

/** What the report shows: the referrals subgraph's desks and indicators, then the DID, pact and placement tables. */
export type NeighbourhoodReport = NeighbourhoodDeskActivity;

/** Marks a suppressed cell in the report. */
export const SUPPRESSED_MARK = '*';

const LABELS: Record<NeighbourhoodDeskIndicator, string> = {
  CONTACTS: 'Contacts at the desk',
  REFERRALS_SENT: 'Referrals sent by the desk',
  REFERRALS_RECEIVED: 'Referrals received by the desk',
  APPOINTMENTS_ATTENDED: 'Appointments attended at the desk',
  DIDS_STARTED: 'DIDs at the desk (competent job centre)',
  PACTS_STARTED: 'Service pacts signed at the desk',
  PLACEMENTS_WITHIN_6_MONTHS: 'Placements within six months of a DID at the desk',
};

/** How the placements are counted, said in every report (they are the one indicator that is not a plain count of events). */
const PLACEMENTS_NOTE =
  'Placements within six months: people whose DID at the desk falls in the quarter and who were hired (a relationship not annulled) after the date of the DID and no later than the same day six calendar months on; each person once per desk and quarter. The quarters whose six months have not all passed when the report is written can still grow.';

interface ReportCommand {
  name: 'report';
  year: number;
  out: string;
  territory: string[];
}

export function parseReportArguments(args: readonly string[]): ReportCommand | { name: 'help' } {
  if (args.includes('--help') || args.includes('-h')) return { name: 'help' };
  let year: number | null = null;
  let out = 'reports';
  const territory: string[] = [];
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i]!, args[i + 1]];
    if (value === undefined) throw new UsageError(`${flag} needs a value`);
    if (flag === '--year') {
      if (!/^\d{4}$/.test(value)) throw new UsageError('--year must be a four-digit year');
      year = Number(value);
    } else if (flag === '--out') out = value;
    else if (flag === '--territory') {
      if (!/^(\d{3}|\d{6})$/.test(value)) throw new UsageError('--territory must be a three-digit province or six-digit municipality ISTAT code');
      territory.push(value);
    } else throw new UsageError(`unknown argument ${flag}`);
  }
  if (year === null) throw new UsageError('--year is required');
  return { name: 'report', year, out, territory: territory.length ? territory : ['015'] };
}

function cellText(count: number | null, suppressed: boolean): string {
  return suppressed ? SUPPRESSED_MARK : String(count);
}

const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'];

/** The rows of one indicator: per desk, the four quarters. */
function rowsOf(activity: NeighbourhoodDeskActivity, table: NeighbourhoodDeskIndicatorTable) {
  return {
    table,
    rows: activity.desks.map((desk) => ({
      desk,
      cells: QUARTERS.map((q) => table.cells.find((c) => c.desk === desk.code && c.quarter === `${activity.year}-${q}`)!),
    })),
  };
}

function totalText(table: { total: number | null; totalSuppressed: boolean }): string {
  return table.totalSuppressed ? SUPPRESSED_MARK : String(table.total);
}

function suppressionNote(activity: NeighbourhoodDeskActivity): string {
  return `Counts only. A cell marked ${SUPPRESSED_MARK} is suppressed: a count below ${activity.minimumCellCount}, or a cell withheld with one so that it cannot be worked out from the totals (privacy.md §5). A zero is a true zero.`;
}

/** The report as Markdown. */
export function renderMarkdown(activity: NeighbourhoodDeskActivity): string {
  const lines = [
    `# Job-centre desks in public-housing neighbourhoods: ${activity.year}`,
    '',
    'Yearly report to the technical committee of the protocol between Regione Lombardia, ALER Milano and Città metropolitana di Milano (art. 5). Data published in aggregate form only (art. 6).',
    '',
    suppressionNote(activity),
    '',
    PLACEMENTS_NOTE,
    '',
  ];
  if (activity.desks.length === 0) lines.push('No desk in a public-housing neighbourhood in the territory.', '');
  for (const indicatorTable of activity.indicators) {
    const { table, rows } = rowsOf(activity, indicatorTable);
    lines.push(`## ${LABELS[table.indicator]}`, '', `Total ${activity.year}: ${totalText(table)}`, '');
    lines.push(`| desk | neighbourhood | ${QUARTERS.join(' | ')} |`, `|---|---|${QUARTERS.map(() => '---:').join('|')}|`);
    for (const row of rows) lines.push(`| ${row.desk.name} (${row.desk.code}) | ${row.desk.neighbourhood} | ${row.cells.map((c) => cellText(c.count, c.suppressed)).join(' | ')} |`);
    lines.push('');
  }
  return lines.join('\n');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const BAR_COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#9467bd'];

/** A grouped bar chart: per desk, one bar per quarter; a suppressed cell is an outlined stub marked with the sign. */
function barChart(activity: NeighbourhoodDeskActivity, table: NeighbourhoodDeskIndicatorTable): string {
  const { rows } = rowsOf(activity, table);
  const indicator = table.indicator;
  const max = Math.max(activity.minimumCellCount, ...rows.flatMap((r) => r.cells.map((c) => c.count ?? 0)));
  const [bar, gap, height, top, bottom, left] = [18, 24, 160, 20, 40, 40];
  const groupWidth = QUARTERS.length * bar + gap;
  const width = left + Math.max(1, rows.length) * groupWidth + 120;
  const y = (n: number) => top + height - (n / max) * height;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${top + height + bottom}" viewBox="0 0 ${width} ${top + height + bottom}">`,
    `<title>${escapeHtml(LABELS[indicator])} per desk and quarter, ${activity.year}</title>`,
    `<line x1="${left}" y1="${top + height}" x2="${width - 120}" y2="${top + height}" stroke="#333"/>`,
    `<text x="${left - 6}" y="${y(max) + 4}" text-anchor="end" font-size="11">${max}</text>`,
    `<text x="${left - 6}" y="${top + height + 4}" text-anchor="end" font-size="11">0</text>`,
  ];
  rows.forEach((row, d) => {
    const x0 = left + d * groupWidth + gap / 2;
    row.cells.forEach((cell, q) => {
      const x = x0 + q * bar;
      if (cell.suppressed) {
        parts.push(`<rect x="${x + 1}" y="${top + height - 12}" width="${bar - 2}" height="12" fill="none" stroke="${BAR_COLOURS[q]}" stroke-dasharray="2,2"/>`);
        parts.push(`<text x="${x + bar / 2}" y="${top + height - 15}" text-anchor="middle" font-size="12">${SUPPRESSED_MARK}</text>`);
      } else {
        const n = cell.count ?? 0;
        parts.push(`<rect x="${x + 1}" y="${y(n)}" width="${bar - 2}" height="${top + height - y(n)}" fill="${BAR_COLOURS[q]}"><title>${escapeHtml(row.desk.code)} ${cell.quarter}: ${n}</title></rect>`);
      }
    });
    parts.push(`<text x="${x0 + (QUARTERS.length * bar) / 2}" y="${top + height + 16}" text-anchor="middle" font-size="11">${escapeHtml(row.desk.neighbourhood)}</text>`);
  });
  QUARTERS.forEach((q, i) => {
    const lx = width - 100;
    parts.push(`<rect x="${lx}" y="${top + i * 18}" width="12" height="12" fill="${BAR_COLOURS[i]}"/><text x="${lx + 18}" y="${top + i * 18 + 10}" font-size="11">${q}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** The report as a self-contained HTML page with inline SVG charts. */
export function renderHtml(activity: NeighbourhoodDeskActivity): string {
  const title = `Job-centre desks in public-housing neighbourhoods: ${activity.year}`;
  const body: string[] = [
    `<h1>${escapeHtml(title)}</h1>`,
    '<p>Yearly report to the technical committee of the protocol between Regione Lombardia, ALER Milano and Città metropolitana di Milano (art. 5). Data published in aggregate form only (art. 6).</p>',
    `<p>${escapeHtml(suppressionNote(activity))}</p>`,
    `<p>${escapeHtml(PLACEMENTS_NOTE)}</p>`,
  ];
  for (const indicatorTable of activity.indicators) {
    const { table, rows } = rowsOf(activity, indicatorTable);
    body.push(`<h2>${escapeHtml(LABELS[table.indicator])}</h2>`, `<p>Total ${activity.year}: ${totalText(table)}</p>`, barChart(activity, table));
    body.push(`<table><thead><tr><th>desk</th><th>neighbourhood</th>${QUARTERS.map((q) => `<th>${q}</th>`).join('')}</tr></thead><tbody>`);
    for (const row of rows) {
      const cells = row.cells.map((c) => `<td${c.suppressed ? ' class="suppressed"' : ''}>${cellText(c.count, c.suppressed)}</td>`).join('');
      body.push(`<tr><td>${escapeHtml(row.desk.name)} (${escapeHtml(row.desk.code)})</td><td>${escapeHtml(row.desk.neighbourhood)}</td>${cells}</tr>`);
    }
    body.push('</tbody></table>');
  }
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 8px}td{text-align:right}td:nth-child(-n+2){text-align:left}.suppressed{color:#999}</style>',
    '</head><body>',
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}

/** Writes the Markdown and HTML files of the report into `outDir` (created when missing); returns their paths. */
export function writeNeighbourhoodReport(activity: NeighbourhoodDeskActivity, outDir: string): { markdown: string; html: string } {
  mkdirSync(outDir, { recursive: true });
  const markdown = join(outDir, `neighbourhood-desks-${activity.year}.md`);
  const html = join(outDir, `neighbourhood-desks-${activity.year}.html`);
  writeFileSync(markdown, renderMarkdown(activity));
  writeFileSync(html, renderHtml(activity));
  return { markdown, html };
}

/** The technical committee as the policy names it (audience neighbourhood-committee). */
function committee(territory: string[]): Caller {
  return { subject: 'report:neighbourhood', organisation: 'regione-lombardia', role: Role.REGION_ANALYST, purpose: Purpose.STATISTICS, purposes: [Purpose.STATISTICS], territory, employers: [] };
}

/** `npm run report:neighbourhood -- ...`: returns the exit code. */
export async function main(args: readonly string[], env: NodeJS.ProcessEnv, out: CliOutput): Promise<number> {
  let command: ReportCommand | { name: 'help' };
  try {
    command = parseReportArguments(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out.stderr.write(`report:neighbourhood: ${error.message}\n\n${REPORT_USAGE}\n`);
    return 2;
  }
  if (command.name === 'help') {
    out.stdout.write(`${REPORT_USAGE}\n`);
    return 0;
  }
  let [referralsUrl, workersUrl, pactsUrl]: string[] = [];
  let threshold: number;
  try {
    [referralsUrl, workersUrl, pactsUrl] = ['referrals', 'workers', 'pacts'].map((name) => loadSubgraphConfig(name, env).databaseUrl);
    threshold = loadReferralsSettings(env).minimumCellCount;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    out.stderr.write(`report:neighbourhood: ${error.message}\n`);
    return 78;
  }
  const caller = committee(command.territory);
  const year = command.year;
  const activity = await withDatabase(referralsSubgraph as SubgraphModule, referralsUrl, (em) => neighbourhoodDeskActivity(em, caller, year, threshold));
  const [dids, placements] = await withDatabase(workersSubgraph as SubgraphModule, workersUrl, async (em) => [
    await neighbourhoodDeskDids(em, caller, year, threshold),
    await neighbourhoodDeskPlacements(em, caller, year, threshold),
  ]);
  const pacts = await withDatabase(pactsSubgraph as SubgraphModule, pactsUrl, (em) => neighbourhoodDeskPacts(em, caller, year, threshold));
  const paths = writeNeighbourhoodReport({ ...activity, indicators: [...activity.indicators, dids, pacts, placements] }, resolve(command.out));
  out.stdout.write(`${paths.markdown}\n${paths.html}\n`);
  return 0;
}

/** Runs `read` on a migrated database of `module`, then closes it. */
async function withDatabase<T>(module: SubgraphModule, databaseUrl: string, read: (em: EntityManager) => Promise<T>): Promise<T> {
  const db = await initOrm({ entities: module.entities, databaseUrl, migrations: module.migrations });
  try {
    await migrate(db);
    return await read(db.orm.em.fork() as EntityManager);
  } finally {
    await db.orm.close();
  }
}

if (require.main === module) runAsProcess('report:neighbourhood', main);
