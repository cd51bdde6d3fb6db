import { type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { type Caller } from './identity';
import { DateScalar, DateTimeScalar } from './scalars';

/**
 * What every state-history row records besides the two states: when the change takes
 * effect, why, who recorded it and when. Entities of each machine extend it and add
 * their owner and their own `from`/`to` enum columns.
 *
 * Decorated so that type-graphql passes its fields on to the subclasses; it is never
 * referenced itself, so it does not appear in the schema.
 */
@ObjectType({ description: 'A change of state with its date, reason and author.' })
export abstract class StateChangeRecord {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => DateScalar, { nullable: true, description: 'Date the change takes effect (data evento).' })
  @Property({ type: 'date' })
  effectiveOn!: string;

  @Field(() => String, { nullable: true, description: 'Reason (motivo), as recorded by the operator or the event that caused it.' })
  @Property({ type: 'string', length: 500, nullable: true })
  reason?: string | null;

  @Field(() => String, { nullable: true, description: 'Operator who recorded the change, when a person did.' })
  @Property({ type: 'string', length: 100, nullable: true })
  recordedBy?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the change was recorded.' })
  @Property({ type: 'datetime' })
  recordedAt: Opt<Date> = new Date();
}

/**
 * A state-history row that also records under whose authority the change was made: the
 * author's organisation and the purpose they declared (issue 5: every pact and referral
 * change says who, when, why and under which purpose). Both are set from the verified
 * caller, never from the input; nullable for rows written before they were kept, by
 * imports and by events without a caller.
 */
@ObjectType({ description: 'A change of state with its date, reason, author, organisation and purpose.' })
export abstract class AccountableStateChangeRecord extends StateChangeRecord {
  @Field(() => String, { nullable: true, description: 'Organisation of the operator who recorded the change (token org), when a person did.' })
  @Property({ type: 'string', length: 200, nullable: true })
  organisation?: string | null;

  @Field(() => String, { nullable: true, description: 'Purpose the author of the change declared (null for entries recorded before it was kept, and for imported ones).' })
  @Property({ type: 'string', length: 40, nullable: true })
  purpose?: string | null;
}

/** The author fields of a history row, from the verified caller of the request (all null without one). */
export function changeAuthor(caller: Caller | null | undefined): {
  recordedBy: string | null;
  organisation: string | null;
  purpose: string | null;
} {
  return { recordedBy: caller?.subject ?? null, organisation: caller?.organisation || null, purpose: caller?.purpose ?? null };
}
