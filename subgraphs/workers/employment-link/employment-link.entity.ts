import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Worker } from '../worker/worker.entity';

/**
 * Who employs or employed a worker: a replica of the employment facts of the companies
 * subgraph (which owns employers, notices and relationships), holding only what the row
 * scopes of this subgraph need: the CASSA_EDILE scope (`construction`: people a
 * construction-sector employer employs or employed) and the EMPLOYER scope
 * (`own-employers`: people the caller's employers employ or employed), and the employer's
 * Cassa Edile, which a Cassa Edile's bulk exports select by. One row per
 * employment relationship, with the relationship's id.
 *
 * Seeded from the data set today; a later issue keeps it in sync from the companies
 * subgraph's event outbox (hires, terminations, annulments, and changes of an employer's
 * ATECO code or CCNL, which move `construction`). Not exposed in the schema.
 */
@Entity({ tableName: 'employment_link' })
@Index({ properties: ['employerFiscalCode', 'worker'] })
@Index({ properties: ['construction', 'worker'] })
@Index({ properties: ['cassaEdileCode', 'worker'] })
export class EmploymentLink {
  /** Id of the employment relationship in the companies subgraph. */
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index({ name: 'employment_link_worker_idx' })
  @ManyToOne(() => Worker, { deleteRule: 'cascade' })
  worker!: Worker;

  /** Codice fiscale of the employer. */
  @Property({ type: 'string', length: 16 })
  employerFiscalCode!: string;

  /** True when the employer is in the construction sector: ATECO section F or a construction CCNL (companies' `isConstructionEmployer`). */
  @Property({ type: 'boolean' })
  construction!: boolean;

  /** Code of the Cassa Edile the employer is registered with (e.g. MI00), null when none: the bulk exports of a Cassa Edile select by it. */
  @Property({ type: 'string', length: 10, nullable: true })
  cassaEdileCode?: string | null;

  @Property({ type: 'date' })
  startDate!: string;

  /** Termination date, or the planned end of a fixed-term relationship; null while open-ended. */
  @Property({ type: 'date', nullable: true })
  endDate?: string | null;

  /**
   * Planned end of a fixed-term relationship (null when open-ended, or when the event predates
   * the field): the DID schedule proposes resuming a DID the job suspended once it passes.
   */
  @Property({ type: 'date', nullable: true })
  plannedEndDate?: string | null;

  /** Date of the termination notice, null while none was filed (or when the event predates the field). */
  @Property({ type: 'date', nullable: true })
  terminationDate?: string | null;
}
