import { Entity, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/**
 * What this subgraph knows about a person to find the competent job centre and social
 * services (domain.md §8.4, §9): a replica, keyed by fiscal code, of facts the other
 * subgraphs own. Not exposed in the schema.
 *
 * - from the workers subgraph: the worker id, the domicile, the job centre holding the
 *   active DID and the one holding the professional record (SAP);
 * - from the pacts subgraph: the job centre holding the open service pact (PSP) and the
 *   municipality in charge of the household's open inclusion pact (PaIS).
 *
 * Subgraphs do not call each other while answering a request, so a referral is decided on
 * this replica. It is seeded from the data set (`seed.ts`) and kept in sync by the owners'
 * events (`competence.events.ts`): after each change, each owner sends the person's current
 * facts with the time it read them, and a row keeps, per source, the newest facts received
 * (`workersChangedAt`, `pactsChangedAt`). Events arrive in any order, so a row may hold the
 * pacts facts of a person before the workers facts: until those arrive (no `workerId`), the
 * person is unknown, and absent or unknown is NOT_FOUND (`hasWorkersFacts`).
 */
@Entity({ tableName: 'person_competence' })
export class PersonCompetence {
  [PrimaryKeyProp]?: 'fiscalCode';

  @PrimaryKey({ type: 'string', length: 16 })
  fiscalCode!: string;

  /** The workers subgraph's Worker id; null until the workers subgraph's facts arrive. */
  @Property({ type: 'uuid', nullable: true })
  workerId?: string | null;

  /** ISTAT municipality code of domicile; null until the workers subgraph's facts arrive. */
  @Property({ type: 'string', length: 6, nullable: true })
  domicileMunicipality?: string | null;

  /** Code of the job centre holding the person's open service pact (PSP), if any. */
  @Property({ type: 'string', length: 20, nullable: true })
  servicePactJobCentre?: string | null;

  /** Code of the job centre holding the person's active DID, if any. */
  @Property({ type: 'string', length: 20, nullable: true })
  availabilityJobCentre?: string | null;

  /** Code of the job centre holding the person's professional record (SAP), if known. */
  @Property({ type: 'string', length: 20, nullable: true })
  recordJobCentre?: string | null;

  /** ISTAT code of the municipality in charge of the household's open inclusion pact (PaIS), if any. */
  @Property({ type: 'string', length: 6, nullable: true })
  inclusionPactMunicipality?: string | null;

  /** When the workers subgraph read the facts held here from it (null: seeded, or none yet). */
  @Property({ type: 'datetime', nullable: true })
  workersChangedAt?: Date | null;

  /** When the pacts subgraph read the facts held here from it (null: seeded, or none yet). */
  @Property({ type: 'datetime', nullable: true })
  pactsChangedAt?: Date | null;

  /** When the replica last changed. */
  @Property({ type: 'datetime' })
  updatedAt: Date = new Date();
}
