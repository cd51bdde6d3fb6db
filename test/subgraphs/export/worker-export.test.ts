import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditKind, type AuditStore } from '../../../subgraphs/lib/audit';
import { REGISTRY_COLUMNS, TRAINING_COLUMNS } from '../../../subgraphs/workers/export/worker-export.source';
import { EmploymentLink } from '../../../subgraphs/workers/employment-link/employment-link.entity';
import { applyEmploymentLinkEvent } from '../../../subgraphs/workers/employment-link/employment-link.events';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { TrainingCourse, TrainingSource } from '../../../subgraphs/workers/professional-record/professional-record.entity';
import { Worker } from '../../../subgraphs/workers/worker/worker.entity';
import { workersSubgraph } from '../../../subgraphs/workers';
import { asCaller } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { employerCode } from '../companies/fixtures';
import { cassa, ExportDataset, ExportFormat, ExportStatus, exportDirectory, gunzipText, ndjson, parseCsv, runExport, testAuditStore } from './support';

// The workers subgraph exports the people of a Cassa Edile's construction employers (through
// the replicated employment links, which carry the employer's Cassa Edile) and their training.
const BUILDER = employerCode(61); // construction, MI00
const BUILDER_CR = employerCode(62); // construction, CR00
const SHOP = employerCode(63); // retail, MI00
const REQUEST = `mutation($input: RequestWorkerExportInput!) { requestWorkerExport(input: $input) { id status dataset format } }`;

