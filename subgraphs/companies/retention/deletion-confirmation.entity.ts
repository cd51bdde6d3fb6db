import { Entity, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * A Cassa Edile's statement that it deleted what it received for its verification of one
 * month (convention art. 3): the notices notified to it in integrated mode that month.
 * One per (Cassa, month); a repeated confirmation changes nothing.
 */
@Entity({ tableName: 'cassa_edile_deletion_confirmation' })
@Unique({ properties: ['cassaCode', 'period'] })
export class CassaEdileDeletionConfirmation {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  /** The Cassa Edile's code (token `org`). */
  @Property({ type: 'string', length: 20 })
  cassaCode!: string;

  /** The month confirmed, `YYYY-MM`. */
  @Property({ type: 'string', length: 7 })
  period!: string;

  @Property({ type: 'datetime' })
  confirmedAt: Opt<Date> = new Date();

  /** Who confirmed it: the token subject of the Cassa's operator or system. */
  @Property({ type: 'string', length: 200 })
  confirmedBy!: string;
}
