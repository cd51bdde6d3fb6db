import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workersSubgraph } from '../../../subgraphs/workers';
import { AvailabilityStatusChange } from '../../../subgraphs/workers/availability/availability.entity';
import { DidChangeKind, DidChangeProposal, DidChangeProposalStatus } from '../../../subgraphs/workers/availability/did-change-proposal.entity';
import { applyAppointmentNoShowEvent } from '../../../subgraphs/workers/availability/no-show.events';
import { proposeDueResumptions } from '../../../subgraphs/workers/availability/did-schedule';
import { applyEmploymentLinkEvent } from '../../../subgraphs/workers/employment-link/employment-link.events';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { Worker } from '../../../subgraphs/workers/worker/worker.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addDirectory, DIRECTORY, EMPLOYERS } from './support';

// Issue 5.8: every DID change records who, when, why and under which purpose, whatever the
// path: registration, a manual change, a confirmed mandatory-notice proposal (suspension,
// resumption on termination or at the planned end), a sanction proposed by an operator and
// one caused by a missed convocation. Changes confirmed from a proposal also name the cause,
// the proposal and who proposed it.
const OPERATOR_1 = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'], subject: 'OPERATOR-MI-21' });
const OPERATOR_2 = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'], subject: 'OPERATOR-MI-22' });

const REGISTER = 'mutation($input: RegisterAvailabilityDeclarationInput!) { registerAvailabilityDeclaration(input: $input) { id } }';
const CHANGE = 'mutation($input: ChangeAvailabilityDeclarationStatusInput!) { changeAvailabilityDeclarationStatus(input: $input) { status } }';
const CONFIRM = 'mutation($input: ConfirmDidChangeProposalInput!) { confirmDidChangeProposal(input: $input) { declaration { status } } }';
const SANCTION = 'mutation($input: ProposeDidSanctionInput!) { proposeDidSanction(input: $input) { id } }';

