import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Purpose, Role } from '../../subgraphs/lib/identity';
import { AvailabilityDeclaration, AvailabilityStatusChange, DidChannel, DidStatus } from '../../subgraphs/workers/availability/availability.entity';
import { Worker } from '../../subgraphs/workers/worker/worker.entity';
import { addEmployer, day, employerCode, hireInput } from '../subgraphs/companies/fixtures';
import { addDirectory, DIRECTORY } from '../subgraphs/workers/support';
import { authHeaders } from '../utils/auth';
import { createTestGraph, type TestGraph } from '../utils/graph';
import { person } from '../utils/people';
import { deliverEmploymentLinks } from '../utils/outbox';

// Issue 5.4 end to end: an employer files a hire in the companies subgraph; its outbox
// carries the relationship to the workers subgraph, which proposes suspending the person's
// DID; nothing changes until a job-centre operator of the territory confirms it.
const EMPLOYER = employerCode(96);
const HIRED = person(96, { domicileMunicipality: '015146', domicileProvince: '015' });

describe('the DID follows a hire, confirmed by a job-centre operator', () => {
  let graph: TestGraph;
  let didId: string;
  const asEmployer = () => authHeaders({ role: Role.EMPLOYER, purposes: [Purpose.MANDATORY_NOTICE], employers: [EMPLOYER], organisation: 'CONSULENTI-TEST' });
  const asCpi = () => authHeaders({ role: Role.CPI_OPERATOR, purposes: [Purpose.EMPLOYMENT_SERVICES], territory: ['015'], subject: 'OPERATOR-MI-7', organisation: 'CPI-015' });

  beforeAll(async () => {
    graph = await createTestGraph({
      seed: async ({ companies, workers }) => {
        await addEmployer(companies!, EMPLOYER);
        await addDirectory(workers!);
        const worker = workers!.create(Worker, HIRED as Worker);
        const did = workers!.create(AvailabilityDeclaration, { worker, declaredOn: day(-200), channel: DidChannel.JOB_CENTRE, status: DidStatus.VALIDATED, statusDate: day(-150), jobCentre: DIRECTORY.milanJobCentre.code });
        workers!.create(AvailabilityStatusChange, { declaration: did, fromStatus: DidStatus.INSERTED, toStatus: DidStatus.VALIDATED, effectiveOn: day(-150), recordedBy: 'OPERATOR-TEST-9' });
        await workers!.flush();
        didId = did.id;
      },
    });
  });
  afterAll(() => graph?.close());

  it('files a 90-day hire, delivers it through the outbox, and applies the suspension only on confirmation', async () => {
    // A late notice (the job began yesterday): late notices are stored with their lateness, not refused.
    const filed = await graph.query<{ fileMandatoryNotice: { code: string; relationship: { id: string } } }>(
      'mutation($input: FileMandatoryNoticeInput!) { fileMandatoryNotice(input: $input) { code relationship { id } } }',
      { input: hireInput(EMPLOYER, HIRED.fiscalCode, { startDate: day(-1), endDate: day(89) }) },
      await asEmployer(),
    );
    expect(filed.errors).toBeUndefined();

    await deliverEmploymentLinks(graph);

    const worklist = await graph.query<{ didChangeProposals: { nodes: { id: string; kind: string; status: string; causeReference: string; noticeCode: string; declaration: { id: string; status: string } }[] } }>(
      '{ didChangeProposals(first: 10) { nodes { id kind status causeReference noticeCode declaration { id status } } } }',
      undefined,
      await asCpi(),
    );
    expect(worklist.errors).toBeUndefined();
    const [proposal] = worklist.data!.didChangeProposals.nodes;
    expect(proposal).toMatchObject({
      kind: 'SUSPEND',
      status: 'PENDING',
      causeReference: filed.data!.fileMandatoryNotice.relationship.id,
      noticeCode: filed.data!.fileMandatoryNotice.code,
      declaration: { id: didId, status: 'VALIDATED' },
    });

    // The employer may not decide it.
    const byEmployer = await graph.query('mutation($id: ID!) { confirmDidChangeProposal(input: { id: $id }) { id } }', { id: proposal!.id }, await asEmployer());
    expect(byEmployer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const confirmed = await graph.query<{ confirmDidChangeProposal: { status: string; declaration: { status: string; history: Record<string, unknown>[] } } }>(
      'mutation($id: ID!) { confirmDidChangeProposal(input: { id: $id, reason: "confirmed with the person" }) { status declaration { status history { toStatus causeKind proposalId proposedBy recordedBy purpose } } } }',
      { id: proposal!.id },
      await asCpi(),
    );
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmDidChangeProposal.status).toBe('CONFIRMED');
    expect(confirmed.data!.confirmDidChangeProposal.declaration.status).toBe('SUSPENDED');
    expect(confirmed.data!.confirmDidChangeProposal.declaration.history.at(-1)).toEqual({
      toStatus: 'SUSPENDED',
      causeKind: 'SUSPEND',
      proposalId: proposal!.id,
      proposedBy: 'system:employment-link',
      recordedBy: 'OPERATOR-MI-7',
      purpose: 'EMPLOYMENT_SERVICES',
    });
  });
});
