import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar, FiscalCodeScalar } from '../../lib/scalars';
import { HouseholdMember } from '../household/household.entity';

/**
 * Why a member of a household with a social inclusion pact must not be convened by a job
 * centre for a service pact (Annex 5 §1.4, art. 3(6); the members exempt from the
 * activation obligations of the ADI, DL 48/2023 art. 6(4)-(5)). The one list of codes:
 * only the code crosses to the job centres, never the details behind it.
 */
export enum ConvocationExclusionReason {
  CARE_OF_CHILD_UNDER_3 = 'CARE_OF_CHILD_UNDER_3',
  CARE_OF_DISABLED_OR_DEPENDENT = 'CARE_OF_DISABLED_OR_DEPENDENT',
  DISABILITY = 'DISABILITY',
  HEALTH_OR_CARE_PROGRAMME = 'HEALTH_OR_CARE_PROGRAMME',
  VIOLENCE_PROTECTION_PROGRAMME = 'VIOLENCE_PROTECTION_PROGRAMME',
  AGED_60_OR_OVER = 'AGED_60_OR_OVER',
  IN_EDUCATION_OR_TRAINING = 'IN_EDUCATION_OR_TRAINING',
  EMPLOYED = 'EMPLOYED',
}
registerEnumType(ConvocationExclusionReason, {
  name: 'ConvocationExclusionReason',
  description:
    'Why a member of a household with a social inclusion pact is not to be convened for a service pact (art. 3(6) of the RdC interoperability plan; exemptions of DL 48/2023 art. 6). Only this code reaches the job centres.',
  valuesConfig: {
    CARE_OF_CHILD_UNDER_3: { description: 'Caring for a child under three (carichi di cura).' },
    CARE_OF_DISABLED_OR_DEPENDENT: { description: 'Caring for a member with a severe disability or not self-sufficient (carichi di cura).' },
    DISABILITY: { description: 'The member has a disability (may still join the activation path voluntarily).' },
    HEALTH_OR_CARE_PROGRAMME: { description: 'In a certified socio-health care or treatment programme; the condition itself stays with the social services.' },
    VIOLENCE_PROTECTION_PROGRAMME: { description: 'In a protection programme for victims of violence.' },
    AGED_60_OR_OVER: { description: 'Aged 60 or over.' },
    IN_EDUCATION_OR_TRAINING: { description: 'Attending school, university or a training course.' },
    EMPLOYED: { description: 'Already employed (working at the time of the decision).' },
  },
});

/**
 * The social worker's decision that a member of a household with a social inclusion pact
 * is not to be convened by the job centres, with its coded reason and details (details
 * for the social services only). A member has one current decision at most; ending it
 * records who, when, why and under which purpose, so the rows are the history.
 */
@ObjectType({ description: "A social worker's decision that a household member is not to be convened by the job centres (do-not-convene, art. 3(6)), with its history." })
@Entity({ tableName: 'convocation_exclusion' })
export class ConvocationExclusion {
  @Field(() => ID, { nullable: true, description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => HouseholdMember, { deleteRule: 'cascade' })
  member!: HouseholdMember;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the member (as the job centres ask by it).' })
  @Index()
  @Property({ type: 'string', length: 16 })
  fiscalCode!: string;

  @Field(() => ConvocationExclusionReason, { nullable: true, description: 'The coded reason.' })
  @Enum({ items: () => ConvocationExclusionReason, type: 'string' })
  reason!: ConvocationExclusionReason;

  @Field(() => String, { nullable: true, description: 'What the social worker recorded behind the code (e.g. the care situation): for the social services only.' })
  @Property({ type: 'string', length: 500, nullable: true })
  details?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date from which the member is not to be convened.' })
  @Property({ type: 'date' })
  since!: string;

  @Field(() => String, { nullable: true, description: 'Operator who recorded the decision.' })
  @Property({ type: 'string', length: 100, nullable: true })
  recordedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Purpose declared when the decision was recorded.' })
  @Property({ type: 'string', length: 40, nullable: true })
  purpose?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the decision was recorded.' })
  @Property({ type: 'datetime' })
  recordedAt: Opt<Date> = new Date();

  @Field(() => DateScalar, { nullable: true, description: 'Date from which the member may be convened again; null while the decision holds.' })
  @Property({ type: 'date', nullable: true })
  endedOn?: string | null;

  @Field(() => String, { nullable: true, description: 'Why the decision ended.' })
  @Property({ type: 'string', length: 500, nullable: true })
  endReason?: string | null;

  @Field(() => String, { nullable: true, description: 'Operator who ended the decision.' })
  @Property({ type: 'string', length: 100, nullable: true })
  endedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Purpose declared when the decision was ended.' })
  @Property({ type: 'string', length: 40, nullable: true })
  endPurpose?: string | null;
}
