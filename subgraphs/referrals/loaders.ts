import { type EntityManager } from '@mikro-orm/core';
import { groupLoader, rowLoader } from '../lib/loaders';
import { createChildPageLoader } from '../lib/connection-loader';
import { Referral, ReferralEvent, type ReferralState } from './referral/referral.entity';
import { ServicePoint } from './service-point/service-point.entity';
import { isUuid } from '../lib/validation';

/** Keys that can be ids: a malformed one matches nothing, and PostgreSQL would refuse it. */
function uuids(keys: readonly string[]): string[] {
  return keys.filter(isUuid);
}

/** Inbox (`to`) or outbox (`from`) pages of service points, newest first, optionally of one state. */
function referralPages(em: EntityManager, side: 'from' | 'to') {
  return createChildPageLoader(em, {
    entity: Referral,
    parent: side,
    orderBy: [
      { property: 'createdAt', direction: 'desc' },
      { property: 'id', direction: 'desc' },
    ],
    filter: (state: ReferralState | null) => (state != null ? { state } : {}),
  });
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
    referralsReceived: referralPages(em, 'to'),
    referralsSent: referralPages(em, 'from'),
  };
}

export type ReferralsLoaders = ReturnType<typeof createLoaders>;
