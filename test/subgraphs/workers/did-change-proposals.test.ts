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
import { addDirectory, DIRECTORY, EMPLOYERS, UNKNOWN_ID } from './support';

// Seed 001 (Provincia di Cremona, SINTESI): no decision based solely on automated processing.
// A mandatory notice proposes the DID change; an operator of the competent job centre decides.
const MILAN_CPI = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'], subject: 'OPERATOR-MI-1' });
const MILAN_CPI_2 = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'], subject: 'OPERATOR-MI-2' });
const CREMONA_CPI = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['019'], subject: 'OPERATOR-CR-1' });
const MILAN_CPI_REFERRAL = callerAs('CPI_OPERATOR', 'REFERRAL', { territory: ['015'] });
const SOCIAL_WORKER = callerAs('SOCIAL_WORKER', 'SOCIAL_INCLUSION', { territory: ['015146'] });

const WORKLIST = `query($status: DidChangeProposalStatus) {
  didChangeProposals(status: $status, first: 50) { totalCount nodes { id kind toStatus status causeReference noticeCode effectiveOn proposedBy declaration { id status } } }
}`;
const CONFIRM = `mutation($input: ConfirmDidChangeProposalInput!) {
  confirmDidChangeProposal(input: $input) { id status decidedBy purpose declaration { status history { fromStatus toStatus reason causeKind causeReference noticeCode proposalId proposedBy recordedBy purpose } } }
}`;
const REJECT = `mutation($input: RejectDidChangeProposalInput!) { rejectDidChangeProposal(input: $input) { id status decidedBy decisionReason } }`;
const SANCTION = `mutation($input: ProposeDidSanctionInput!) { proposeDidSanction(input: $input) { id kind status proposedBy toStatus } }`;

interface ProposalNode {
  id: string;
  kind: string;
  status: string;
  causeReference: string;
  declaration: { id: string; status: string };
}

