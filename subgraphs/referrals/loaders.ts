import { type EntityClass, type EntityManager, type FilterQuery, type FindOptions } from '@mikro-orm/core';
import { type EntityManager as SqlEntityManager } from '@mikro-orm/knex';
import { groupLoader, rowLoader } from '../lib/loaders';
import { createChildPageLoader } from '../lib/connection-loader';
import { type RowScope } from '../lib/policy/scope';
import { Referral, ReferralEvent, type ReferralState } from './referral/referral.entity';
import { ServicePoint } from './service-point/service-point.entity';
import { DeskContact, DeskContactEvent } from './desk-contact/desk-contact.entity';
import { isUuid } from '../lib/validation';
import { Appointment, AppointmentEvent, AppointmentReminder } from './appointment/appointment.entity';
import { ConvocationExclusionReplica } from './convocation-exclusion/convocation-exclusion-replica.entity';

/** Keys that can be ids: a malformed one matches nothing, and PostgreSQL would refuse it. */
function uuids(keys: readonly string[]): string[] {
  return keys.filter(isUuid);
}

/** A condition no referral meets: the caller sees no referral at all. */
const NO_REFERRAL: FilterQuery<Referral> = { id: { $in: [] } };

/**
 * Inbox (`to`) or outbox (`from`) pages of service points, newest first, optionally of one
 * state, holding only the referrals in the caller's scope: the scope is part of the
 * windowed page query and of the grouped count, so totalCount counts only those.
 */
function referralPages(em: EntityManager, rows: RowScope, side: 'from' | 'to') {
  return createChildPageLoader(em, {
    entity: Referral,
    parent: side,
    orderBy: [
      { property: 'createdAt', direction: 'desc' },
      { property: 'id', direction: 'desc' },
    ],
    filter: (state: ReferralState | null) => rows.restrict<Referral>('Referral', state != null ? { state } : {}) ?? NO_REFERRAL,
  });
}

/**
 * The DataLoaders of one request, bound to its entity manager and to the caller's row
 * scopes: a referral outside the scope is never loaded, so it answers exactly like a
 * missing one (null, an empty list, NOT_FOUND in a mutation).
 */
export function createLoaders(em: EntityManager, rows: RowScope) {
  /** `em.find` of the caller's rows of `type` matching `where`; no statement when the caller sees none. */
  const scoped = <E extends object>(type: string, entity: EntityClass<E>, where: FilterQuery<E>, options: FindOptions<E> = {}): Promise<E[]> => {
    const restricted = rows.restrict<E>(type, where);
    return restricted === null ? Promise.resolve([]) : (em.find(entity, restricted, options) as Promise<E[]>);
  };
  return {
    servicePointByCode: rowLoader<string, ServicePoint>(
      (codes) => scoped('ServicePoint', ServicePoint, { code: { $in: [...codes] } }),
      (point) => point.code,
    ),
    desksByParent: groupLoader<string, ServicePoint>(
      (codes) => scoped('ServicePoint', ServicePoint, { parent: { $in: [...codes] } }, { orderBy: { code: 'asc' } }),
      (point) => point.parent?.code ?? '',
    ),
    referralById: rowLoader<string, Referral>(
      (ids) => scoped('Referral', Referral, { id: { $in: uuids(ids) } }),
      (referral) => referral.id,
    ),
    referralsByWorker: groupLoader<string, Referral>(
      (ids) => scoped('Referral', Referral, { workerId: { $in: uuids(ids) } }, { orderBy: { createdAt: 'desc', id: 'desc' } }),
      (referral) => referral.workerId,
    ),
    /**
     * Worker ids the caller's Worker scope admits, for `_entities` (see `rowScopes.Worker`):
     * true when a referral of that worker meets the scope. Read as plain values, so no
     * partial entity enters the identity map.
     */
    workerInScope: rowLoader<string, string>(
      async (ids) => {
        const restricted = rows.restrict<Referral>('Worker', { workerId: { $in: uuids(ids) } });
        if (restricted === null) return [];
        const found = await (em as SqlEntityManager).createQueryBuilder(Referral, 'r').select('workerId').distinct().where(restricted as object).execute<{ workerId: string }[]>('all');
        return found.map((row) => row.workerId);
      },
      (id) => id,
    ),
    /** History of referrals already loaded through the scope (a value of its referral, not a row of its own). */
    eventsByReferral: groupLoader<string, ReferralEvent>(
      (ids) => em.find(ReferralEvent, { referral: { $in: uuids(ids) } }, { orderBy: { sequence: 'asc' } }),
      (event) => event.referral.id,
    ),
    /** Desk contacts in the caller's scope (their organisation's). */
    deskContactById: rowLoader<string, DeskContact>(
      (ids) => scoped('DeskContact', DeskContact, { id: { $in: uuids(ids) } }),
      (contact) => contact.id,
    ),
    /** History of desk contacts already loaded through the scope. */
    eventsByDeskContact: groupLoader<string, DeskContactEvent>(
      (ids) => em.find(DeskContactEvent, { contact: { $in: uuids(ids) } }, { orderBy: { sequence: 'asc' } }),
      (event) => event.contact.id,
    ),
    /** Appointments in the caller's scope (see `rowScopes.Appointment`). */
    appointmentById: rowLoader<string, Appointment>(
      (ids) => scoped('Appointment', Appointment, { id: { $in: uuids(ids) } }),
      (appointment) => appointment.id,
    ),
    /**
     * Appointments of referrals already loaded through the Referral scope, oldest first: a
     * business check of the referral (its intake), not a list shown to the caller.
     */
    appointmentsByReferral: groupLoader<string, Appointment>(
      (ids) => em.find(Appointment, { referral: { $in: uuids(ids) } }, { orderBy: { createdAt: 'asc', id: 'asc' } }),
      (appointment) => appointment.referral?.id ?? '',
    ),
    /** History of appointments already loaded through the scope. */
    eventsByAppointment: groupLoader<string, AppointmentEvent>(
      (ids) => em.find(AppointmentEvent, { appointment: { $in: uuids(ids) } }, { orderBy: { sequence: 'asc' } }),
      (event) => event.appointment.id,
    ),
    /** Reminders of appointments already loaded through the scope, by due time. */
    remindersByAppointment: groupLoader<string, AppointmentReminder>(
      (ids) => em.find(AppointmentReminder, { appointment: { $in: uuids(ids) } }, { orderBy: { dueAt: 'asc', channel: 'asc' } }),
      (reminder) => reminder.appointment.id,
    ),
    /**
     * The pacts subgraph's do-not-convene decisions on these people (the replica), newest
     * first, ended ones included: a business check before convening, not a list shown.
     */
    exclusionsByFiscalCode: groupLoader<string, ConvocationExclusionReplica>(
      (codes) => em.find(ConvocationExclusionReplica, { fiscalCode: { $in: [...codes] } }, { orderBy: { since: 'desc', exclusionId: 'asc' } }),
      (exclusion) => exclusion.fiscalCode,
    ),
    referralsReceived: referralPages(em, rows, 'to'),
    referralsSent: referralPages(em, rows, 'from'),
  };
}

export type ReferralsLoaders = ReturnType<typeof createLoaders>;