describe('every DID history entry records who, when, why and under which purpose', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  let n = 780;

  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph);
    await addDirectory(graph.em());
  });
  afterAll(() => graph.close());

  async function ok<D>(query: string, variables: Record<string, unknown>, caller = OPERATOR_1): Promise<D> {
    const res = await graph.query<D>(query, variables, asCaller(caller));
    expect(res.errors).toBeUndefined();
    return res.data!;
  }
  /** A person with a DID registered by operator 1 and validated by operator 2 (two manual entries). */
  async function validatedDid() {
    const em = graph.em();
    const worker = em.create(Worker, person(n++, { domicileMunicipality: '015146', domicileProvince: '015' }) as Worker);
    await em.flush();
    const { registerAvailabilityDeclaration: did } = await ok<{ registerAvailabilityDeclaration: { id: string } }>(REGISTER, {
      input: { fiscalCode: worker.fiscalCode, declaredOn: '2025-01-10', channel: 'JOB_CENTRE', jobCentreCode: DIRECTORY.milanJobCentre.code },
    });
    await ok(CHANGE, { input: { id: did.id, status: 'VALIDATED', effectiveOn: '2025-02-01', reason: 'service pact signed' } }, OPERATOR_2);
    return { fiscalCode: worker.fiscalCode, didId: did.id };
  }
  const hire = (fiscalCode: string, extra: Record<string, unknown> = {}) => ({
    relationshipId: randomUUID(),
    workerFiscalCode: fiscalCode,
    employerFiscalCode: EMPLOYERS.retail,
    construction: false,
    cassaEdileCode: null,
    startDate: '2026-03-02',
    endDate: '2026-05-31',
    plannedEndDate: '2026-05-31',
    terminationDate: null,
    annulled: false,
    noticeCode: '1500000000000031',
    ...extra,
  });
  const pendingOf = (didId: string, kind: DidChangeKind) => graph.em().findOneOrFail(DidChangeProposal, { declaration: didId, kind, status: DidChangeProposalStatus.PENDING });
  const historyOf = (didId: string) => graph.em().find(AvailabilityStatusChange, { declaration: didId }, { orderBy: { recordedAt: 'asc', id: 'asc' } });

  /** Who, when, why, purpose on every entry; the cause on those confirmed from a proposal. */
  function expectAccountable(history: AvailabilityStatusChange[], fromProposals: string[]) {
    for (const entry of history) {
      expect(entry.recordedBy, `${entry.toStatus}: who`).toMatch(/^OPERATOR-MI-2[12]$/);
      expect(entry.recordedAt, `${entry.toStatus}: when`).toBeInstanceOf(Date);
      expect(entry.reason?.trim(), `${entry.toStatus}: why`).toBeTruthy();
      expect(entry.purpose, `${entry.toStatus}: purpose`).toBe('EMPLOYMENT_SERVICES');
    }
    const confirmed = history.filter((entry) => entry.proposalId != null);
    expect(confirmed.map((entry) => entry.proposalId)).toEqual(fromProposals);
    for (const entry of confirmed) {
      expect(entry.causeKind).toBeTruthy();
      expect(entry.causeReference).toBeTruthy();
      expect(entry.proposedBy).toBeTruthy();
    }
  }

  it('registration, manual change, suspension, resumption on termination, operator sanction', async () => {
    const { fiscalCode, didId } = await validatedDid();
    const event = hire(fiscalCode);
    await applyEmploymentLinkEvent(graph.em(), event);
    const suspend = await pendingOf(didId, DidChangeKind.SUSPEND);
    await ok(CONFIRM, { input: { id: suspend.id } });
    await applyEmploymentLinkEvent(graph.em(), { ...event, terminationDate: '2026-04-30', endDate: '2026-04-30' });
    const resume = await pendingOf(didId, DidChangeKind.RESUME);
    await ok(CONFIRM, { input: { id: resume.id, reason: 'termination checked with the employer' } }, OPERATOR_2);
    const { proposeDidSanction: sanction } = await ok<{ proposeDidSanction: { id: string } }>(SANCTION, {
      input: { didId, kind: 'SANCTION_OFFER_REFUSED', reference: 'OFFER-2026-4', reason: 'refused a suitable offer' },
    });
    await ok(CONFIRM, { input: { id: sanction.id } }, OPERATOR_2);

    const history = await historyOf(didId);
    expect(history.map((h) => `${h.fromStatus ?? '-'}>${h.toStatus}`)).toEqual(['->INSERTED', 'INSERTED>VALIDATED', 'VALIDATED>SUSPENDED', 'SUSPENDED>VALIDATED', 'VALIDATED>REVOKED']);
    expectAccountable(history, [suspend.id, resume.id, sanction.id]);
    // Why: the proposal's reason unless the confirming operator gave one.
    expect(history.map((h) => h.reason)).toEqual([
      'declaration registered',
      'service pact signed',
      suspend.proposalReason,
      'termination checked with the employer',
      'refused a suitable offer',
    ]);
    expect(history.slice(2).map((h) => [h.recordedBy, h.proposedBy])).toEqual([
      ['OPERATOR-MI-21', 'system:employment-link'],
      ['OPERATOR-MI-22', 'system:employment-link'],
      ['OPERATOR-MI-22', 'OPERATOR-MI-21'],
    ]);
    expect((await graph.em().findOneOrFail(DidChangeProposal, sanction.id)).proposedPurpose).toBe('EMPLOYMENT_SERVICES');
  });

  it('resumption at the planned end (the schedule) and a missed convocation (the referrals event)', async () => {
    const { fiscalCode, didId } = await validatedDid();
    await applyEmploymentLinkEvent(graph.em(), hire(fiscalCode));
    const suspend = await pendingOf(didId, DidChangeKind.SUSPEND);
    await ok(CONFIRM, { input: { id: suspend.id } });
    await proposeDueResumptions(graph.em(), new Date('2026-06-02T08:00:00.000Z'));
    const resume = await pendingOf(didId, DidChangeKind.RESUME);
    await ok(CONFIRM, { input: { id: resume.id } }, OPERATOR_2);
    await applyAppointmentNoShowEvent(graph.em(), {
      appointmentId: randomUUID(),
      workerFiscalCode: fiscalCode,
      servicePointCode: DIRECTORY.milanJobCentre.code,
      scheduledAt: '2026-07-01T07:30:00.000Z',
      recordedAt: '2026-07-01T10:00:00.000Z',
      recordedBy: 'OPERATOR-MI-22',
      organisation: 'CPI-015',
      purpose: 'EMPLOYMENT_SERVICES',
    });
    const noShow = await pendingOf(didId, DidChangeKind.SANCTION_NO_SHOW);
    await ok(CONFIRM, { input: { id: noShow.id } }, OPERATOR_1);

    const history = await historyOf(didId);
    expect(history.map((h) => h.toStatus)).toEqual(['INSERTED', 'VALIDATED', 'SUSPENDED', 'VALIDATED', 'REVOKED']);
    expectAccountable(history, [suspend.id, resume.id, noShow.id]);
    expect(history.slice(3).map((h) => [h.causeKind, h.proposedBy, h.recordedBy, h.reason])).toEqual([
      ['RESUME', 'system:did-schedule', 'OPERATOR-MI-22', resume.proposalReason],
      ['SANCTION_NO_SHOW', 'OPERATOR-MI-22', 'OPERATOR-MI-21', noShow.proposalReason],
    ]);
  });
});
