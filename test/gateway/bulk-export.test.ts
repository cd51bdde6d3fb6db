import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../subgraphs/companies';
import { AuditKind } from '../../subgraphs/lib/audit';
import { claimExportJob, runExportJob } from '../../subgraphs/lib/export';
import { Purpose, Role } from '../../subgraphs/lib/identity';
import { EmploymentLink } from '../../subgraphs/workers/employment-link/employment-link.entity';
import { Worker } from '../../subgraphs/workers/worker/worker.entity';
import { addEmployer, employerCode, hireInput } from '../subgraphs/companies/fixtures';
import { exportDirectory } from '../subgraphs/export/support';
import { authHeaders } from '../utils/auth';
import { createTestGraph, type TestGraph } from '../utils/graph';
import { person } from '../utils/people';

// Bulk mode end to end: a Cassa Edile requests an export through the gateway, follows it,
// and downloads the file from the gateway with the signed link; the person sees the export.
const BUILDER = employerCode(95); // construction, MI00
const WORKER = person(95);
const SECRET = 'gateway-export-link-secret-'.padEnd(40, 'x');
const FILE = `mutation($input: FileMandatoryNoticeInput!) { fileMandatoryNotice(input: $input) { id } }`;
const REQUEST = `mutation { requestRelationshipExport(input: { format: NDJSON }) { id status } }`;
const STATUS = `query($id: ID!) { relationshipExport(id: $id) { id status rowCount sha256 downloadUrl } }`;
const ACCESS_LOG = `{ me { accessLog(first: 20) { nodes { organisation purpose service } } } }`;

const asCassa = (purpose: Purpose = Purpose.REGULARITY_CHECK, organisation = 'MI00') => authHeaders({ role: Role.CASSA_EDILE, purposes: [purpose], organisation, territory: [] });

describe('bulk exports through the gateway', () => {
  let graph: TestGraph;
  let dir: string;

  beforeAll(async () => {
    dir = exportDirectory();
    process.env.EXPORT_LINK_SECRET = SECRET;
    process.env.EXPORT_DIR = dir;
    graph = await createTestGraph({
      audit: true,
      seed: async (ems) => {
        await addEmployer(ems.companies!, BUILDER, { atecoCode: '41.20.00', ccnl: '063', cassaEdileCode: 'MI00' });
        const worker = ems.workers!.create(Worker, WORKER as Worker);
        ems.workers!.create(EmploymentLink, { worker, employerFiscalCode: BUILDER, construction: true, cassaEdileCode: 'MI00', startDate: '2024-01-01' });
        await ems.workers!.flush();
      },
    });
    const filed = await graph.query(FILE, { input: hireInput(BUILDER, WORKER.fiscalCode, { ccnl: '063' }) }, await authHeaders({ role: Role.EMPLOYER, purposes: [Purpose.MANDATORY_NOTICE], employers: [BUILDER] }));
    expect(filed.errors).toBeUndefined();
  });
  afterAll(async () => {
    await graph.close();
    rmSync(dir, { recursive: true, force: true });
    delete process.env.EXPORT_LINK_SECRET;
    delete process.env.EXPORT_DIR;
  });

  it('request, follow to READY, download from the gateway with the signed link; a tampered link is 401', async () => {
    const requested = await graph.query<{ requestRelationshipExport: { id: string; status: string } }>(REQUEST, undefined, await asCassa());
    expect(requested.errors).toBeUndefined();
    const id = requested.data!.requestRelationshipExport.id;
    const runtime = graph.subgraphs.companies!.runtime;
    const job = await claimExportJob(runtime.db.orm.em.fork(), new Date());
    const outcome = await runExportJob({ orm: runtime.db.orm, subgraph: 'companies', sources: companiesSubgraph.exports!, audit: graph.audit, config: { dir: join(dir, 'companies'), fileTtlHours: 1, batchSize: 100, auditPartSize: 100 } }, job!);
    expect(outcome).toMatchObject({ id, status: 'READY', rowCount: 1 });

    const status = await graph.query<{ relationshipExport: { status: string; downloadUrl: string; sha256: string } }>(STATUS, { id }, await asCassa());
    expect(status.data!.relationshipExport).toMatchObject({ status: 'READY', sha256: outcome.sha256 });
    const link = status.data!.relationshipExport.downloadUrl;
    const response = await fetch(`${graph.gatewayOrigin}${link}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/gzip');
    expect(response.headers.get('x-content-sha256')).toBe(outcome.sha256);
    const body = Buffer.from(await response.arrayBuffer());
    expect(createHash('sha256').update(body).digest('hex')).toBe(outcome.sha256);
    expect(JSON.parse(gunzipSync(body).toString('utf8').trim())).toMatchObject({ employerFiscalCode: BUILDER, workerFiscalCode: WORKER.fiscalCode });

    const tampered = await fetch(`${graph.gatewayOrigin}${link.replace(/signature=[^&]+/, 'signature=forged')}`);
    expect(tampered.status).toBe(401);
    const unknownSubgraph = await fetch(`${graph.gatewayOrigin}${link.replace('/exports/companies/', '/exports/nowhere/')}`);
    expect(unknownSubgraph.status).toBe(404);

    // Another Cassa Edile sees nothing of it; the wrong purpose is refused.
    const other = await graph.query<{ relationshipExport: unknown }>(STATUS, { id }, await asCassa(Purpose.REGULARITY_CHECK, 'CR00'));
    expect(other.data!.relationshipExport).toBeNull();
    const wrongPurpose = await graph.query(REQUEST, undefined, await asCassa(Purpose.CASSA_EDILE_NOTIFICATION));
    expect(wrongPurpose.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The person exported sees the export in their access log.
    await graph.audit!.indexSubjects();
    const exports = await graph.audit!.query({ person: WORKER.fiscalCode, kind: AuditKind.EXPORT }, { first: 10 });
    expect(exports.records.map((r) => r.requestId)).toContain(id);
    const log = await graph.query<{ me: { accessLog: { nodes: { organisation: string; purpose: string; service: string }[] } } }>(
      ACCESS_LOG,
      undefined,
      await authHeaders({ role: Role.CITIZEN, purposes: [Purpose.SELF_SERVICE], subject: WORKER.fiscalCode, territory: [] }),
    );
    expect(log.errors).toBeUndefined();
    expect(log.data!.me.accessLog.nodes).toContainEqual(expect.objectContaining({ organisation: 'MI00', purpose: 'REGULARITY_CHECK' }));
  });
});
