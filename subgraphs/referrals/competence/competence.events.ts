import { type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { z } from 'zod';
import { BadEventError } from '../../lib/subgraph';
import { PersonCompetence } from './person-competence.entity';

/** Topic of the workers subgraph's events that keep the competence replica in sync. */
export const WORKERS_COMPETENCE_TOPIC = 'competence.workers';
/** Topic of the pacts subgraph's events that keep the competence replica in sync. */
export const PACTS_COMPETENCE_TOPIC = 'competence.pacts';

const fiscalCode = z.string().regex(/^[A-Z0-9]{11,16}$/);
const pointCode = z.string().min(1).max(20).nullable();
const municipality = z.string().regex(/^\d{6}$/);
const changedAt = z.string().datetime({ offset: true });

const workersEvent = z.object({
  fiscalCode,
  workerId: z.string().uuid(),
  domicileMunicipality: municipality,
  availabilityJobCentre: pointCode,
  recordJobCentre: pointCode,
  changedAt,
});

const pactsEvent = z.object({
  fiscalCode,
  servicePactJobCentre: pointCode,
  inclusionPactMunicipality: municipality.nullable(),
  changedAt,
});

/** The workers subgraph's facts about a person (domicile, DID and record holders), as it last read them. */
export async function applyWorkersCompetenceEvent(em: EntityManager, payload: unknown): Promise<string> {
  const event = parse(workersEvent, payload, 'competence.workers');
  const { fiscalCode: code, changedAt: at, ...facts } = event;
  return applySnapshot(em, code, 'workersChangedAt', new Date(at), facts);
}

/** The pacts subgraph's facts about a person (service-pact holder, inclusion-pact municipality), as it last read them. */
export async function applyPactsCompetenceEvent(em: EntityManager, payload: unknown): Promise<string> {
  const event = parse(pactsEvent, payload, 'competence.pacts');
  const { fiscalCode: code, changedAt: at, ...facts } = event;
  return applySnapshot(em, code, 'pactsChangedAt', new Date(at), facts);
}

function parse<T>(schema: z.ZodType<T>, payload: unknown, topic: string): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new BadEventError(`not a ${topic} event: ${parsed.error.issues.map((i) => i.path.join('.') || 'event').join(', ')}`);
  return parsed.data;
}

/**
 * Writes one source's facts on the person's row, leaving the other source's alone, unless
 * the row already holds facts of that source read at the same time or later: a repeated
 * event changes nothing, and an older one arriving late does not undo a newer one. The
 * condition is part of the update, so two deliveries at once cannot both win. A person the
 * replica does not know yet gets a row with this source's facts only (a pacts event may come
 * before the workers one; see `hasWorkersFacts`). Two first events at once for the same
 * person: one insert fails on the key, and its redelivery updates the row.
 */
async function applySnapshot(
  em: EntityManager,
  code: string,
  stamp: 'workersChangedAt' | 'pactsChangedAt',
  at: Date,
  facts: Partial<PersonCompetence>,
): Promise<string> {
  return em.transactional(async (tx) => {
    const data = { ...facts, [stamp]: at, updatedAt: new Date() } as Partial<PersonCompetence>;
    const newer = { fiscalCode: code, $or: [{ [stamp]: null }, { [stamp]: { $lt: at } }] } as FilterQuery<PersonCompetence>;
    if ((await tx.nativeUpdate(PersonCompetence, newer, data)) === 1) return 'updated';
    if (await tx.count(PersonCompetence, { fiscalCode: code })) return 'ignored: the replica holds facts as new';
    await tx.insert(PersonCompetence, { fiscalCode: code, ...data });
    return 'created';
  });
}
