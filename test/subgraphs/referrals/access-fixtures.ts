import { type EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { type Caller } from '../../../subgraphs/lib/identity';
import { ReferralLegalBasis, ReferralState } from '../../../subgraphs/referrals/referral/referral.entity';
import { callerAs } from '../../utils/callers';
import { person } from '../../utils/people';
import { AFOL, insertReferral, insertServicePoints, POINTS } from './fixtures';

/** Organisations of the access tests (token `org`). */
export const ORG = {
  afol: AFOL,
  cremonaProvince: 'org-provincia-cremona',
  milanMunicipality: 'org-comune-milano',
  cgil: 'org-cgil-cremona',
  uil: 'org-uil-cremona',
} as const;

/** Three synthetic people (fiscal codes built by the encoder) with their worker ids. */
export const PEOPLE = {
  a: { workerId: randomUUID(), fiscalCode: person(11).fiscalCode },
  b: { workerId: randomUUID(), fiscalCode: person(12).fiscalCode },
  c: { workerId: randomUUID(), fiscalCode: person(13).fiscalCode },
};

/** The callers whose row scopes are tested, one per role that sees referrals (and two job centres). */
export const CALLERS = {
  /** Job centre, province of Milan (015). */
  cpiMilan: callerAs('CPI_OPERATOR', 'REFERRAL', { subject: 'operator-cpi-mi', organisation: ORG.afol, territory: ['015'] }),
  /** Job centre, municipality of Cremona (019036): a municipality code as territory. */
  cpiCremona: callerAs('CPI_OPERATOR', 'REFERRAL', { subject: 'operator-cpi-cr', organisation: ORG.cremonaProvince, territory: ['019036'] }),
  /** Social services of the municipality of Milan (015146). */
  socialMilan: callerAs('SOCIAL_WORKER', 'REFERRAL', { subject: 'social-worker-mi', organisation: ORG.milanMunicipality, territory: ['015146'] }),
  /** The union-run social desk of Cremona. */
  deskCgil: callerAs('SOCIAL_DESK_OPERATOR', 'REFERRAL', { subject: 'desk-operator-cgil', organisation: ORG.cgil }),
  /** Person a, for themselves. */
  citizenA: callerAs('CITIZEN', 'SELF_SERVICE', { subject: PEOPLE.a.fiscalCode, organisation: 'org-spid' }),
} satisfies Record<string, Caller>;

export type CallerName = keyof typeof CALLERS;

/** Roles that see no referral and no worker here, with their own purposes. */
export const NO_ROWS: [string, Caller][] = [
  ['CASSA_EDILE', callerAs('CASSA_EDILE', 'REGULARITY_CHECK', { organisation: 'org-cassa-edile-mi', territory: ['015'] })],
  ['EMPLOYER', callerAs('EMPLOYER', 'MANDATORY_NOTICE', { organisation: 'org-employer', employers: ['01234567897'] })],
  ['MINISTRY_ANALYST', callerAs('MINISTRY_ANALYST', 'STATISTICS', { organisation: 'org-mlps' })],
  ['REGION_ANALYST', callerAs('REGION_ANALYST', 'STATISTICS', { organisation: 'org-regione', territory: ['015', '019'] })],
  ['DATA_PROTECTION_OFFICER', callerAs('DATA_PROTECTION_OFFICER', 'SUPERVISION', { organisation: 'org-dpo' })],
  ['PLATFORM_ADMIN', callerAs('PLATFORM_ADMIN', 'ADMINISTRATION', { organisation: 'org-platform' })],
];

/** The referrals of the access tests, all SENT, with who wrote them and on which legal basis. */
export const REFERRALS = {
  /** Job centre of Milan to social services of Milan, for person a. */
  milan: randomUUID(),
  /** Job centre of Cremona to social services of Cremona, for person b. */
  cremona: randomUUID(),
  /** CGIL social desk to the patronato, on consent, for person c. */
  desk: randomUUID(),
  /** From the same desk, on consent, but written by another organisation, for person a. */
  deskOtherOrganisation: randomUUID(),
  /** Written by CGIL but on a legal obligation (not consent): social services of Cremona to the desk, for person c. */
  deskNoConsent: randomUUID(),
  /** Social services of Milan to the job centre of Cremona, for person b: in both territories. */
  cross: randomUUID(),
  /** Inbox of the job centre of Cremona, from social services of Cremona, for person b. */
  inbox1: randomUUID(),
  inbox2: randomUUID(),
  inbox3: randomUUID(),
} as const;

export type ReferralName = keyof typeof REFERRALS;

/** Which referrals each caller sees, written out by hand from the row scopes of the policy. */
export const VISIBLE: Record<CallerName, ReferralName[]> = {
  cpiMilan: ['milan', 'cross'],
  cpiCremona: ['cremona', 'desk', 'deskOtherOrganisation', 'deskNoConsent', 'cross', 'inbox1', 'inbox2', 'inbox3'],
  socialMilan: ['milan', 'cross'],
  deskCgil: ['desk'],
  citizenA: ['milan', 'deskOtherOrganisation'],
};

/** Stores the service points and {@link REFERRALS}, newest last (in the order listed). */
export async function insertAccessData(em: EntityManager): Promise<void> {
  await insertServicePoints(em);
  const rows: [ReferralName, Parameters<typeof insertReferral>[1]][] = [
    ['milan', { from: POINTS.jobCentre.code, to: POINTS.social.code, workerId: PEOPLE.a.workerId, fiscalCode: PEOPLE.a.fiscalCode, organisation: ORG.afol }],
    ['cremona', { from: POINTS.jobCentreCremona.code, to: POINTS.socialCremona.code, workerId: PEOPLE.b.workerId, fiscalCode: PEOPLE.b.fiscalCode, organisation: ORG.cremonaProvince }],
    ['desk', { from: POINTS.socialDesk.code, to: POINTS.patronato.code, workerId: PEOPLE.c.workerId, fiscalCode: PEOPLE.c.fiscalCode, organisation: ORG.cgil, legalBasis: ReferralLegalBasis.CONSENT }],
    ['deskOtherOrganisation', { from: POINTS.socialDesk.code, to: POINTS.socialCremona.code, workerId: PEOPLE.a.workerId, fiscalCode: PEOPLE.a.fiscalCode, organisation: ORG.uil, legalBasis: ReferralLegalBasis.CONSENT }],
    ['deskNoConsent', { from: POINTS.socialCremona.code, to: POINTS.socialDesk.code, workerId: PEOPLE.c.workerId, fiscalCode: PEOPLE.c.fiscalCode, organisation: ORG.cgil }],
    ['cross', { from: POINTS.social.code, to: POINTS.jobCentreCremona.code, workerId: PEOPLE.b.workerId, fiscalCode: PEOPLE.b.fiscalCode, organisation: ORG.milanMunicipality }],
    ['inbox1', { from: POINTS.socialCremona.code, to: POINTS.jobCentreCremona.code, workerId: PEOPLE.b.workerId, fiscalCode: PEOPLE.b.fiscalCode, organisation: ORG.cremonaProvince }],
    ['inbox2', { from: POINTS.socialCremona.code, to: POINTS.jobCentreCremona.code, workerId: PEOPLE.b.workerId, fiscalCode: PEOPLE.b.fiscalCode, organisation: ORG.cremonaProvince }],
    ['inbox3', { from: POINTS.socialCremona.code, to: POINTS.jobCentreCremona.code, workerId: PEOPLE.b.workerId, fiscalCode: PEOPLE.b.fiscalCode, organisation: ORG.cremonaProvince }],
  ];
  for (const [index, [name, row]] of rows.entries()) {
    await insertReferral(em, { ...row, id: REFERRALS[name], state: ReferralState.SENT, createdAt: new Date(Date.UTC(2025, 3, 1 + index, 9)) });
  }
}

/** Names of the referrals among `ids`, in order (unknown ids as `?`). */
export function namesOf(ids: (string | null | undefined)[]): string[] {
  const byId = new Map(Object.entries(REFERRALS).map(([name, id]) => [id as string, name]));
  return ids.map((id) => (id == null ? 'null' : (byId.get(id) ?? '?')));
}
