import { type EntityData, type EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Purpose } from '../../../subgraphs/lib/identity';
import { Appointment, AppointmentChannel, AppointmentKind, AppointmentState } from '../../../subgraphs/referrals/appointment/appointment.entity';
import { ConsentRecording, DeskNeed, DeskUserType, OrientationOutcome } from '../../../subgraphs/referrals/desk-contact/desk-contact.codes';
import { DeskContact } from '../../../subgraphs/referrals/desk-contact/desk-contact.entity';
import { ReferralState } from '../../../subgraphs/referrals/referral/referral.entity';
import { ServicePoint } from '../../../subgraphs/referrals/service-point/service-point.entity';
import { ServicePointDirectoryEntry, ServicePointKind } from '../../../subgraphs/lib/service-point-directory.entity';
import { ServicePact, ServicePactProgramme, ServicePactState, ServicePactStateChange } from '../../../subgraphs/pacts/service-pact/service-pact.entity';
import { AvailabilityDeclaration, DidChannel, DidStatus } from '../../../subgraphs/workers/availability/availability.entity';
import { Worker } from '../../../subgraphs/workers/worker/worker.entity';
import { callerAs } from '../../utils/callers';
import { person } from '../../utils/people';
import { insertReferral, insertServicePoints, POINTS } from './fixtures';

// The desks of the technical committee's indicators (seed 004) and a year of their activity.
export const SANSIRO = POINTS.desk.code;
export const JENNER = POINTS.desk2.code;
/** A Milan desk with no neighbourhood: not counted. */
export const PLAIN_DESK = 'CPI-MI-CENTRO';
/** A neighbourhood desk in Cremona: outside a Milan committee's territory. */
export const CREMONA_DESK = 'CPI-CR-CAMBONINO';

/** The committee of the Milan protocol (audience neighbourhood-committee). */
export const COMMITTEE = callerAs('REGION_ANALYST', 'STATISTICS', { subject: 'committee-analyst', organisation: 'regione-lombardia', territory: ['015'] });

/** The people of the fixtures: their fiscal codes must never reach an aggregate. */
export const FIXTURE_PEOPLE = [person(11), person(12)];

async function contacts(em: EntityManager, desk: string, at: string, n: number): Promise<void> {
  const rows: EntityData<DeskContact>[] = Array.from({ length: n }, (_, i) => ({
    id: randomUUID(),
    desk,
    organisation: 'org-afol-metropolitana',
    fiscalCode: FIXTURE_PEOPLE[i % 2]!.fiscalCode,
    workerId: null,
    userType: DeskUserType.UNEMPLOYED,
    need: DeskNeed.JOB_SEARCH,
    outcome: OrientationOutcome.ORIENTATION,
    contactedAt: new Date(at),
    consentGivenAt: new Date(at),
    consentRecordedAs: ConsentRecording.SIGNED_FORM,
    consentWithdrawnAt: null,
    recordedBy: 'desk-operator',
    createdAt: new Date(at),
  }));
  await em.insertMany(DeskContact, rows);
}

async function referrals(em: EntityManager, from: string, to: string, at: string, n: number, state = ReferralState.SENT): Promise<void> {
  for (let i = 0; i < n; i++) await insertReferral(em, { from, to, state, createdAt: new Date(at), fiscalCode: FIXTURE_PEOPLE[i % 2]!.fiscalCode });
}

async function appointments(em: EntityManager, servicePoint: string, at: string, n: number, state: AppointmentState): Promise<void> {
  await em.insertMany(
    Appointment,
    Array.from({ length: n }, (_, i) => ({
      id: randomUUID(),
      servicePoint,
      workerId: randomUUID(),
      workerFiscalCode: FIXTURE_PEOPLE[i % 2]!.fiscalCode,
      kind: AppointmentKind.CONVOCATION,
      referral: null,
      scheduledAt: new Date(at),
      durationMinutes: 30,
      channel: AppointmentChannel.IN_PERSON,
      state,
      convokedBy: 'operator-cpi-0001',
      convokedByOrganisation: 'org-afol-metropolitana',
      purpose: Purpose.EMPLOYMENT_SERVICES,
      createdAt: new Date(at),
      updatedAt: new Date(at),
    })) as EntityData<Appointment>[],
  );
}

/**
 * Stores the service points and the activity of 2025 whose expected indicators the tests
 * state: contacts San Siro Q1 5, Q2 4; Jenner Q1 3, Q2 1 (days in Europe/Rome); referrals
 * sent by San Siro Q1 3, Q3 4 (and a draft, not counted); received by Jenner Q4 3;
 * attended at San Siro Q2 3 (one absence, not counted).
 */
