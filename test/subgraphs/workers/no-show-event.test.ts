import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workersSubgraph } from '../../../subgraphs/workers';
import { BadEventError } from '../../../subgraphs/lib/subgraph';
import { AvailabilityDeclaration, AvailabilityStatusChange, DidChannel, DidStatus } from '../../../subgraphs/workers/availability/availability.entity';
import { DidChangeProposal } from '../../../subgraphs/workers/availability/did-change-proposal.entity';
import { APPOINTMENT_NO_SHOW_TOPIC, applyAppointmentNoShowEvent } from '../../../subgraphs/workers/availability/no-show.events';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { Worker } from '../../../subgraphs/workers/worker/worker.entity';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addDirectory, DIRECTORY, UNKNOWN_FISCAL_CODE } from './support';

// Issue 5.4: a convocation recorded ABSENT without justification in the referrals subgraph
// reaches the workers subgraph as an `appointment.no-show` event and becomes a PENDING
// sanction on the person's DID, proposed by the operator who recorded the absence.
describe('the appointment.no-show event proposes a sanction on the DID', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  let n = 700;

  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph);
    await addDirectory(graph.em());
  });
  afterAll(() => graph.close());

  async function personWithDid(status: DidStatus | null = DidStatus.VALIDATED) {
    const em = graph.em();
    const worker = em.create(Worker, person(n++, { domicileMunicipality: '015146', domicileProvince: '015' }) as Worker);
    let didId: string | null = null;
    if (status) {
      const did = em.create(AvailabilityDeclaration, { worker, declaredOn: '2025-01-10', channel: DidChannel.JOB_CENTRE, status, statusDate: '2025-02-01', jobCentre: DIRECTORY.milanJobCentre.code });
      em.create(AvailabilityStatusChange, { declaration: did, toStatus: status, effectiveOn: '2025-02-01', recordedBy: 'OPERATOR-TEST-9', purpose: 'EMPLOYMENT_SERVICES', reason: 'arranged' });
      didId = did.id;
    }
    await em.flush();
    return { fiscalCode: worker.fiscalCode, didId };
  }

  const noShow = (workerFiscalCode: string, extra: Record<string, unknown> = {}) => ({
    appointmentId: randomUUID(),
    workerFiscalCode,
    servicePointCode: DIRECTORY.milanJobCentre.code,
    scheduledAt: '2026-03-10T09:30:00.000Z',
    recordedAt: '2026-03-10T12:00:00.000Z',
    recordedBy: 'OPERATOR-MI-1',
    organisation: 'CPI-015',
    purpose: 'EMPLOYMENT_SERVICES',
    ...extra,
  });
  const proposalsOf = (didId: string) => graph.em().find(DidChangeProposal, { declaration: didId });

  it('is registered under its topic', () => {
    expect(APPOINTMENT_NO_SHOW_TOPIC).toBe('appointment.no-show');
    expect(workersSubgraph.eventHandlers?.[APPOINTMENT_NO_SHOW_TOPIC]).toBe(applyAppointmentNoShowEvent);
  });

  it('creates one PENDING SANCTION_NO_SHOW proposed by the recording operator; the same event again creates nothing', async () => {
    const { fiscalCode, didId } = await personWithDid();
    const event = noShow(fiscalCode);
    expect(await applyAppointmentNoShowEvent(graph.em(), event)).toBe('proposed SANCTION_NO_SHOW');
    expect(await applyAppointmentNoShowEvent(graph.em(), event)).toBe('SANCTION_NO_SHOW already proposed');
    const proposals = await proposalsOf(didId!);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({
      kind: 'SANCTION_NO_SHOW',
      toStatus: 'REVOKED',
      status: 'PENDING',
      causeReference: event.appointmentId,
      proposedBy: 'OPERATOR-MI-1',
      proposedPurpose: 'EMPLOYMENT_SERVICES',
      effectiveOn: '2026-03-10',
      proposalReason: `a convocation at service point ${DIRECTORY.milanJobCentre.code} on 2026-03-10 was missed without justification`,
    });
    // Nothing decided: the DID is as it was.
    expect((await graph.em().findOneOrFail(AvailabilityDeclaration, didId!)).status).toBe(DidStatus.VALIDATED);
  });

  it('the same event delivered twice at once creates one proposal', async () => {
    const { fiscalCode, didId } = await personWithDid();
    const event = noShow(fiscalCode);
    const answers = await Promise.all([applyAppointmentNoShowEvent(graph.em(), event), applyAppointmentNoShowEvent(graph.em(), event)]);
    expect(answers.sort()).toEqual(['SANCTION_NO_SHOW already proposed', 'proposed SANCTION_NO_SHOW']);
    expect(await proposalsOf(didId!)).toHaveLength(1);
  });

  it('two missed convocations are two proposals (one per appointment)', async () => {
    const { fiscalCode, didId } = await personWithDid();
    await applyAppointmentNoShowEvent(graph.em(), noShow(fiscalCode));
    await applyAppointmentNoShowEvent(graph.em(), noShow(fiscalCode));
    expect(await proposalsOf(didId!)).toHaveLength(2);
  });

  it.each([
    ['a DID that cannot be revoked (SUSPENDED)', DidStatus.SUSPENDED, 'no DID change: the DID is SUSPENDED and cannot become REVOKED'],
    ['a DID not yet validated (INSERTED)', DidStatus.INSERTED, 'no DID change: the DID is INSERTED and cannot become REVOKED'],
    ['no open DID', DidStatus.LAPSED, 'no DID change: no open DID'],
    ['no DID at all', null, 'no DID change: no open DID'],
  ])('writes nothing for %s and says why', async (_case, status, answer) => {
    const { fiscalCode } = await personWithDid(status);
    const before = await graph.em().count(DidChangeProposal, {});
    expect(await applyAppointmentNoShowEvent(graph.em(), noShow(fiscalCode))).toBe(answer);
    expect(await graph.em().count(DidChangeProposal, {})).toBe(before);
  });

  it('writes nothing for an unknown person', async () => {
    const before = await graph.em().count(DidChangeProposal, {});
    expect(await applyAppointmentNoShowEvent(graph.em(), noShow(UNKNOWN_FISCAL_CODE))).toBe('no DID change: unknown person');
    expect(await graph.em().count(DidChangeProposal, {})).toBe(before);
  });

  it.each([
    ['no appointment id', { appointmentId: undefined }, 'appointmentId'],
    ['an appointment id that is not a uuid', { appointmentId: 'APP-1' }, 'appointmentId'],
    ['a date that is not a datetime', { scheduledAt: '2026-03-10' }, 'scheduledAt'],
    ['no recording operator', { recordedBy: '' }, 'recordedBy'],
    ['no purpose', { purpose: undefined }, 'purpose'],
    ['no organisation field', { organisation: undefined }, 'organisation'],
  ])('refuses an event with %s (BadEventError naming the field, not the values)', async (_case, change, field) => {
    const { fiscalCode } = await personWithDid();
    const event = noShow(fiscalCode, change);
    const error = await applyAppointmentNoShowEvent(graph.em(), event).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadEventError);
    expect((error as Error).message).toContain(field);
    expect((error as Error).message).not.toContain(fiscalCode);
  });
});
