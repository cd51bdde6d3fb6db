import { once } from 'node:events';
import { existsSync, rmSync } from 'node:fs';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { AuditKind, type AuditRecordInput, type AuditStore } from '../../../subgraphs/lib/audit';
import { type ExportAuditAppender, ExportJob, expireExports, exportFilePath, signExportLink } from '../../../subgraphs/lib/export';
import { createSubgraphServer } from '../../../subgraphs/lib/http';
import { monthsAfter } from '../../../subgraphs/lib/retention';
import { type SubgraphModule } from '../../../subgraphs/lib/subgraph';
import { workersSubgraph } from '../../../subgraphs/workers';
import { asCaller, callerAs } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { cassa, ExportDataset, ExportStatus, exportDirectory, runExport, testAuditStore } from './support';

// Convention art. 3: what the platform holds for a Cassa Edile's verification is deleted once
// the checks are done and within 24 months. Export files go at expiry or as soon as the Cassa
// confirms deleting its downloaded copy, each with a PURGE tombstone; a copy downloaded and
// never confirmed deleted shows up for the data protection officer after the retention limit.
const SECRET = 'test-export-link-secret-'.padEnd(40, 'x');
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const dpo = callerAs('DATA_PROTECTION_OFFICER', 'SUPERVISION', { organisation: 'DPO-OFFICE' });

interface Case {
  module: SubgraphModule<object>;
  dataset: ExportDataset;
  read: string;
  confirm: string;
  overdue: string;
}

const cases: Case[] = [
  { module: companiesSubgraph as SubgraphModule<object>, dataset: ExportDataset.RELATIONSHIPS, read: 'relationshipExport', confirm: 'confirmRelationshipExportDeletion', overdue: 'overdueRelationshipExportDeletionConfirmations' },
  { module: workersSubgraph as SubgraphModule<object>, dataset: ExportDataset.REGISTRY, read: 'workerExport', confirm: 'confirmWorkerExportDeletion', overdue: 'overdueWorkerExportDeletionConfirmations' },
];

interface View {
  id: string;
  status: string;
  downloadUrl: string | null;
  deletionConfirmedAt: string | null;
}
interface Overdue {
  cassaCode: string;
  exportId: string;
  dataset: string;
  firstDownloadedAt: string;
  dueSince: string;
  daysOverdue: number;
}

