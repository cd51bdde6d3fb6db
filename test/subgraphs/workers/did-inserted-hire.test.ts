import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workersSubgraph } from '../../../subgraphs/workers';
import { AvailabilityDeclaration, AvailabilityStatusChange, DidChannel, DidStatus } from '../../../subgraphs/workers/availability/availability.entity';
import { DidChangeProposal } from '../../../subgraphs/workers/availability/did-change-proposal.entity';
import { applyEmploymentLinkEvent } from '../../../subgraphs/workers/employment-link/employment-link.events';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { Worker } from '../../../subgraphs/workers/worker/worker.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addDirectory, DIRECTORY, EMPLOYERS } from './support';

// A hire while the DID is INSERTED (declared, no service pact yet). A long or open-ended job
// loses the status whatever the DID's state (domain.md §5; §13.5.3): LAPSE is proposed. A
// short job proposes nothing: a suspension ends in VALIDATED (§13.4), which would validate a
// DID without the pact that validates it, so INSERTED -> SUSPENDED is not a transition.
const MILAN_CPI = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'], subject: 'OPERATOR-MI-1' });

const CONFIRM = `mutation($input: ConfirmDidChangeProposalInput!) {
  confirmDidChangeProposal(input: $input) { status declaration { status history { fromStatus toStatus causeKind proposalId recordedBy purpose } } }
}`;

describe('a hire while the DID is INSERTED', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  let n = 720;

  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph, { caller: MILAN_CPI });
    await addDirectory(graph.em());
  });
  afterAll(() => graph.close());

  async function personWithInsertedDid() {
    const em = graph.em();
    const worker = em.create(Worker, person(n++, { domicileMunicipality: '015146', domicileProvince: '015' }) as Worker);
    const did = em.create(AvailabilityDeclaration, { worker, declaredOn: '2025-01-10', channel: DidChannel.JOB_CENTRE, status: DidStatus.INSERTED, statusDate: '2025-01-10', jobCentre: DIRECTORY.milanJobCentre.code });
    em.create(AvailabilityStatusChange, { declaration: did, toStatus: DidStatus.INSERTED, effectiveOn: '2025-01-10', recordedBy: 'OPERATOR-TEST-9' });
    await em.flush();
    return { fiscalCode: worker.fiscalCode, didId: did.id };
  }
  const hire = (fiscalCode: string, plannedEndDate: string | null) => ({
    relationshipId: randomUUID(),
    workerFiscalCode: fiscalCode,
    employerFiscalCode: EMPLOYERS.retail,
    construction: false,
    cassaEdileCode: null,
    startDate: '2026-03-02',
    endDate: plannedEndDate,
    plannedEndDate,
    terminationDate: null,
    annulled: false,
    noticeCode: '1500000000000009',
  });
  const proposalsOf = (didId: string) => graph.em().find(DidChangeProposal, { declaration: didId });

  it.each([
    ['open-ended', null],
    ['of more than 180 days', '2026-08-30'],
  ])('an %s job proposes LAPSE, which an operator confirms: INSERTED -> LAPSED with its cause', async (_case, plannedEndDate) => {
    const { fiscalCode, didId } = await personWithInsertedDid();
    const event = hire(fiscalCode, plannedEndDate);
    expect(await applyEmploymentLinkEvent(graph.em(), event)).toBe('created; proposed LAPSE');
    const [proposal] = await proposalsOf(didId);
    expect(proposal).toMatchObject({ kind: 'LAPSE', toStatus: 'LAPSED', status: 'PENDING', causeReference: event.relationshipId, effectiveOn: '2026-03-02' });
    expect((await graph.em().findOneOrFail(AvailabilityDeclaration, didId)).status).toBe(DidStatus.INSERTED);

    const res = await graph.query<{ confirmDidChangeProposal: { status: string; declaration: { status: string; history: Record<string, unknown>[] } } }>(
      CONFIRM,
      { input: { id: proposal!.id } },
      asCaller(MILAN_CPI),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.confirmDidChangeProposal.declaration.status).toBe('LAPSED');
    expect(res.data!.confirmDidChangeProposal.declaration.history.at(-1)).toEqual({
      fromStatus: 'INSERTED',
      toStatus: 'LAPSED',
      causeKind: 'LAPSE',
      proposalId: proposal!.id,
      recordedBy: 'OPERATOR-MI-1',
      purpose: 'EMPLOYMENT_SERVICES',
    });
  });

  it('a job of up to 180 days proposes nothing, says why, and leaves the DID INSERTED', async () => {
    const { fiscalCode, didId } = await personWithInsertedDid();
    expect(await applyEmploymentLinkEvent(graph.em(), hire(fiscalCode, '2026-08-29'))).toBe(
      'created; no DID change: a DID not yet validated (INSERTED) is not suspended by a short job',
    );
    expect(await proposalsOf(didId)).toEqual([]);
    expect((await graph.em().findOneOrFail(AvailabilityDeclaration, didId)).status).toBe(DidStatus.INSERTED);
  });
});
