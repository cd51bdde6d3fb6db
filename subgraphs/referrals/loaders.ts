import { type EntityManager } from '@mikro-orm/core';
import { groupLoader, rowLoader } from '../lib/loaders';
import { referralPageLoader } from './referral/referral-page.loader';
import { Referral, ReferralEvent } from './referral/referral.entity';
import { ServicePoint } from './service-point/service-point.entity';
import { isUuid } from '../lib/validation';

/** Keys that can be ids: a malformed one matches nothing, and PostgreSQL would refuse it. */
function uuids(keys: readonly string[]): string[] {
  return keys.filter(isUuid);
}

/** The DataLoaders of one request, bound to its entity manager. */
export function createLoaders(em: EntityManager) {
  return {
    servicePointByCode: rowLoader<string, ServicePoint>(
      (codes) => em.find(ServicePoint, { code: { $in: [...codes] } }),
      (point) => point.code,
    ),
    desksByParent: groupLoader<string, ServicePoint>(
      (codes) => em.find(ServicePoint, { parent: { $in: [...codes] } }, { orderBy: { code: 'asc' } }),
      (point) => point.parent?.code ?? '',
    ),
    referralById: rowLoader<string, Referral>(
      (ids) => em.find(Referral, { id: { $in: uuids(ids) } }),
      (referral) => referral.id,
    ),
    referralsByWorker: groupLoader<string, Referral>(
      (ids) => em.find(Referral, { workerId: { $in: uuids(ids) } }, { orderBy: { createdAt: 'desc', id: 'desc' } }),
      (referral) => referral.workerId,
    ),
    eventsByReferral: groupLoader<string, ReferralEvent>(
      (ids) => em.find(ReferralEvent, { referral: { $in: uuids(ids) } }, { orderBy: { sequence: 'asc' } }),
      (event) => event.referral.id,
    ),
    referralsReceived: referralPageLoader(em, 'to'),
    referralsSent: referralPageLoader(em, 'from'),
  };
}

export type ReferralsLoaders = ReturnType<typeof createLoaders>;
