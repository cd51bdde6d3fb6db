import { type InputProblem } from '../../lib/errors';
import { type Caller, Role } from '../../lib/identity';
import { type ServicePoint, ServicePointKind } from '../service-point/service-point.entity';
import { type Referral, ReferralLegalBasis, ReferralState } from './referral.entity';

/**
 * Who may move a referral, beyond seeing it (the row scope, checked first: a referral
 * outside it is NOT_FOUND). A referral has two sides, the sending and the receiving
 * service point, and each transition belongs to one of them.
 */
export type ReferralSide = 'sender' | 'receiver';

/** The side(s) that may ask for each target state. */
export const SIDES_OF_TRANSITION: Readonly<Record<ReferralState, readonly ReferralSide[]>> = {
  DRAFT: [],
  SENT: ['sender'],
  WITHDRAWN: ['sender'],
  ACCEPTED: ['receiver'],
  REJECTED: ['receiver'],
  APPOINTMENT_SET: ['receiver'],
  TAKEN_IN_CHARGE: ['receiver'],
  CLOSED: ['receiver'],
  // Either side may record that the response deadline has passed.
  EXPIRED: ['sender', 'receiver'],
};

/** True when the service point's municipality lies in the caller's territory (ISTAT province or municipality codes). */
export function inCallerTerritory(caller: Caller, point: ServicePoint): boolean {
  return caller.territory.some((code) => code.length > 0 && point.municipality.startsWith(code));
}

/**
 * Whether the caller acts for one side of a referral:
 * - job-centre operators and social workers: the side whose service point lies in their
 *   territory (token `territory`);
 * - social-desk operators: the sending side of the referrals their organisation wrote
 *   (service points do not record their organisation, so a desk never acts as receiver);
 * - every other role: neither.
 */
export function actsFor(caller: Caller | null, side: ReferralSide, referral: Referral, point: ServicePoint): boolean {
  if (!caller) return false;
  switch (caller.role) {
    case Role.CPI_OPERATOR:
    case Role.SOCIAL_WORKER:
      return inCallerTerritory(caller, point);
    case Role.SOCIAL_DESK_OPERATOR:
      return side === 'sender' && !!caller.organisation && referral.createdByOrganisation === caller.organisation;
    default:
      return false;
  }
}

/**
 * What the caller's role demands of a new referral, as input problems:
 * - job-centre operators and social workers send from a service point of their territory;
 * - social-desk operators send from a sportello sociale (SOCIAL_DESK), on the person's
 *   consent (legal basis CONSENT), so that the referral stays theirs to see;
 * - no other role writes referrals (the policy refuses them the mutation already).
 * `known` holds the problems already found, so that one rule is not reported twice.
 */
export function senderProblems(caller: Caller | null, from: ServicePoint | null, legalBasis: ReferralLegalBasis, known: InputProblem[]): InputProblem[] {
  const problems: InputProblem[] = [];
  const role = caller?.role;
  if (role === Role.CPI_OPERATOR || role === Role.SOCIAL_WORKER) {
    if (from && !inCallerTerritory(caller!, from)) problems.push({ path: 'input.fromCode', message: 'must be a service point of the caller\'s territory' });
  } else if (role === Role.SOCIAL_DESK_OPERATOR) {
    if (from && from.kind !== ServicePointKind.SOCIAL_DESK) {
      problems.push({ path: 'input.fromCode', message: 'a social desk operator sends referrals from a sportello sociale (SOCIAL_DESK)' });
    }
    if (legalBasis !== ReferralLegalBasis.CONSENT && !known.some((p) => p.path === 'input.legalBasis')) {
      problems.push({ path: 'input.legalBasis', message: 'a social desk operator sends referrals only on the legal basis CONSENT' });
    }
  } else {
    problems.push({ path: 'input', message: 'the caller\'s role does not send referrals' });
  }
  return problems;
}
