import { type EntityData, type EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Referral, ReferralEvent, ReferralLegalBasis, ReferralReason, ReferralState } from '../../../subgraphs/referrals/referral/referral.entity';
import { ServicePoint, ServicePointKind } from '../../../subgraphs/referrals/service-point/service-point.entity';
import { callerAs, LOMBARDY } from '../../utils/callers';
import { person } from '../../utils/people';

/** A synthetic codice fiscale with a valid check character (built by the encoder, not a real person). */
export const FISCAL_CODE = person(1).fiscalCode;

/** Organisation of the job-centre operators of the tests. */
export const AFOL = 'org-afol-metropolitana';

/**
 * A job-centre operator of the whole region working on referrals: every service point of
 * {@link POINTS} lies in its territory, so it sees every referral between them and acts
 * for both sides. The caller of the tests that are about rules other than access.
 */
export const REGION_OPERATOR = callerAs('CPI_OPERATOR', 'REFERRAL', { subject: 'operator-cpi-0001', organisation: AFOL, territory: LOMBARDY });

/** Service points of every kind, in Milano (015) and Cremona (019). */
export const POINTS = {
  jobCentre: { code: 'CPI-MI-STROZZI', kind: ServicePointKind.JOB_CENTRE, name: 'CPI Milano via Strozzi', municipality: '015146', province: '015', address: 'Via Strozzi 11', manager: 'AFOL Metropolitana', publicHousingNeighbourhood: false, parent: null },
  desk: { code: 'CPI-MI-SANSIRO', kind: ServicePointKind.JOB_CENTRE_DESK, name: 'Sportello CPI San Siro', municipality: '015146', province: '015', address: 'Via Paravia 26', manager: 'AFOL Metropolitana', publicHousingNeighbourhood: true, parent: 'CPI-MI-STROZZI' },
  desk2: { code: 'CPI-MI-JENNER', kind: ServicePointKind.JOB_CENTRE_DESK, name: 'Sportello CPI viale Jenner', municipality: '015146', province: '015', address: 'Viale Jenner 1', manager: 'AFOL Metropolitana', publicHousingNeighbourhood: true, parent: 'CPI-MI-STROZZI' },
  social: { code: 'SS-MI', kind: ServicePointKind.SOCIAL_SERVICES, name: 'Servizi sociali Comune di Milano', municipality: '015146', province: '015', address: 'Largo Treves 1', manager: 'Comune di Milano', publicHousingNeighbourhood: false, parent: null },
  cassaEdile: { code: 'CE-MI', kind: ServicePointKind.CASSA_EDILE, name: 'Cassa Edile di Milano', municipality: '015146', province: '015', address: 'Via San Luca 6', manager: 'Cassa Edile di Milano, Lodi, Monza e Brianza', publicHousingNeighbourhood: false, parent: null },
  jobCentreCremona: { code: 'CPI-CR', kind: ServicePointKind.JOB_CENTRE, name: 'CPI Cremona', municipality: '019036', province: '019', address: 'Via Dante 134', manager: 'Provincia di Cremona', publicHousingNeighbourhood: false, parent: null },
  socialCremona: { code: 'SS-CR', kind: ServicePointKind.SOCIAL_SERVICES, name: 'Servizi sociali Comune di Cremona', municipality: '019036', province: '019', address: 'Via Aselli 13', manager: 'Comune di Cremona', publicHousingNeighbourhood: false, parent: null },
  socialDesk: { code: 'SPS-CR-CGIL', kind: ServicePointKind.SOCIAL_DESK, name: 'Sportello sociale CGIL Cremona', municipality: '019036', province: '019', address: 'Via Mantova 25', manager: 'CGIL Cremona / SPI CGIL Cremona', publicHousingNeighbourhood: false, parent: null },
  patronato: { code: 'PAT-CR-INCA', kind: ServicePointKind.PATRONATO, name: 'Patronato INCA Cremona', municipality: '019036', province: '019', address: 'Via Mantova 25', manager: 'CGIL Cremona', publicHousingNeighbourhood: false, parent: null },
} as const;

/** Stores {@link POINTS}, job centres before their desks. */
export async function insertServicePoints(em: EntityManager): Promise<void> {
  const rows = Object.values(POINTS) as EntityData<ServicePoint>[];
  await em.insertMany(ServicePoint, rows.filter((p) => p.parent == null));
  await em.insertMany(ServicePoint, rows.filter((p) => p.parent != null));
}

