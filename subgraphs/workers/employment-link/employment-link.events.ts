import { type EntityManager } from '@mikro-orm/core';
import { z } from 'zod';
import { BadEventError } from '../../lib/subgraph';
import { Worker } from '../worker/worker.entity';
import { proposeDidChanges } from '../availability/did-change-proposal.events';
import { EmploymentLink } from './employment-link.entity';

/** Topic of the companies subgraph's events that keep the employment-link replica in sync. */
export const EMPLOYMENT_LINK_TOPIC = 'employment.link';

const linkEvent = z.object({
  relationshipId: z.string().uuid(),
  workerFiscalCode: z.string().min(11).max(16),
  employerFiscalCode: z.string().min(11).max(16),
  construction: z.boolean(),
  // Absent from events written before the field existed: the employer's registration is then unknown.
  cassaEdileCode: z.string().regex(/^[A-Z0-9]{2,10}$/).nullable().optional(),
  startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  endDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  annulled: z.boolean(),
  // Absent from events written before the DID followed employment: such an event proposes no DID change.
  plannedEndDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
  terminationDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().optional(),
  noticeCode: z.string().max(16).nullable().optional(),
});

/**
 * Applies one relationship's state, as the companies subgraph last wrote it, to the
 * replica: creates or updates its link (the relationship id is the key, so a repeated event
 * changes nothing), or removes it when the relationship was annulled. A person this
 * subgraph does not know is skipped: there is nobody to link. In the same transaction, the
 * DID changes the relationship calls for are proposed to the competent job centre
 * (see `proposeDidChanges`), so that a crash leaves both or neither and the redelivery
 * finishes the work.
 */
export async function applyEmploymentLinkEvent(em: EntityManager, payload: unknown): Promise<string> {
  const parsed = linkEvent.safeParse(payload);
  if (!parsed.success) throw new BadEventError(`not an employment-link event: ${parsed.error.issues.map((i) => i.path.join('.') || 'event').join(', ')}`);
  const event = parsed.data;
  return em.transactional(async (tx) => {
    const link = await applyLink(tx, event);
    // Events written before the planned end and termination travelled apart carry no DID facts.
    if (event.plannedEndDate === undefined || event.terminationDate === undefined) return link;
    const worker = await tx.findOne(Worker, { fiscalCode: event.workerFiscalCode });
    const did = await proposeDidChanges(tx, worker, {
      relationshipId: event.relationshipId,
      startDate: event.startDate,
      plannedEndDate: event.plannedEndDate,
      terminationDate: event.terminationDate,
      annulled: event.annulled,
      noticeCode: event.noticeCode ?? null,
    });
    await tx.flush();
    return `${link}; ${did}`;
  });
}

async function applyLink(em: EntityManager, event: z.infer<typeof linkEvent>): Promise<string> {
  const existing = await em.findOne(EmploymentLink, { id: event.relationshipId });
  if (event.annulled) {
    if (existing) await em.removeAndFlush(existing);
    return existing ? 'removed' : 'absent';
  }
  const worker = await em.findOne(Worker, { fiscalCode: event.workerFiscalCode });
  if (!worker) return 'skipped: unknown person';
  const data = {
    worker,
    employerFiscalCode: event.employerFiscalCode,
    construction: event.construction,
    cassaEdileCode: event.cassaEdileCode ?? null,
    startDate: event.startDate,
    endDate: event.endDate,
    // Kept apart for the DID schedule (a short job reaching its planned end with no termination).
    plannedEndDate: event.plannedEndDate ?? null,
    terminationDate: event.terminationDate ?? null,
  };
  if (existing) em.assign(existing, data);
  else em.create(EmploymentLink, { id: event.relationshipId, ...data });
  await em.flush();
  return existing ? 'updated' : 'created';
}