describe('REGISTRY and TRAINING exports of the workers subgraph', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  let audit: { store: AuditStore; close: () => Promise<void> };
  let dir: string;
  const people = [0, 1, 2, 3, 4, 5].map((n) => person(400 + n, n === 0 ? { lastName: "D'Amico, \"Jr\"" } : {}));
  // 0, 1: MI00 construction (1 twice); 2: CR00 construction; 3: MI00 retail; 4: MI00 construction until 2020; 5: no link.
  const inScope = [people[0]!.fiscalCode, people[1]!.fiscalCode, people[4]!.fiscalCode];

  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph);
    audit = await testAuditStore();
    dir = exportDirectory();
    const em = graph.em();
    const workers = people.map((p) => em.create(Worker, p as Worker));
    const link = (w: number, employerFiscalCode: string, construction: boolean, cassaEdileCode: string | null, startDate = '2024-01-01', endDate: string | null = null) =>
      em.create(EmploymentLink, { worker: workers[w]!, employerFiscalCode, construction, cassaEdileCode, startDate, endDate });
    link(0, BUILDER, true, 'MI00');
    link(1, BUILDER, true, 'MI00');
    link(1, BUILDER, true, 'MI00', '2023-01-01', '2023-06-30');
    link(2, BUILDER_CR, true, 'CR00');
    link(3, SHOP, false, 'MI00');
    link(4, BUILDER, true, 'MI00', '2019-01-01', '2020-12-31');
    em.create(TrainingCourse, { worker: workers[0]!, title: 'Ponteggi, montaggio\ne smontaggio', provider: 'ESEM-CPT', hours: 28, completedOn: '2024-05-10', source: TrainingSource.CASSA_EDILE, externalId: 'ESEM-1', supplier: 'MI00' });
    em.create(TrainingCourse, { worker: workers[1]!, title: 'Sicurezza 16 ore', provider: 'Regione', hours: 16, completedOn: '2023-02-01', source: TrainingSource.REGION });
    em.create(TrainingCourse, { worker: workers[2]!, title: 'Gru a torre', provider: 'Ente CR', hours: 12, completedOn: '2024-03-01', source: TrainingSource.CASSA_EDILE, externalId: 'CR-1', supplier: 'CR00' });
    em.create(TrainingCourse, { worker: workers[3]!, title: 'Cassa', provider: 'Ente', hours: 4, completedOn: '2024-03-01', source: TrainingSource.JOB_CENTRE });
    await em.flush();
  });
  afterAll(async () => {
    await graph.close();
    await audit.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('REGISTRY: each person of the scope once, with exactly the fields a Cassa Edile reads of a Worker', async () => {
    const { outcome } = await runExport(graph, workersSubgraph, { dataset: ExportDataset.REGISTRY, audit: audit.store, dir, batchSize: 2 });
    expect(outcome.status).toBe(ExportStatus.READY);
    const rows = ndjson(gunzipText(outcome.path!));
    expect(rows.map((r) => r.fiscalCode).sort()).toEqual([...inScope].sort());
    expect(Object.keys(rows[0]!)).toEqual([...REGISTRY_COLUMNS]);
    const first = rows.find((r) => r.fiscalCode === people[0]!.fiscalCode)!;
    expect(first).toMatchObject({ lastName: people[0]!.lastName, firstName: people[0]!.firstName, birthDate: people[0]!.birthDate, birthPlace: people[0]!.birthPlace, citizenship: '000', provisionalFiscalCode: false });
    expect(JSON.stringify(rows)).not.toMatch(/availability|declaration|education|experience/i);
  });

  it('REGISTRY in CSV with a period: only people with a relationship there active in it; quoting reads back', async () => {
    const { outcome } = await runExport(graph, workersSubgraph, { dataset: ExportDataset.REGISTRY, format: ExportFormat.CSV, audit: audit.store, dir, periodFrom: '2023-01-01', periodTo: '2023-12-31' });
    const [header, ...records] = parseCsv(gunzipText(outcome.path!));
    expect(header).toEqual([...REGISTRY_COLUMNS]);
    expect(records.map((r) => r[0]).sort()).toEqual([people[1]!.fiscalCode].sort());
    const all = await runExport(graph, workersSubgraph, { dataset: ExportDataset.REGISTRY, format: ExportFormat.CSV, audit: audit.store, dir });
    const [, ...everyone] = parseCsv(gunzipText(all.outcome.path!));
    expect(everyone.find((r) => r[0] === people[0]!.fiscalCode)![2]).toBe("D'Amico, \"Jr\"");
  });

  it('TRAINING: the courses of the people of the scope, whoever supplied them, with their source', async () => {
    const { outcome } = await runExport(graph, workersSubgraph, { dataset: ExportDataset.TRAINING, audit: audit.store, dir });
    const rows = ndjson(gunzipText(outcome.path!));
    expect(Object.keys(rows[0]!)).toEqual([...TRAINING_COLUMNS]);
    expect(rows.map((r) => [r.workerFiscalCode, r.source]).sort()).toEqual(
      [
        [people[0]!.fiscalCode, 'CASSA_EDILE'],
        [people[1]!.fiscalCode, 'REGION'],
      ].sort(),
    );
    expect(rows.find((r) => r.source === 'CASSA_EDILE')).toMatchObject({ title: 'Ponteggi, montaggio\ne smontaggio', hours: 28, completedOn: '2024-05-10', externalId: 'ESEM-1' });
  });

  it('each export is in the audit trail with its people, and shows in their access log', async () => {
    const { outcome } = await runExport(graph, workersSubgraph, { dataset: ExportDataset.REGISTRY, audit: audit.store, dir });
    const records = (await audit.store.query({ kind: AuditKind.EXPORT }, { first: 100 })).records.filter((r) => r.requestId === outcome.id);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ subgraph: 'workers', organisation: 'MI00', purpose: 'REGULARITY_CHECK', operationName: 'export:REGISTRY', people: [...inScope].sort(), employers: [] });
    expect(records[0]!.detail).toContain('part=1/1');
    const log = await audit.store.accessLogOf(people[4]!.fiscalCode, { first: 20 });
    expect(log.entries.some((e) => e.requestId === outcome.id)).toBe(true);
    expect((await audit.store.accessLogOf(people[3]!.fiscalCode, { first: 20 })).entries.some((e) => e.requestId === outcome.id)).toBe(false);
  });

  it('an empty scope still writes a file (CSV: the header alone) and one audit record naming nobody', async () => {
    const { outcome } = await runExport(graph, workersSubgraph, { dataset: ExportDataset.REGISTRY, format: ExportFormat.CSV, recipient: 'BG00', audit: audit.store, dir });
    expect(outcome).toMatchObject({ status: ExportStatus.READY, rowCount: 0 });
    expect(parseCsv(gunzipText(outcome.path!))).toEqual([[...REGISTRY_COLUMNS]]);
    const records = (await audit.store.query({ kind: AuditKind.EXPORT, organisation: 'BG00' }, { first: 10 })).records;
    expect(records.map((r) => r.people)).toEqual([[]]);
  });

  it('requestWorkerExport queues REGISTRY or TRAINING for the calling Cassa Edile only under the regularity check', async () => {
    const ok = await graph.query<{ requestWorkerExport: { status: string; dataset: string; format: string } }>(REQUEST, { input: { dataset: 'TRAINING', format: 'NDJSON' } }, asCaller(cassa('MI00')));
    expect(ok.data?.requestWorkerExport).toMatchObject({ status: 'PENDING', dataset: 'TRAINING', format: 'NDJSON' });
    const refused = await graph.query(REQUEST, { input: { dataset: 'REGISTRY', format: 'CSV' } }, asCaller(cassa('MI00', 'TRAINING_RECORD')));
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const wrongDataset = await graph.query(REQUEST, { input: { dataset: 'RELATIONSHIPS', format: 'CSV' } }, asCaller(cassa('MI00')));
    expect(wrongDataset.errors?.[0]?.message).toMatch(/RELATIONSHIPS/);
  });

  it('the employment-link event carries the employer’s Cassa Edile into the replica (and older events without it still apply)', async () => {
    const relationshipId = '11111111-1111-4111-8111-111111111111';
    const event = { relationshipId, workerFiscalCode: people[5]!.fiscalCode, employerFiscalCode: BUILDER, construction: true, cassaEdileCode: 'MI00', startDate: '2025-01-01', endDate: null, annulled: false };
    expect(await applyEmploymentLinkEvent(graph.em(), event)).toBe('created');
    expect(await graph.em().findOneOrFail(EmploymentLink, { id: relationshipId })).toMatchObject({ cassaEdileCode: 'MI00' });
    const { cassaEdileCode: _dropped, ...older } = event;
    expect(await applyEmploymentLinkEvent(graph.em(), older)).toBe('updated');
    expect(await graph.em().findOneOrFail(EmploymentLink, { id: relationshipId })).toMatchObject({ cassaEdileCode: null });
    await expect(applyEmploymentLinkEvent(graph.em(), { ...event, cassaEdileCode: 'not a code' })).rejects.toThrow(/cassaEdileCode/);
  });
});