describe('DID changes proposed by mandatory notices, decided by an operator', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  let n = 400;

  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph, { caller: MILAN_CPI });
    await addDirectory(graph.em());
  });
  afterAll(() => graph.close());

  /** A person domiciled in Milan (or Cremona) with a DID at that job centre, VALIDATED unless told otherwise. */
  async function personWithDid(status = DidStatus.VALIDATED, jobCentre: string = DIRECTORY.milanJobCentre.code) {
    const em = graph.em();
    const municipality = jobCentre === DIRECTORY.milanJobCentre.code ? '015146' : '019036';
    const worker = em.create(Worker, person(n++, { domicileMunicipality: municipality, domicileProvince: municipality.slice(0, 3) }) as Worker);
    const did = em.create(AvailabilityDeclaration, { worker, declaredOn: '2025-01-10', channel: DidChannel.JOB_CENTRE, status, statusDate: '2025-02-01', jobCentre });
    em.create(AvailabilityStatusChange, { declaration: did, toStatus: status, effectiveOn: '2025-02-01', recordedBy: 'OPERATOR-TEST-9' });
    await em.flush();
    return { fiscalCode: worker.fiscalCode, didId: did.id };
  }

  /** An employment-link event as the companies subgraph writes it. */
  const hire = (fiscalCode: string, plannedEndDate: string | null, extra: Record<string, unknown> = {}) => ({
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
    noticeCode: '1500000000000001',
    ...extra,
  });
  const deliver = (event: Record<string, unknown>) => applyEmploymentLinkEvent(graph.em(), event);
  const proposalsOf = (didId: string) => graph.em().find(DidChangeProposal, { declaration: didId }, { orderBy: { proposedAt: 'asc' } });
  const didOf = async (didId: string) => {
    const em = graph.em();
    const did = await em.findOneOrFail(AvailabilityDeclaration, didId);
    return { status: did.status, changes: await em.count(AvailabilityStatusChange, { declaration: didId }) };
  };
  const worklist = async (caller = MILAN_CPI, status?: string) => {
    const res = await graph.query<{ didChangeProposals: { totalCount: number; nodes: ProposalNode[] } }>(WORKLIST, status ? { status } : {}, asCaller(caller));
    return res;
  };
  const confirm = (id: string, caller = MILAN_CPI, reason?: string) =>
    graph.query<{ confirmDidChangeProposal: { status: string; decidedBy: string; purpose: string; declaration: { status: string; history: Record<string, unknown>[] } } }>(
      CONFIRM,
      { input: { id, ...(reason ? { reason } : {}) } },
      asCaller(caller),
    );

  it('a hire of up to 180 days proposes one SUSPEND; the redelivered event creates nothing; the DID does not change', async () => {
    const { fiscalCode, didId } = await personWithDid();
    const event = hire(fiscalCode, '2026-08-29'); // 180 days
    expect(await deliver(event)).toBe('created; proposed SUSPEND');
    expect(await deliver(event)).toBe('updated; SUSPEND already proposed');
    const proposals = await proposalsOf(didId);
    expect(proposals.map((p) => [p.kind, p.status, p.causeReference, p.noticeCode, p.proposedBy])).toEqual([
      ['SUSPEND', 'PENDING', event.relationshipId, '1500000000000001', 'system:employment-link'],
    ]);
    expect(await didOf(didId)).toEqual({ status: DidStatus.VALIDATED, changes: 1 });
    const listed = (await worklist()).data!.didChangeProposals.nodes.filter((p) => p.declaration.id === didId);
    expect(listed.map((p) => [p.kind, p.status, p.declaration.status])).toEqual([['SUSPEND', 'PENDING', 'VALIDATED']]);
  });

  it('a hire of more than 180 days, or open-ended, proposes LAPSE', async () => {
    const long = await personWithDid();
    expect(await deliver(hire(long.fiscalCode, '2026-08-30'))).toBe('created; proposed LAPSE'); // 181 days
    const open = await personWithDid();
    expect(await deliver(hire(open.fiscalCode, null))).toBe('created; proposed LAPSE');
    expect((await proposalsOf(long.didId)).map((p) => p.kind)).toEqual(['LAPSE']);
    expect((await proposalsOf(open.didId)).map((p) => p.kind)).toEqual(['LAPSE']);
  });

  it('an old event without the planned end and the termination proposes nothing, and stays valid', async () => {
    const { fiscalCode, didId } = await personWithDid();
    const { plannedEndDate: _p, terminationDate: _t, noticeCode: _c, ...old } = hire(fiscalCode, null);
    expect(await deliver(old)).toBe('created');
    expect(await proposalsOf(didId)).toEqual([]);
  });

  it('confirming applies the change with its history: cause, proposal, who proposed, who confirmed, purpose', async () => {
    const { fiscalCode, didId } = await personWithDid();
    const event = hire(fiscalCode, '2026-05-31');
    await deliver(event);
    const [proposal] = await proposalsOf(didId);
    const res = await confirm(proposal!.id, MILAN_CPI, 'checked with the person');
    expect(res.errors).toBeUndefined();
    const confirmed = res.data!.confirmDidChangeProposal;
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', decidedBy: 'OPERATOR-MI-1', purpose: 'EMPLOYMENT_SERVICES' });
    expect(confirmed.declaration.status).toBe('SUSPENDED');
    expect(confirmed.declaration.history.at(-1)).toEqual({
      fromStatus: 'VALIDATED',
      toStatus: 'SUSPENDED',
      reason: 'checked with the person',
      causeKind: 'SUSPEND',
      causeReference: event.relationshipId,
      noticeCode: '1500000000000001',
      proposalId: proposal!.id,
      proposedBy: 'system:employment-link',
      recordedBy: 'OPERATOR-MI-1',
      purpose: 'EMPLOYMENT_SERVICES',
    });
    // Decided once: a second confirmation is a CONFLICT and writes nothing.
    const again = await confirm(proposal!.id);
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await didOf(didId)).toEqual({ status: DidStatus.SUSPENDED, changes: 2 });

    // The short job ends: RESUME is proposed, and confirmed brings the DID back.
    expect(await deliver({ ...event, terminationDate: '2026-04-30', endDate: '2026-04-30', noticeCode: '1500000000000002' })).toBe('updated; proposed RESUME');
    const resume = (await proposalsOf(didId)).find((p) => p.kind === 'RESUME')!;
    expect(resume).toMatchObject({ status: 'PENDING', effectiveOn: '2026-04-30', noticeCode: '1500000000000002' });
    expect((await confirm(resume.id)).data?.confirmDidChangeProposal.declaration.status).toBe('VALIDATED');
  });

  it('a termination of a job that did not suspend the DID proposes no RESUME; a pending SUSPEND is superseded', async () => {
    const { fiscalCode, didId } = await personWithDid();
    const event = hire(fiscalCode, '2026-05-31');
    await deliver(event);
    expect(await deliver({ ...event, terminationDate: '2026-04-15' })).toBe('updated; no DID change: the DID was not suspended by this job');
    expect((await proposalsOf(didId)).map((p) => [p.kind, p.status])).toEqual([['SUSPEND', 'SUPERSEDED']]);
  });

  it('rejecting needs a reason and leaves the DID as it was', async () => {
    const { fiscalCode, didId } = await personWithDid();
    await deliver(hire(fiscalCode, null));
    const [proposal] = await proposalsOf(didId);
    const empty = await graph.query(REJECT, { input: { id: proposal!.id, reason: '  ' } }, asCaller(MILAN_CPI));
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await graph.query(REJECT, { input: { id: proposal!.id } }, asCaller(MILAN_CPI));
    expect(missing.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const res = await graph.query<{ rejectDidChangeProposal: { status: string; decidedBy: string; decisionReason: string } }>(
      REJECT,
      { input: { id: proposal!.id, reason: 'income below the threshold' } },
      asCaller(MILAN_CPI),
    );
    expect(res.data?.rejectDidChangeProposal).toMatchObject({ status: 'REJECTED', decidedBy: 'OPERATOR-MI-1', decisionReason: 'income below the threshold' });
    expect(await didOf(didId)).toEqual({ status: DidStatus.VALIDATED, changes: 1 });
  });

  it('an illegal confirmation (the DID lapsed meanwhile) is a CONFLICT, writes nothing, and the proposal stays PENDING', async () => {
    const { fiscalCode, didId } = await personWithDid();
    await deliver(hire(fiscalCode, '2026-05-31'));
    const em = graph.em();
    const did = await em.findOneOrFail(AvailabilityDeclaration, didId);
    did.status = DidStatus.LAPSED;
    await em.flush();
    const [proposal] = await proposalsOf(didId);
    const res = await confirm(proposal!.id);
    expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(res.errors?.[0]?.message).toContain('LAPSED');
    expect(await didOf(didId)).toEqual({ status: DidStatus.LAPSED, changes: 1 });
    expect((await proposalsOf(didId))[0]).toMatchObject({ status: 'PENDING', decidedBy: null });
  });

  it('an annulled hire withdraws its pending proposal', async () => {
    const { fiscalCode, didId } = await personWithDid();
    const event = hire(fiscalCode, '2026-05-31');
    await deliver(event);
    expect(await deliver({ ...event, annulled: true })).toBe('removed; withdrew 1');
    expect((await proposalsOf(didId)).map((p) => [p.kind, p.status])).toEqual([['SUSPEND', 'WITHDRAWN']]);
    expect(await didOf(didId)).toEqual({ status: DidStatus.VALIDATED, changes: 1 });
  });

  it('an operator outside the territory neither sees nor decides the proposal (unknown, NOT_FOUND)', async () => {
    const { fiscalCode, didId } = await personWithDid();
    await deliver(hire(fiscalCode, '2026-05-31'));
    const [proposal] = await proposalsOf(didId);
    const seen = (await worklist(CREMONA_CPI)).data!.didChangeProposals.nodes.map((p) => p.id);
    expect(seen).not.toContain(proposal!.id);
    for (const res of [await confirm(proposal!.id, CREMONA_CPI), await graph.query(REJECT, { input: { id: proposal!.id, reason: 'x' } }, asCaller(CREMONA_CPI))]) {
      expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect((await confirm(UNKNOWN_ID)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // ...while the Cremona operator sees the proposals of Cremona's DIDs.
    const cremona = await personWithDid(DidStatus.VALIDATED, DIRECTORY.cremonaJobCentre.code);
    await deliver(hire(cremona.fiscalCode, null));
    expect((await worklist(CREMONA_CPI)).data!.didChangeProposals.nodes.map((p) => p.declaration.id)).toEqual([cremona.didId]);
    expect((await worklist(MILAN_CPI)).data!.didChangeProposals.nodes.map((p) => p.declaration.id)).not.toContain(cremona.didId);
    expect((await proposalsOf(didId))[0]!.status).toBe('PENDING');
  });

  it.each([
    ['a job-centre operator for referrals', MILAN_CPI_REFERRAL],
    ['a social worker', SOCIAL_WORKER],
  ])('%s is FORBIDDEN the worklist and the decisions', async (_who, caller) => {
    const { fiscalCode, didId } = await personWithDid();
    await deliver(hire(fiscalCode, null));
    const [proposal] = await proposalsOf(didId);
    expect((await worklist(caller)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await confirm(proposal!.id, caller)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const sanction = await graph.query(SANCTION, { input: { didId, kind: 'SANCTION_NO_SHOW', reference: 'APP-1', reason: 'missed' } }, asCaller(caller));
    expect(sanction.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await proposalsOf(didId))[0]!.status).toBe('PENDING');
  });

  it('a sanction is proposed by one operator and confirmed by another, then REVOKED with both recorded', async () => {
    const { didId } = await personWithDid();
    const input = { didId, kind: 'SANCTION_NO_SHOW', reference: 'APPOINTMENT-2026-17', reason: 'missed the appointment of 10 March without justification' };
    const proposed = await graph.query<{ proposeDidSanction: { id: string; status: string; proposedBy: string; toStatus: string } }>(SANCTION, { input }, asCaller(MILAN_CPI));
    expect(proposed.data?.proposeDidSanction).toMatchObject({ status: 'PENDING', proposedBy: 'OPERATOR-MI-1', toStatus: 'REVOKED' });
    const again = await graph.query(SANCTION, { input }, asCaller(MILAN_CPI));
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const id = proposed.data!.proposeDidSanction.id;
    // Not by the operator who proposed it.
    expect((await confirm(id, MILAN_CPI)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await didOf(didId)).toEqual({ status: DidStatus.VALIDATED, changes: 1 });
    const res = await confirm(id, MILAN_CPI_2);
    expect(res.errors).toBeUndefined();
    expect(res.data!.confirmDidChangeProposal.declaration.status).toBe('REVOKED');
    expect(res.data!.confirmDidChangeProposal.declaration.history.at(-1)).toMatchObject({
      causeKind: 'SANCTION_NO_SHOW',
      causeReference: 'APPOINTMENT-2026-17',
      proposalId: id,
      proposedBy: 'OPERATOR-MI-1',
      recordedBy: 'OPERATOR-MI-2',
      purpose: 'EMPLOYMENT_SERVICES',
    });
  });

  it('a sanction on a DID that cannot be revoked, or of a kind that is not a sanction, writes nothing', async () => {
    const { didId } = await personWithDid(DidStatus.SUSPENDED);
    const conflict = await graph.query(SANCTION, { input: { didId, kind: 'SANCTION_OFFER_REFUSED', reference: 'OFFER-1', reason: 'refused' } }, asCaller(MILAN_CPI));
    expect(conflict.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const wrongKind = await graph.query(SANCTION, { input: { didId, kind: 'LAPSE', reference: 'X', reason: 'r' } }, asCaller(MILAN_CPI));
    expect(wrongKind.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await proposalsOf(didId)).toEqual([]);
  });
});
