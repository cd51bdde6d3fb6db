import { type EntityManager } from '@mikro-orm/core';
import { queueInternalEvent } from '../../lib/outbox/internal-events';
import { PACTS_COMPETENCE_EVENTS } from '../events';
import { HouseholdMember } from '../household/household.entity';
import { OPEN_INCLUSION_PACT_STATES, SocialInclusionPact } from '../inclusion-pact/inclusion-pact.entity';
import { ServicePact, ServicePactState } from '../service-pact/service-pact.entity';

/**
 * Service-pact states in which the pact's job centre is competent for the person: the open
 * ones, proposal included, as in the seeded replica (`subgraphs/referrals/seed.ts`).
 */
export const COMPETENT_SERVICE_PACT_STATES: readonly ServicePactState[] = [ServicePactState.PROPOSED, ServicePactState.SIGNED, ServicePactState.IN_PROGRESS];

/** A person whose pacts changed. */
export interface PactsPerson {
  workerId: string;
  fiscalCode: string;
}

/**
 * Queues, for the referrals subgraph's competence replica, each person's current facts that
 * this subgraph owns (the job centre of the open service pact, the newest when there are
 * several; the municipality of the household's open inclusion pact): a snapshot, not the
 * change, so that a repeated or late event is harmless (the replica keeps the newest
 * `changedAt`).
 *
 * Called by each mutation that opens a pact or moves one, inside that mutation's
 * transaction: it flushes the pending changes, reads the facts back and queues the events
 * in the same unit of work, so they are committed with the change or not at all (see
 * `queueWorkerCompetence` in the workers subgraph for why not a flush subscriber).
 */
export async function queuePactsCompetence(em: EntityManager, people: readonly PactsPerson[]): Promise<void> {
  await em.flush();
  const changedAt = new Date().toISOString();
  const workerIds = [...new Set(people.map((p) => p.workerId))];
  const [pacts, members] = await Promise.all([
    em.find(ServicePact, { workerId: { $in: workerIds }, state: { $in: [...COMPETENT_SERVICE_PACT_STATES] } }, { orderBy: { proposedOn: 'desc', createdAt: 'desc' } }),
    em.find(HouseholdMember, { workerId: { $in: workerIds } }),
  ]);
  const households = [...new Set(members.map((m) => m.household.id))];
  const inclusion = households.length
    ? await em.find(SocialInclusionPact, { household: { $in: households }, state: { $in: [...OPEN_INCLUSION_PACT_STATES] } })
    : [];
  for (const person of people) {
    const pact = pacts.find((p) => p.workerId === person.workerId);
    const household = members.find((m) => m.workerId === person.workerId)?.household.id;
    const open = household ? inclusion.find((p) => p.household.id === household) : undefined;
    queueInternalEvent(em, PACTS_COMPETENCE_EVENTS, {
      fiscalCode: person.fiscalCode,
      servicePactJobCentre: pact?.jobCentre.code ?? null,
      inclusionPactMunicipality: open?.municipality ?? null,
      changedAt,
    });
  }
}

/** The members of a household, as the people whose inclusion-pact facts change with its pact. */
export async function householdPeople(em: EntityManager, householdId: string): Promise<PactsPerson[]> {
  const members = await em.find(HouseholdMember, { household: householdId }, { orderBy: { fiscalCode: 'asc' } });
  return members.map((m) => ({ workerId: m.workerId, fiscalCode: m.fiscalCode }));
}
