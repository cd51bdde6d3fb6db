import { OptimisticLockError } from '@mikro-orm/core';
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

// A proposal is made on the DID as it was (its version). Confirming it once the DID changed
// (another proposal confirmed, a manual change) is a CONFLICT that writes nothing, even when
// the state machine would allow the move; of two confirmations at once, one wins.
const OPERATOR_1 = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'], subject: 'OPERATOR-MI-1' });
const OPERATOR_2 = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'], subject: 'OPERATOR-MI-2' });

const CONFIRM = `mutation($input: ConfirmDidChangeProposalInput!) { confirmDidChangeProposal(input: $input) { id status declaration { status } } }`;
const CHANGE = `mutation($input: ChangeAvailabilityDeclarationStatusInput!) { changeAvailabilityDeclarationStatus(input: $input) { status } }`;

describe('confirming a proposal whose DID changed since it was made', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  let n = 740;

  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph, { caller: OPERATOR_1 });
    await addDirectory(graph.em());
  });
  afterAll(() => graph.close());

  async function personWithDid() {
    const em = graph.em();
    const worker = em.create(Worker, person(n++, { domicileMunicipality: '015146', domicileProvince: '015' }) as Worker);
    const did = em.create(AvailabilityDeclaration, { worker, declaredOn: '2025-01-10', channel: DidChannel.JOB_CENTRE, status: DidStatus.VALIDATED, statusDate: '2025-02-01', jobCentre: DIRECTORY.milanJobCentre.code });
    em.create(AvailabilityStatusChange, { declaration: did, toStatus: DidStatus.VALIDATED, effectiveOn: '2025-02-01', recordedBy: 'OPERATOR-TEST-9' });
    await em.flush();
    return { fiscalCode: worker.fiscalCode, didId: did.id };
  }
  /** A hire event; returns the proposal it caused. */
  async function hired(fiscalCode: string, didId: string, plannedEndDate: string | null) {
    const relationshipId = randomUUID();
    await applyEmploymentLinkEvent(graph.em(), {
      relationshipId,
      workerFiscalCode: fiscalCode,
      employerFiscalCode: EMPLOYERS.retail,
      construction: false,
      cassaEdileCode: null,
      startDate: '2026-03-02',
      endDate: plannedEndDate,
      plannedEndDate,
      terminationDate: null,
      annulled: false,
      noticeCode: null,
    });
    return graph.em().findOneOrFail(DidChangeProposal, { declaration: didId, causeReference: relationshipId });
  }
  const confirm = (id: string, caller = OPERATOR_1) =>
    graph.query<{ confirmDidChangeProposal: { status: string; declaration: { status: string } } }>(CONFIRM, { input: { id } }, asCaller(caller));
  const stateOf = async (didId: string) => {
    const em = graph.em();
    const did = await em.findOneOrFail(AvailabilityDeclaration, didId);
    const proposals = await em.find(DidChangeProposal, { declaration: didId }, { orderBy: { kind: 'asc' } });
    return {
      status: did.status,
      version: did.version,
      changes: await em.count(AvailabilityStatusChange, { declaration: didId }),
      proposals: proposals.map((p) => `${p.kind}:${p.status}`),
    };
  };

  it('another proposal confirmed first: the other is a CONFLICT, though SUSPENDED -> LAPSED is legal, and nothing is written', async () => {
    const { fiscalCode, didId } = await personWithDid();
    const suspend = await hired(fiscalCode, didId, '2026-05-31');
    const lapse = await hired(fiscalCode, didId, null);
    expect(suspend.declarationVersion).toBe(1);
    expect(lapse.declarationVersion).toBe(1);
    expect((await confirm(suspend.id)).data?.confirmDidChangeProposal.declaration.status).toBe('SUSPENDED');
    const before = await stateOf(didId);
    expect(before).toEqual({ status: DidStatus.SUSPENDED, version: 2, changes: 2, proposals: ['LAPSE:PENDING', 'SUSPEND:CONFIRMED'] });

    const res = await confirm(lapse.id);
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(res.errors?.[0]?.extensions?.reason).toBe('STALE_PROPOSAL');
    expect(await stateOf(didId)).toEqual(before);
  });

  it('a manual change since: CONFLICT, though VALIDATED -> SUSPENDED is legal again, and nothing is written', async () => {
    const { fiscalCode, didId } = await personWithDid();
    const suspend = await hired(fiscalCode, didId, '2026-05-31');
    for (const [status, effectiveOn] of [['SUSPENDED', '2026-03-02'], ['VALIDATED', '2026-03-20']] as const) {
      const changed = await graph.query(CHANGE, { input: { id: didId, status, effectiveOn, reason: 'recorded at the desk' } }, asCaller(OPERATOR_2));
      expect(changed.errors).toBeUndefined();
    }
    const before = await stateOf(didId);
    expect(before).toMatchObject({ status: DidStatus.VALIDATED, version: 3, changes: 3 });

    const res = await confirm(suspend.id);
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await stateOf(didId)).toEqual(before);
    expect(before.proposals).toEqual(['SUSPEND:PENDING']);
  });

  it('a DID is written only at the version it was read at (the lock under the confirmation)', async () => {
    const { didId } = await personWithDid();
    const [first, second] = [graph.em(), graph.em()];
    const [a, b] = [await first.findOneOrFail(AvailabilityDeclaration, didId), await second.findOneOrFail(AvailabilityDeclaration, didId)];
    a.status = DidStatus.SUSPENDED;
    await first.flush();
    b.status = DidStatus.LAPSED;
    await expect(second.flush()).rejects.toBeInstanceOf(OptimisticLockError);
    expect(await stateOf(didId)).toMatchObject({ status: DidStatus.SUSPENDED, version: 2 });
  });

  it('two operators confirming the same proposal at once: exactly one succeeds, one history entry', async () => {
    const { fiscalCode, didId } = await personWithDid();
    const suspend = await hired(fiscalCode, didId, '2026-05-31');
    const answers = await Promise.all([confirm(suspend.id, OPERATOR_1), confirm(suspend.id, OPERATOR_2)]);
    expect(answers.filter((a) => a.data?.confirmDidChangeProposal?.status === 'CONFIRMED')).toHaveLength(1);
    expect(answers.filter((a) => a.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(1);
    expect(await stateOf(didId)).toEqual({ status: DidStatus.SUSPENDED, version: 2, changes: 2, proposals: ['SUSPEND:CONFIRMED'] });
  });

  it('two proposals of the same DID confirmed at once: exactly one takes effect', async () => {
    const { fiscalCode, didId } = await personWithDid();
    const suspend = await hired(fiscalCode, didId, '2026-05-31');
    const lapse = await hired(fiscalCode, didId, null);
    const answers = await Promise.all([confirm(suspend.id, OPERATOR_1), confirm(lapse.id, OPERATOR_2)]);
    const won = answers.filter((a) => a.data?.confirmDidChangeProposal?.status === 'CONFIRMED');
    expect(won).toHaveLength(1);
    expect(answers.filter((a) => a.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(1);
    const after = await stateOf(didId);
    expect(after).toMatchObject({ version: 2, changes: 2, status: won[0]!.data!.confirmDidChangeProposal.declaration.status });
    expect(after.proposals.filter((p) => p.endsWith(':CONFIRMED'))).toHaveLength(1);
    expect(after.proposals.filter((p) => p.endsWith(':PENDING'))).toHaveLength(1);
  });
});
