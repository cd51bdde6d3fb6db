import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { type AuditStore } from '../../../subgraphs/lib/audit';
import { claimExportJob, ExportJob, expireExports, exportFilePath, runExportJob, scheduleExports, signExportLink } from '../../../subgraphs/lib/export';
import { createSubgraphServer } from '../../../subgraphs/lib/http';
import { asCaller, callerAs } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addEmployer, asEmployer, employerCaller, employerCode, fileOk, hireInput, workerCode } from '../companies/fixtures';
import { cassa, ExportDataset, ExportFormat, ExportStatus, exportDirectory, filesUnder, testAuditStore } from './support';

const SECRET = 'test-export-link-secret-'.padEnd(40, 'x');
const BUILDER = employerCode(91);
const REQUEST = `mutation($input: RequestRelationshipExportInput!) { requestRelationshipExport(input: $input) { id status dataset format activeFrom activeTo downloadUrl } }`;
const STATUS = `query($id: ID!) { relationshipExport(id: $id) { id status rowCount byteCount sha256 completedAt expiresAt downloadUrl downloadUrlExpiresAt error } }`;
const LIST = `{ relationshipExports(first: 10) { totalCount nodes { id status } } }`;

interface Status {
  relationshipExport: { id: string; status: string; rowCount: number | null; sha256: string | null; downloadUrl: string | null; downloadUrlExpiresAt: string | null; expiresAt: string | null } | null;
}

