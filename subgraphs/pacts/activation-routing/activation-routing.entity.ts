import { Entity, Index, ManyToOne, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar, FiscalCodeScalar } from '../../lib/scalars';
import { ServicePointDirectoryEntry } from '../../lib/service-point-directory.entity';
import { HouseholdMember } from '../household/household.entity';
import { SocialInclusionPact } from '../inclusion-pact/inclusion-pact.entity';

/**
 * A member the preliminary analysis found able to work (attivabile al lavoro), sent to a
 * job centre for a service pact (domain.md §8.2 step 8; Annex 5 "social services → work
 * services"). The job centre's activation worklist is built from these rows.
 */
@ObjectType({ description: 'A household member routed by the preliminary analysis to a job centre for a service pact (PSP): activatable for work.' })
@Entity({ tableName: 'activation_routing' })
export class ActivationRouting {
  @Field(() => ID, { nullable: true, description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => SocialInclusionPact, { deleteRule: 'cascade' })
  pact!: SocialInclusionPact;

  @Index()
  @ManyToOne(() => HouseholdMember, { deleteRule: 'cascade' })
  member!: HouseholdMember;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the member.' })
  @Index()
  @Property({ type: 'string', length: 16 })
  fiscalCode!: string;

  /** Id of the person (a workers entity), for the Worker reference. */
  @Property({ type: 'string', length: 36 })
  workerId!: string;

  /** The job centre the member is sent to, through the directory replica (code column, no foreign key). */
  @Index({ name: 'activation_routing_job_centre_code_index' })
  @ManyToOne(() => ServicePointDirectoryEntry, { fieldName: 'job_centre_code', createForeignKeyConstraint: false })
  jobCentre!: ServicePointDirectoryEntry;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the preliminary analysis that routed the member.' })
  @Property({ type: 'date' })
  routedOn!: string;

  @Field(() => String, { nullable: true, description: 'Operator who recorded the analysis.' })
  @Property({ type: 'string', length: 100, nullable: true })
  recordedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Purpose declared when the analysis was recorded.' })
  @Property({ type: 'string', length: 40, nullable: true })
  purpose?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the routing was recorded.' })
  @Property({ type: 'datetime' })
  recordedAt: Opt<Date> = new Date();
}