/** The states a referral passes through, by the shortest legal path, to reach each state. */
export const PATH_TO: Record<ReferralState, ReferralState[]> = {
  DRAFT: [ReferralState.DRAFT],
  SENT: [ReferralState.DRAFT, ReferralState.SENT],
  ACCEPTED: [ReferralState.DRAFT, ReferralState.SENT, ReferralState.ACCEPTED],
  REJECTED: [ReferralState.DRAFT, ReferralState.SENT, ReferralState.REJECTED],
  EXPIRED: [ReferralState.DRAFT, ReferralState.SENT, ReferralState.EXPIRED],
  WITHDRAWN: [ReferralState.DRAFT, ReferralState.SENT, ReferralState.WITHDRAWN],
  APPOINTMENT_SET: [ReferralState.DRAFT, ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.APPOINTMENT_SET],
  TAKEN_IN_CHARGE: [ReferralState.DRAFT, ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.APPOINTMENT_SET, ReferralState.TAKEN_IN_CHARGE],
  CLOSED: [ReferralState.DRAFT, ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.APPOINTMENT_SET, ReferralState.TAKEN_IN_CHARGE, ReferralState.CLOSED],
};

export interface ReferralRow {
  id?: string;
  workerId?: string;
  fiscalCode?: string;
  from?: string;
  to?: string;
  state?: ReferralState;
  createdAt?: Date;
  dueBy?: string | null;
  legalBasis?: ReferralLegalBasis;
  /** The writing organisation (default {@link AFOL}; null: none recorded). */
  organisation?: string | null;
}

/** Stores a referral already in `state`, with the history that led there; returns its id. */
export async function insertReferral(em: EntityManager, row: ReferralRow = {}): Promise<string> {
  const id = row.id ?? randomUUID();
  const state = row.state ?? ReferralState.SENT;
  const createdAt = row.createdAt ?? new Date('2025-03-01T09:00:00Z');
  const path = PATH_TO[state];
  const sent = path.includes(ReferralState.SENT);
  await em.insertMany(Referral, [
    {
      id,
      workerId: row.workerId ?? randomUUID(),
      workerFiscalCode: row.fiscalCode ?? FISCAL_CODE,
      from: row.from ?? POINTS.jobCentre.code,
      to: row.to ?? POINTS.social.code,
      reason: ReferralReason.SOCIAL_NEEDS,
      motivation: 'Needs beyond work emerged at the interview',
      legalBasis: row.legalBasis ?? ReferralLegalBasis.LEGAL_OBLIGATION,
      createdByOrganisation: row.organisation !== undefined ? row.organisation : AFOL,
      state,
      createdAt,
      updatedAt: createdAt,
      sentAt: sent ? createdAt : null,
      dueBy: row.dueBy !== undefined ? row.dueBy : sent ? '2099-12-31' : null,
    },
  ]);
  await em.insertMany(
    ReferralEvent,
    path.map((toState, index) => ({
      id: randomUUID(),
      referral: id,
      sequence: index + 1,
      fromState: index === 0 ? null : path[index - 1],
      toState,
      at: createdAt,
    })),
  );
  return id;
}

/** Every field of a referral the tests read. */
export const REFERRAL_FIELDS = `
  id state reason motivation legalBasis workerFiscalCode createdAt updatedAt sentAt dueBy responseOverdue
  rejectionReason outcome
  worker { id }
  from { code } to { code }
  history { sequence fromState toState at note recordedBy }
`;

/** The createReferral mutation, returning {@link REFERRAL_FIELDS}. */
export const CREATE_REFERRAL = `mutation($input: CreateReferralInput!) { createReferral(input: $input) { ${REFERRAL_FIELDS} } }`;

/** A valid input from the job centre to social services, with the written motivation. */
export function referralInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    fromCode: POINTS.jobCentre.code,
    toCode: POINTS.social.code,
    workerId: randomUUID(),
    fiscalCode: FISCAL_CODE,
    reason: 'SOCIAL_NEEDS',
    motivation: 'Housing and care needs emerged at the CPI interview',
    legalBasis: 'LEGAL_OBLIGATION',
    ...overrides,
  };
}

/** What a test reads back from the database to prove that nothing was written. */
export async function snapshot(em: EntityManager, id: string): Promise<{ state: string; updatedAt: number; events: number; dueBy: string | null }> {
  const referral = await em.findOneOrFail(Referral, id);
  const events = await em.count(ReferralEvent, { referral: id });
  return { state: referral.state, updatedAt: referral.updatedAt.getTime(), events, dueBy: referral.dueBy ?? null };
}