describe('Relationship exports through the companies graph: request, status, signed link, expiry, schedule', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  let audit: { store: AuditStore; close: () => Promise<void> };
  let dir: string;
  let server: Server;
  let origin: string;
  const config = () => ({ dir: `${dir}/companies`, fileTtlHours: 168, batchSize: 1000, auditPartSize: 10_000 });
  const runPending = async (now = new Date()) => {
    const job = await claimExportJob(graph.em(), now);
    if (!job) throw new Error('no pending export');
    return runExportJob({ orm: graph.runtime.db.orm, subgraph: 'companies', sources: companiesSubgraph.exports!, audit: audit.store, config: config() }, job);
  };
  const request = async (who = cassa('MI00'), input: Record<string, unknown> = { format: 'CSV' }) => graph.query<{ requestRelationshipExport: { id: string; status: string; downloadUrl: string | null } | null }>(REQUEST, { input }, asCaller(who));
  const download = (path: string) => fetch(`${origin}${path.replace('/exports/companies/', '/exports/')}`);

  beforeAll(async () => {
    dir = exportDirectory();
    process.env.EXPORT_LINK_SECRET = SECRET;
    process.env.EXPORT_DIR = dir;
    graph = await createTestSubgraph(companiesSubgraph, { caller: employerCaller(BUILDER) });
    audit = await testAuditStore();
    await addEmployer(graph.em(), BUILDER, { atecoCode: '41.20.00', ccnl: '063', cassaEdileCode: 'MI00' });
    for (let n = 0; n < 3; n += 1) await fileOk(graph, hireInput(BUILDER, workerCode(300 + n)), asEmployer(BUILDER));
    server = createSubgraphServer(graph.runtime, { exports: { dir: `${dir}/companies`, linkSecret: SECRET } });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await graph.close();
    await audit.close();
    rmSync(dir, { recursive: true, force: true });
    delete process.env.EXPORT_LINK_SECRET;
    delete process.env.EXPORT_DIR;
  });

  it('a Cassa Edile requests an export (PENDING, no link yet), follows it to READY and gets a short-lived link', async () => {
    const requested = await request(cassa('MI00'), { format: 'CSV', activeFrom: '2020-01-01', activeTo: '2099-12-31' });
    expect(requested.errors).toBeUndefined();
    expect(requested.data!.requestRelationshipExport).toMatchObject({ status: 'PENDING', downloadUrl: null });
    const id = requested.data!.requestRelationshipExport!.id;
    const outcome = await runPending();
    expect(outcome).toMatchObject({ id, status: ExportStatus.READY, rowCount: 3 });
    const status = await graph.query<Status>(STATUS, { id }, asCaller(cassa('MI00')));
    const view = status.data!.relationshipExport!;
    expect(view).toMatchObject({ id, status: 'READY', rowCount: 3, sha256: outcome.sha256 });
    expect(view.downloadUrl).toMatch(new RegExp(`^/exports/companies/${id}\\?expires=\\d+&signature=[A-Za-z0-9_-]+$`));
    const ttl = new Date(view.downloadUrlExpiresAt!).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(250_000);
    expect(ttl).toBeLessThanOrEqual(300_000);

    const response = await download(view.downloadUrl!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/gzip');
    expect(response.headers.get('content-disposition')).toContain(`attachment; filename="MI00-relationships-${id}.csv.gz"`);
    const body = Buffer.from(await response.arrayBuffer());
    expect(createHash('sha256').update(body).digest('hex')).toBe(outcome.sha256);
    expect(gunzipSync(body).toString('utf8').split('\r\n').filter(Boolean)).toHaveLength(4);
    const stored = await graph.em().findOneOrFail(ExportJob, { id });
    expect(stored.downloadCount).toBe(1);
    expect(stored.firstDownloadedAt).toBeInstanceOf(Date);
    expect(stored.lastDownloadedAt).toBeInstanceOf(Date);
    const list = await graph.query<{ relationshipExports: { totalCount: number; nodes: { id: string }[] } }>(LIST, undefined, asCaller(cassa('MI00')));
    expect(list.data!.relationshipExports.nodes.map((n) => n.id)).toContain(id);
  });

  it('a tampered signature is 401, an expired link 410, an unknown export 404, each with a JSON error', async () => {
    const { data } = await request();
    const id = data!.requestRelationshipExport!.id;
    await runPending();
    const link = signExportLink({ secret: SECRET, subgraph: 'companies', id, now: new Date(), ttlSeconds: 300 });
    const tampered = link.path.replace(/signature=(.)/, (_, c: string) => `signature=${c === 'A' ? 'B' : 'A'}`);
    const refused = await download(tampered);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('INVALID_LINK');
    expect((await download(link.path.replace(/expires=\d+/, 'expires=1'))).status).toBe(401);
    const old = signExportLink({ secret: SECRET, subgraph: 'companies', id, now: new Date(Date.now() - 3_600_000), ttlSeconds: 300 });
    const expired = await download(old.path);
    expect(expired.status).toBe(410);
    expect(((await expired.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/expired/);
    const otherId = '00000000-0000-4000-8000-000000000000';
    const unknown = signExportLink({ secret: SECRET, subgraph: 'companies', id: otherId, now: new Date(), ttlSeconds: 300 });
    expect((await download(unknown.path)).status).toBe(404);
    const wrongSubgraph = signExportLink({ secret: SECRET, subgraph: 'workers', id, now: new Date(), ttlSeconds: 300 });
    expect((await download(wrongSubgraph.path.replace('/exports/workers/', '/exports/companies/'))).status).toBe(401);
  });

  it('another Cassa Edile neither sees the export nor gets a link for it; its list is empty', async () => {
    const { data } = await request();
    const id = data!.requestRelationshipExport!.id;
    await runPending();
    const other = await graph.query<Status>(STATUS, { id }, asCaller(cassa('CR00')));
    expect(other.errors).toBeUndefined();
    expect(other.data!.relationshipExport).toBeNull();
    const list = await graph.query<{ relationshipExports: { totalCount: number } }>(LIST, undefined, asCaller(cassa('CR00')));
    expect(list.data!.relationshipExports.totalCount).toBe(0);
  });

  it.each([
    ['the notification purpose', cassa('MI00', 'CASSA_EDILE_NOTIFICATION')],
    ['the training-record purpose', cassa('MI00', 'TRAINING_RECORD')],
    ['an employer', employerCaller(BUILDER)],
    ['a job centre', callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'], organisation: 'MI00' })],
  ])('%s is FORBIDDEN to request, read or list exports', async (_name, who) => {
    const before = await graph.em().count(ExportJob);
    const requested = await request(who);
    expect(requested.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await graph.em().count(ExportJob)).toBe(before);
    const status = await graph.query<Status>(STATUS, { id: '00000000-0000-4000-8000-000000000000' }, asCaller(who));
    expect(status.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const list = await graph.query(LIST, undefined, asCaller(who));
    expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a reversed period or a credential without a Cassa Edile code is BAD_USER_INPUT, naming the field', async () => {
    const reversed = await request(cassa('MI00'), { format: 'NDJSON', activeFrom: '2025-02-01', activeTo: '2025-01-01' });
    expect(reversed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(reversed.errors)).toContain('input.activeTo');
    const noCode = await request(callerAs('CASSA_EDILE', 'REGULARITY_CHECK', { organisation: 'not a code' }));
    expect(noCode.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('expiry deletes the file and marks the export EXPIRED (moving the clock), and only then; the link then answers 404', async () => {
    const { data } = await request();
    const id = data!.requestRelationshipExport!.id;
    const outcome = await runPending();
    const job = await graph.em().findOneOrFail(ExportJob, { id });
    const path = exportFilePath(`${dir}/companies`, job.fileName!);
    expect(filesUnder(`${dir}/companies`)).toContain(job.fileName);
    expect(await expireExports(graph.em(), new Date(job.expiresAt!.getTime() - 1000), { dir: `${dir}/companies`, audit: audit.store, subgraph: 'companies' })).toEqual([]);
    const later = new Date(job.expiresAt!.getTime() + 1000);
    const expired = await expireExports(graph.em(), later, { dir: `${dir}/companies`, audit: audit.store, subgraph: 'companies' });
    expect(expired.map((e) => e.id)).toContain(id);
    expect(expired.find((e) => e.id === id)).toMatchObject({ recipient: 'MI00', dataset: ExportDataset.RELATIONSHIPS, sha256: outcome.sha256, expiredAt: later, reason: 'EXPIRED' });
    expect(filesUnder(`${dir}/companies`)).not.toContain(job.fileName);
    expect(path).not.toBe('');
    const after = await graph.em().findOneOrFail(ExportJob, { id });
    expect(after).toMatchObject({ status: ExportStatus.EXPIRED, expiredAt: later });
    // A second pass (another process) finds nothing more to delete.
    expect((await expireExports(graph.em(), later, { dir: `${dir}/companies`, audit: audit.store, subgraph: 'companies' })).map((e) => e.id)).not.toContain(id);
    const status = await graph.query<Status>(STATUS, { id }, asCaller(cassa('MI00')));
    expect(status.data!.relationshipExport).toMatchObject({ status: 'EXPIRED', downloadUrl: null });
    const link = signExportLink({ secret: SECRET, subgraph: 'companies', id, now: new Date(), ttlSeconds: 300 });
    expect((await download(link.path)).status).toBe(404);
  });

  it('two schedulers running at once create one job per (recipient, dataset, format, slot), and the next slot another', async () => {
    const schedule = [{ recipient: 'MI00', datasets: [ExportDataset.RELATIONSHIPS, ExportDataset.REGISTRY], format: ExportFormat.NDJSON, every: 'daily' as const }];
    const at = new Date('2031-05-10T10:00:00Z');
    const results = await Promise.all([1, 2, 3].map(() => scheduleExports(graph.em(), schedule, at, [ExportDataset.RELATIONSHIPS])));
    expect(results.flat()).toHaveLength(1);
    expect(await graph.em().count(ExportJob, { slotKey: 'MI00:RELATIONSHIPS:NDJSON:2031-05-10' })).toBe(1);
    // REGISTRY belongs to the workers subgraph: not scheduled here.
    expect(await graph.em().count(ExportJob, { slotKey: { $like: 'MI00:REGISTRY:%' } })).toBe(0);
    expect(await scheduleExports(graph.em(), schedule, new Date('2031-05-10T21:00:00Z'), [ExportDataset.RELATIONSHIPS])).toHaveLength(0);
    expect(await scheduleExports(graph.em(), schedule, new Date('2031-05-11T10:00:00Z'), [ExportDataset.RELATIONSHIPS])).toHaveLength(1);
    const job = await graph.em().findOneOrFail(ExportJob, { slotKey: 'MI00:RELATIONSHIPS:NDJSON:2031-05-10' });
    expect(job).toMatchObject({ status: ExportStatus.PENDING, trigger: 'SCHEDULE', requestedBy: 'schedule' });
  });

  it('two runners never claim the same job', async () => {
    await request();
    const [a, b] = await Promise.all([claimExportJob(graph.em(), new Date()), claimExportJob(graph.em(), new Date())]);
    const claimed = [a, b].filter(Boolean);
    const ids = claimed.map((job) => job!.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const job of claimed) expect(job!.status).toBe(ExportStatus.RUNNING);
  });
});
