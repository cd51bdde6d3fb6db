import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { RELATIONSHIP_COLUMNS } from '../../../subgraphs/companies/export/relationship-export.source';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { AuditKind, type AuditStore } from '../../../subgraphs/lib/audit';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addEmployer, asEmployer, day, employerCaller, employerCode, fileOk, hireInput, workerCode } from '../companies/fixtures';
import { ExportDataset, ExportFormat, ExportStatus, exportDirectory, filesUnder, gunzipText, ndjson, parseCsv, runExport, testAuditStore } from './support';

// Bulk mode (convention art. 2): the relationships of the construction employers registered
// with the Cassa Edile, nothing of another Cassa's firms or of non-construction employers.
const BUILDER = employerCode(81); // construction, MI00, with an awkward name for CSV
const BUILDER_2 = employerCode(82); // construction, MI00
const BUILDER_CR = employerCode(83); // construction, CR00
const SHOP = employerCode(84); // retail, registered with MI00
const AWKWARD_NAME = 'Edil "Tetti", Nord\nS.r.l.';

describe('RELATIONSHIPS export: streamed file of the Cassa Edile scope', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  let audit: { store: AuditStore; close: () => Promise<void> };
  let dir: string;
  const inScope: string[] = [];
  const inScopeWorkers: string[] = [];
  const outOfScope: string[] = [];

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph, { caller: employerCaller(BUILDER, BUILDER_2, BUILDER_CR, SHOP) });
    audit = await testAuditStore();
    dir = exportDirectory();
    await addEmployer(graph.em(), BUILDER, { atecoCode: '41.20.00', ccnl: '063', cassaEdileCode: 'MI00', name: AWKWARD_NAME });
    await addEmployer(graph.em(), BUILDER_2, { atecoCode: '43.21.01', ccnl: '063', cassaEdileCode: 'MI00' });
    await addEmployer(graph.em(), BUILDER_CR, { atecoCode: '41.20.00', ccnl: '063', cassaEdileCode: 'CR00' });
    await addEmployer(graph.em(), SHOP, { cassaEdileCode: 'MI00' });
    const all = asEmployer(BUILDER, BUILDER_2, BUILDER_CR, SHOP);
    for (let n = 0; n < 5; n += 1) {
      const hire = await fileOk(graph, hireInput(n % 2 === 0 ? BUILDER : BUILDER_2, workerCode(100 + n), { ccnl: '063' }), all);
      inScope.push(hire.relationship.id);
      inScopeWorkers.push(workerCode(100 + n));
    }
    for (const [employer, n] of [[BUILDER_CR, 120], [SHOP, 121]] as const) {
      outOfScope.push((await fileOk(graph, hireInput(employer, workerCode(n)), all)).relationship.id);
    }
  });
  afterAll(async () => {
    await graph.close();
    await audit.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('NDJSON: one line per relationship of the scope, with the expected fields and nothing else', async () => {
    const { outcome, job } = await runExport(graph, companiesSubgraph, { dataset: ExportDataset.RELATIONSHIPS, audit: audit.store, dir });
    expect(outcome.status).toBe(ExportStatus.READY);
    expect(job).toMatchObject({ status: ExportStatus.READY, rowCount: 5, byteCount: outcome.byteCount, sha256: outcome.sha256 });
    const rows = ndjson(gunzipText(outcome.path!));
    expect(rows.map((r) => r.relationshipId).sort()).toEqual([...inScope].sort());
    for (const id of outOfScope) expect(rows.some((r) => r.relationshipId === id)).toBe(false);
    expect(Object.keys(rows[0]!)).toEqual([...RELATIONSHIP_COLUMNS]);
    const first = rows.find((r) => r.employerFiscalCode === BUILDER)!;
    expect(first).toMatchObject({ employerName: AWKWARD_NAME, employerAtecoCode: '41.20.00', employerCcnl: '063', contractType: 'A.02.00', startDate: day(1), plannedEndDate: day(180), workingTime: 'F', qualification: '5.1.2.2.0.1', status: 'ACTIVE', lastNoticeType: 'HIRE' });
    expect(first.lastNoticeCode).toMatch(/^\d{16}$/);
    expect(JSON.stringify(rows)).not.toMatch(/citizenship|domicile|residencePermit/i);
    // The file on disk is the one described: the name is relative to the export directory, and no temporary file is left.
    expect(filesUnder(dir)).toContain(job.fileName);
    expect(filesUnder(dir).filter((f) => f.endsWith('.part') || f.endsWith('.audit'))).toEqual([]);
  });

  it('CSV: a header line and RFC 4180 quoting of commas, quotes and newlines that reads back exactly', async () => {
    const { outcome } = await runExport(graph, companiesSubgraph, { dataset: ExportDataset.RELATIONSHIPS, format: ExportFormat.CSV, audit: audit.store, dir });
    const text = gunzipText(outcome.path!);
    expect(text.startsWith(`${RELATIONSHIP_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(text).toContain('"Edil ""Tetti"", Nord\nS.r.l."');
    const [header, ...records] = parseCsv(text);
    expect(header).toEqual([...RELATIONSHIP_COLUMNS]);
    expect(records).toHaveLength(5);
    const name = header!.indexOf('employerName');
    expect(records.filter((r) => r[name] === AWKWARD_NAME)).toHaveLength(3);
    expect(records.every((r) => r.length === RELATIONSHIP_COLUMNS.length)).toBe(true);
  });

  it('the period keeps only the relationships active in it', async () => {
    const none = await runExport(graph, companiesSubgraph, { dataset: ExportDataset.RELATIONSHIPS, audit: audit.store, dir, periodTo: day(0) });
    expect(none.outcome.rowCount).toBe(0);
    const all = await runExport(graph, companiesSubgraph, { dataset: ExportDataset.RELATIONSHIPS, audit: audit.store, dir, periodFrom: day(2), periodTo: day(3) });
    expect(all.outcome.rowCount).toBe(5);
    const after = await runExport(graph, companiesSubgraph, { dataset: ExportDataset.RELATIONSHIPS, audit: audit.store, dir, periodFrom: day(200) });
    expect(after.outcome.rowCount).toBe(0);
  });

  it('reads in batches: the SQL statements grow with the number of batches, not of rows', async () => {
    const statements = async (batchSize: number) => {
      const before = graph.runtime.db.sql.statements;
      const { outcome } = await runExport(graph, companiesSubgraph, { dataset: ExportDataset.RELATIONSHIPS, audit: audit.store, dir, batchSize });
      expect(outcome.rowCount).toBe(5);
      return graph.runtime.db.sql.statements - before;
    };
    const one = await statements(100); // 1 batch
    const three = await statements(2); // batches of 2, 2, 1
    const five = await statements(1); // 5 full batches and an empty read
    expect(three - one).toBe(2);
    expect(five - one).toBe(5);
  });

  it('records the export in the audit trail in parts, naming the people and employers of each, and the person sees it', async () => {
    const { outcome } = await runExport(graph, companiesSubgraph, { dataset: ExportDataset.RELATIONSHIPS, audit: audit.store, dir, auditPartSize: 2 });
    const page = await audit.store.query({ kind: AuditKind.EXPORT }, { first: 100 });
    const records = page.records.filter((r) => r.requestId === outcome.id);
    expect(records).toHaveLength(3);
    expect(records.map((r) => r.detail!.match(/part=(\d)\/3/)?.[1]).sort()).toEqual(['1', '2', '3']);
    for (const record of records) {
      expect(record).toMatchObject({ kind: AuditKind.EXPORT, subgraph: 'companies', organisation: 'MI00', subject: 'cli:test', role: 'CASSA_EDILE', purpose: 'REGULARITY_CHECK', operationName: 'export:RELATIONSHIPS' });
      expect(record.detail).toContain(`export=${outcome.id}`);
      expect(record.detail).toContain(`sha256=${outcome.sha256}`);
      expect(record.people.length).toBeLessThanOrEqual(2);
      expect(record.fieldsReleased).toContain('EmploymentRelationship.contractType');
    }
    expect(records.flatMap((r) => r.people).sort()).toEqual([...inScopeWorkers].sort());
    expect(new Set(records.flatMap((r) => r.employers))).toEqual(new Set([BUILDER, BUILDER_2]));
    const log = await audit.store.accessLogOf(inScopeWorkers[0]!, { first: 50 });
    expect(log.entries.some((e) => e.requestId === outcome.id && e.kind === AuditKind.EXPORT && e.organisation === 'MI00')).toBe(true);
    const outsider = await audit.store.accessLogOf(workerCode(120), { first: 50 });
    expect(outsider.entries.some((e) => e.requestId === outcome.id)).toBe(false);
  });

  it('a run that fails while reading leaves FAILED and no file', async () => {
    const before = filesUnder(dir);
    const { outcome, job } = await runExport(graph, companiesSubgraph, {
      dataset: ExportDataset.RELATIONSHIPS,
      audit: audit.store,
      dir,
      batchSize: 2,
      onBatch: () => {
        throw new Error('disk full');
      },
    });
    expect(outcome).toMatchObject({ status: ExportStatus.FAILED, path: null });
    expect(job).toMatchObject({ status: ExportStatus.FAILED, error: 'WRITE_FAILED', sha256: null, fileName: null });
    expect(filesUnder(dir)).toEqual(before);
  });

  it('an audit trail that cannot be written fails the export and deletes its file: no data leaves unrecorded', async () => {
    const before = filesUnder(dir);
    const broken = { append: () => Promise.reject(new Error('audit database down')) };
    const { job } = await runExport(graph, companiesSubgraph, { dataset: ExportDataset.RELATIONSHIPS, audit: broken, dir });
    expect(job).toMatchObject({ status: ExportStatus.FAILED, error: 'AUDIT_UNAVAILABLE' });
    expect(filesUnder(dir)).toEqual(before);
    const none = await runExport(graph, companiesSubgraph, { dataset: ExportDataset.RELATIONSHIPS, audit: null, dir });
    expect(none.job).toMatchObject({ status: ExportStatus.FAILED, error: 'NO_AUDIT_TRAIL' });
    expect(filesUnder(dir)).toEqual(before);
  });
});
