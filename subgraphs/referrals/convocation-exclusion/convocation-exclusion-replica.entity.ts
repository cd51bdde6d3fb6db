import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * What this subgraph knows of the pacts subgraph's do-not-convene decisions (plan §1.4,
 * art. 3(6)): a replica, keyed by the decision's id, kept in sync by the pacts subgraph's
 * `convocation.exclusion` events (see `convocation-exclusion.events.ts`). Scheduling a
 * convocation at a job centre is refused while a decision is in force on its date. The
 * coded reason only, never the social worker's details. Not exposed in the schema.
 */
@Entity({ tableName: 'convocation_exclusion_replica' })
export class ConvocationExclusionReplica {
  /** The pacts subgraph's ConvocationExclusion id. */
  @PrimaryKey({ type: 'uuid' })
  exclusionId!: string;

  /** Codice fiscale of the person not to be convened. */
  @Index()
  @Property({ type: 'string', length: 16 })
  fiscalCode!: string;

  /** The coded reason (ConvocationExclusionReason of the pacts subgraph). */
  @Property({ type: 'string', length: 40 })
  reason!: string;

  /** Date from which the person is not to be convened. */
  @Property({ type: 'date' })
  since!: string;

  /** Date from which the person may be convened again; null while the decision holds. */
  @Property({ type: 'date', nullable: true })
  endedOn?: string | null;

  /** When the pacts subgraph made the change this row reflects: an older event changes nothing. */
  @Property({ type: 'datetime' })
  changedAt!: Date;
}