export async function insertNeighbourhoodActivity(em: EntityManager): Promise<void> {
  await insertServicePoints(em);
  await em.nativeUpdate(ServicePoint, { code: SANSIRO }, { neighbourhood: 'San Siro' });
  await em.nativeUpdate(ServicePoint, { code: JENNER }, { neighbourhood: 'Jenner' });
  await em.insertMany(ServicePoint, [
    { ...POINTS.desk, code: PLAIN_DESK, name: 'Sportello CPI centro', publicHousingNeighbourhood: false, neighbourhood: null },
    { ...POINTS.jobCentreCremona, code: CREMONA_DESK, kind: POINTS.desk.kind, name: 'Sportello CPI Cambonino', publicHousingNeighbourhood: true, neighbourhood: 'Cambonino', parent: POINTS.jobCentreCremona.code },
  ] as EntityData<ServicePoint>[]);

  await contacts(em, SANSIRO, '2025-01-15T10:00:00Z', 4);
  await contacts(em, SANSIRO, '2024-12-31T23:30:00Z', 1); // 1 January 2025 in Rome
  await contacts(em, SANSIRO, '2025-05-10T10:00:00Z', 4);
  await contacts(em, SANSIRO, '2025-12-31T23:30:00Z', 1); // 1 January 2026 in Rome
  await contacts(em, JENNER, '2025-02-01T10:00:00Z', 3);
  await contacts(em, JENNER, '2025-03-31T23:30:00Z', 1); // 1 April in Rome
  await contacts(em, PLAIN_DESK, '2025-02-01T10:00:00Z', 6);
  await contacts(em, CREMONA_DESK, '2025-02-01T10:00:00Z', 6);

  await referrals(em, SANSIRO, POINTS.social.code, '2025-02-10T09:00:00Z', 3);
  await referrals(em, SANSIRO, POINTS.social.code, '2025-08-10T09:00:00Z', 4);
  await referrals(em, SANSIRO, POINTS.social.code, '2025-08-10T09:00:00Z', 1, ReferralState.DRAFT);
  await referrals(em, POINTS.jobCentre.code, JENNER, '2025-11-10T09:00:00Z', 3);

  await appointments(em, SANSIRO, '2025-06-03T08:00:00Z', 3, AppointmentState.ATTENDED);
  await appointments(em, SANSIRO, '2025-06-04T08:00:00Z', 1, AppointmentState.ABSENT);
}

export const ACTIVITY = `query($year: Int!) { neighbourhoodDeskActivity(year: $year) {
  year minimumCellCount desks { code name neighbourhood }
  indicators { indicator total totalSuppressed cells { desk quarter count suppressed } } } }`;

export const DIDS = `query($year: Int!) { neighbourhoodDeskDids(year: $year) { indicator total totalSuppressed minimumCellCount cells { desk quarter count suppressed } } }`;
export const PACTS = `query($year: Int!) { neighbourhoodDeskPacts(year: $year) { indicator total totalSuppressed minimumCellCount cells { desk quarter count suppressed } } }`;

/** The replica of the directory in the workers and pacts subgraphs, with the same desks. */
export async function insertDirectoryReplica(em: EntityManager): Promise<void> {
  await em.insertMany(ServicePointDirectoryEntry, [
    { code: POINTS.jobCentre.code, kind: ServicePointKind.JOB_CENTRE, municipality: '015146', province: '015', neighbourhood: null },
    { code: SANSIRO, kind: ServicePointKind.JOB_CENTRE_DESK, municipality: '015146', province: '015', neighbourhood: 'San Siro' },
    { code: JENNER, kind: ServicePointKind.JOB_CENTRE_DESK, municipality: '015146', province: '015', neighbourhood: 'Jenner' },
    { code: PLAIN_DESK, kind: ServicePointKind.JOB_CENTRE_DESK, municipality: '015146', province: '015', neighbourhood: null },
    { code: CREMONA_DESK, kind: ServicePointKind.JOB_CENTRE_DESK, municipality: '019036', province: '019', neighbourhood: 'Cambonino' },
  ]);
}

/**
 * DIDs of the workers subgraph: San Siro Q1 4, Q3 3; Jenner Q4 3 (total 10); those of
 * 2024 and 2026, of the desk without a neighbourhood and of Cremona are not counted.
 */
export async function insertNeighbourhoodDids(em: EntityManager): Promise<void> {
  await insertDirectoryReplica(em);
  const spec: [string, string, number][] = [
    [SANSIRO, '2025-02-03', 4],
    [SANSIRO, '2025-07-01', 3],
    [JENNER, '2025-12-31', 3],
    [SANSIRO, '2024-12-31', 1],
    [SANSIRO, '2026-01-01', 1],
    [PLAIN_DESK, '2025-02-03', 5],
    [CREMONA_DESK, '2025-02-03', 5],
  ];
  let n = 300;
  for (const [jobCentre, declaredOn, count] of spec) {
    for (let i = 0; i < count; i++) {
      const worker = em.create(Worker, person((n += 1), { domicileMunicipality: '015146', domicileProvince: '015' }) as Worker);
      em.create(AvailabilityDeclaration, { worker, declaredOn, channel: DidChannel.JOB_CENTRE, status: DidStatus.INSERTED, statusDate: declaredOn, jobCentre });
    }
  }
  await em.flush();
}

/** Service pacts of the pacts subgraph: signed at San Siro Q2 3 and Jenner Q2 3 (total 6); a pact only proposed is not counted. */
export async function insertNeighbourhoodPacts(em: EntityManager): Promise<void> {
  await insertDirectoryReplica(em);
  const spec: [string, string | null, number][] = [
    [SANSIRO, '2025-04-15', 3],
    [JENNER, '2025-06-30', 3],
    [SANSIRO, null, 1],
    [PLAIN_DESK, '2025-04-15', 4],
  ];
  let n = 400;
  for (const [jobCentre, signedOn, count] of spec) {
    for (let i = 0; i < count; i++) {
      const state = signedOn ? ServicePactState.SIGNED : ServicePactState.PROPOSED;
      const pact = em.create(ServicePact, {
        workerId: randomUUID(),
        fiscalCode: person((n += 1)).fiscalCode,
        jobCentre,
        programme: ServicePactProgramme.ORDINARY,
        golPathway: null,
        state,
        proposedOn: '2025-04-01',
        signedOn,
        stateDate: signedOn ?? '2025-04-01',
      });
      em.create(ServicePactStateChange, { pact, fromState: null, toState: state, effectiveOn: pact.stateDate, reason: 'fixture' });
    }
  }
  await em.flush();
}
