import { Entity, ManyToOne, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../lib/scalars';
import { HouseholdMember } from '../household/household.entity';

/**
 * A member's digital activation pact (Patto di attivazione digitale, PAD), signed on SIISL
 * (domain.md §8.2 steps 3 and 8): the household's first one starts the convocation timer
 * of its inclusion pact, and a member is routed to a job centre only after signing theirs
 * (PAD before PSP, §13.5 rule 6). One per member; who recorded it comes from the caller.
 */
@ObjectType({ description: "A household member's digital activation pact (PAD), signed on SIISL." })
@Entity({ tableName: 'digital_activation_pact' })
export class DigitalActivationPact {
  @Field(() => ID, { nullable: true, description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => HouseholdMember, { deleteRule: 'cascade', unique: true })
  member!: HouseholdMember;

  @Field(() => DateScalar, { nullable: true, description: 'Date the member signed the PAD (data sottoscrizione).' })
  @Property({ type: 'date' })
  signedOn!: string;

  @Field(() => String, { nullable: true, description: 'Operator who recorded it.' })
  @Property({ type: 'string', length: 100, nullable: true })
  recordedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Purpose declared when it was recorded.' })
  @Property({ type: 'string', length: 40, nullable: true })
  purpose?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was recorded.' })
  @Property({ type: 'datetime' })
  recordedAt: Opt<Date> = new Date();
}