describe.each(cases)('Retention of $module.name export files', ({ module, dataset, read, confirm, overdue }) => {
  const name = module.name;
  const READ = `query($id: ID!) { ${read}(id: $id) { id status downloadUrl deletionConfirmedAt } }`;
  const CONFIRM = `mutation($id: ID!) { ${confirm}(id: $id) { id status downloadUrl deletionConfirmedAt } }`;
  const OVERDUE = `{ ${overdue} { cassaCode exportId dataset firstDownloadedAt dueSince daysOverdue } }`;
  let graph: TestSubgraph<object>;
  let audit: { store: AuditStore; close: () => Promise<void> };
  let dir: string;
  let server: Server;
  let origin: string;

  const ready = async (recipient = 'MI00') => {
    const { outcome, job } = await runExport(graph, module, { dataset, recipient, audit: audit.store, dir });
    expect(outcome.status).toBe(ExportStatus.READY);
    return job;
  };
  const download = (id: string) => fetch(`${origin}${signExportLink({ secret: SECRET, subgraph: name, id, now: new Date(), ttlSeconds: 300 }).path.replace(`/exports/${name}/`, '/exports/')}`);
  const confirmAs = (id: string, who = cassa('MI00')) => graph.query<Record<string, View | null>>(CONFIRM, { id }, asCaller(who));
  const overdueList = async () => {
    const result = await graph.query<Record<string, Overdue[] | null>>(OVERDUE, undefined, asCaller(dpo));
    expect(result.errors).toBeUndefined();
    return result.data![overdue]!;
  };
  const tombstonesOf = async (id: string) => (await audit.store.query({ kind: AuditKind.PURGE }, { first: 500 })).records.filter((r) => r.detail?.includes(`export=${id} `));
  const stored = (id: string) => graph.em().findOneOrFail(ExportJob, { id });

  beforeAll(async () => {
    process.env.EXPORT_LINK_SECRET = SECRET;
    dir = exportDirectory();
    process.env.EXPORT_DIR = dir;
    graph = await createTestSubgraph(module);
    audit = await testAuditStore();
    server = createSubgraphServer(graph.runtime, { exports: { dir, linkSecret: SECRET } });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    vi.useRealTimers();
    delete process.env.CASSA_EDILE_RETENTION_MONTHS;
  });
  afterAll(async () => {
    server.close();
    await graph.close();
    await audit.close();
    rmSync(dir, { recursive: true, force: true });
    delete process.env.EXPORT_LINK_SECRET;
    delete process.env.EXPORT_DIR;
  });

  it('expiry writes a PURGE tombstone while the file is still there, then deletes the file; a second pass writes nothing', async () => {
    const job = await ready();
    const path = exportFilePath(dir, job.fileName!);
    expect(existsSync(path)).toBe(true);
    const fileAtTombstone: boolean[] = [];
    const recording: ExportAuditAppender = {
      append: (record: AuditRecordInput) => {
        fileAtTombstone.push(existsSync(path));
        return audit.store.append(record);
      },
    };
    const options = { dir, audit: recording, subgraph: name };
    expect((await expireExports(graph.em(), new Date(job.expiresAt!.getTime() - 1000), options)).map((e) => e.id)).not.toContain(job.id);
    expect(await tombstonesOf(job.id)).toHaveLength(0);

    const later = new Date(job.expiresAt!.getTime() + 1000);
    const expired = await expireExports(graph.em(), later, options);
    expect(expired.find((e) => e.id === job.id)).toMatchObject({ reason: 'EXPIRED', recipient: 'MI00', expiredAt: later });
    expect(fileAtTombstone[0]).toBe(true);
    expect(existsSync(path)).toBe(false);
    const [tombstone, ...more] = await tombstonesOf(job.id);
    expect(more).toHaveLength(0);
    expect(tombstone).toMatchObject({
      kind: AuditKind.PURGE,
      subgraph: name,
      subject: 'system:retention',
      people: [],
      employers: [],
      detail: `BULK_EXPORT_FILE EXPIRED recipient=MI00 count=1 export=${job.id} dataset=${dataset} sha256=${job.sha256}`,
    });
    expect(await stored(job.id)).toMatchObject({ status: ExportStatus.EXPIRED, expiredAt: later });

    expect((await expireExports(graph.em(), later, options)).map((e) => e.id)).not.toContain(job.id);
    expect(await tombstonesOf(job.id)).toHaveLength(1);
  });

  it('a Cassa Edile confirms deleting an export only after downloading it; the first time stays, and no link is issued or served afterwards', async () => {
    const job = await ready();
    const before = await confirmAs(job.id);
    expect(before.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(before.errors?.[0]?.extensions?.problems)).toContain('"path":"id"');
    expect((await stored(job.id)).deletionConfirmedAt ?? null).toBeNull();

    expect((await download(job.id)).status).toBe(200);
    const first = await confirmAs(job.id);
    expect(first.errors).toBeUndefined();
    const view = first.data![confirm]!;
    expect(view).toMatchObject({ id: job.id, status: 'READY', downloadUrl: null });
    expect(view.deletionConfirmedAt).not.toBeNull();

    const again = await confirmAs(job.id);
    expect(again.errors).toBeUndefined();
    expect(again.data![confirm]!.deletionConfirmedAt).toBe(view.deletionConfirmedAt);
    const shown = await graph.query<Record<string, View | null>>(READ, { id: job.id }, asCaller(cassa('MI00')));
    expect(shown.data![read]).toMatchObject({ status: 'READY', downloadUrl: null, deletionConfirmedAt: view.deletionConfirmedAt });
    // A link signed before the confirmation no longer serves the file.
    expect((await download(job.id)).status).toBe(404);
  });

  it("another Cassa Edile's export answers as an unknown one, and stays unconfirmed", async () => {
    const job = await ready('CR00');
    await download(job.id);
    const unknown = await confirmAs(UNKNOWN_ID);
    const foreign = await confirmAs(job.id);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(foreign.data?.[confirm] ?? null).toBeNull();
    expect((await stored(job.id)).deletionConfirmedAt ?? null).toBeNull();
  });

  it.each([
    ['the notification purpose', cassa('MI00', 'CASSA_EDILE_NOTIFICATION')],
    ['the training-record purpose', cassa('MI00', 'TRAINING_RECORD')],
    ['the data protection officer', dpo],
  ])('%s is FORBIDDEN to confirm a deletion', async (_name, who) => {
    const job = await ready();
    await download(job.id);
    const result = await confirmAs(job.id, who);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await stored(job.id)).deletionConfirmedAt ?? null).toBeNull();
  });

  it('a confirmed READY export is deleted at the next pass, with reason RECIPIENT_CONFIRMED', async () => {
    const job = await ready();
    await download(job.id);
    expect((await confirmAs(job.id)).errors).toBeUndefined();
    const now = new Date();
    expect(now.getTime()).toBeLessThan(job.expiresAt!.getTime());
    const expired = await expireExports(graph.em(), now, { dir, audit: audit.store, subgraph: name });
    expect(expired.find((e) => e.id === job.id)).toMatchObject({ reason: 'RECIPIENT_CONFIRMED' });
    expect(existsSync(exportFilePath(dir, job.fileName!))).toBe(false);
    const tombstones = await tombstonesOf(job.id);
    expect(tombstones.map((t) => t.detail)).toEqual([`BULK_EXPORT_FILE RECIPIENT_CONFIRMED recipient=MI00 count=1 export=${job.id} dataset=${dataset} sha256=${job.sha256}`]);
    expect(await stored(job.id)).toMatchObject({ status: ExportStatus.EXPIRED });
  });

  it('the data protection officer sees a downloaded export as overdue just after the retention limit, not before, and not once confirmed', async () => {
    const job = await ready();
    expect((await download(job.id)).status).toBe(200);
    const downloadedAt = (await stored(job.id)).firstDownloadedAt!;
    const due = monthsAfter(downloadedAt, 24);
    vi.useFakeTimers({ toFake: ['Date'] });

    vi.setSystemTime(new Date(due.getTime() - 60_000));
    const early = await overdueList();
    expect(early.map((o) => o.exportId)).not.toContain(job.id);
    for (const entry of early) expect(new Date(entry.dueSince).getTime()).toBeLessThan(Date.now());

    vi.setSystemTime(new Date(due.getTime() + 10 * 86_400_000 + 60_000));
    const late = (await overdueList()).filter((o) => o.exportId === job.id);
    expect(late).toHaveLength(1);
    expect(late[0]).toMatchObject({ cassaCode: 'MI00', exportId: job.id, dataset, daysOverdue: 10 });
    expect(new Date(late[0]!.firstDownloadedAt).getTime()).toBe(downloadedAt.getTime());
    expect(new Date(late[0]!.dueSince).getTime()).toBe(due.getTime());

    expect((await confirmAs(job.id)).errors).toBeUndefined();
    expect((await overdueList()).map((o) => o.exportId)).not.toContain(job.id);
  });

  it('a shorter CASSA_EDILE_RETENTION_MONTHS brings the due time forward', async () => {
    const job = await ready();
    await download(job.id);
    const downloadedAt = (await stored(job.id)).firstDownloadedAt!;
    process.env.CASSA_EDILE_RETENTION_MONTHS = '6';
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(monthsAfter(downloadedAt, 6).getTime() - 60_000));
    expect((await overdueList()).map((o) => o.exportId)).not.toContain(job.id);
    vi.setSystemTime(new Date(monthsAfter(downloadedAt, 6).getTime() + 60_000));
    expect((await overdueList()).find((o) => o.exportId === job.id)).toMatchObject({ daysOverdue: 0 });
  });

  it('the overdue list is FORBIDDEN to a Cassa Edile', async () => {
    const result = await graph.query(OVERDUE, undefined, asCaller(cassa('MI00')));
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.data?.[overdue as never] ?? null).toBeNull();
  });
});
