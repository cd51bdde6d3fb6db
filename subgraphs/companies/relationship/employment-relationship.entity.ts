import { Collection, Entity, Enum, Index, ManyToOne, OneToMany, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ContractTypeCodeScalar, DateScalar, IstatMunicipalityCodeScalar } from '../../lib/scalars';
import { Employer } from '../employer/employer.entity';
import { MandatoryNotice } from '../mandatory-notice/mandatory-notice.entity';
import { WorkingTime } from '../mandatory-notice/notice.codes';

/** State of an employment relationship as its notices leave it (RapportoState, domain.md §13.4, simplified). */
export enum EmploymentStatus {
  ACTIVE = 'ACTIVE',
  TERMINATED = 'TERMINATED',
  ANNULLED = 'ANNULLED',
}
registerEnumType(EmploymentStatus, {
  name: 'EmploymentStatus',
  description: 'State of an employment relationship (stato del rapporto di lavoro).',
  valuesConfig: {
    ACTIVE: { description: 'Attivo: hired, possibly extended or transformed, and not ended.' },
    TERMINATED: { description: 'Cessato: ended by a termination notice, or a fixed-term relationship past its planned end date.' },
    ANNULLED: { description: 'Annullato: the hire was annulled, so the relationship never had effect.' },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({ description: 'An employment relationship (rapporto di lavoro), derived from its mandatory notices: the hire creates it, each later notice updates it.' })
@Entity({ tableName: 'employment_relationship' })
@Index({ properties: ['employer', 'startDate'] })
export class EmploymentRelationship {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Employer, { deleteRule: 'cascade' })
  employer!: Employer;

  /** Codice fiscale of the worker; the person is owned by the workers subgraph. */
  @Index()
  @Property({ type: 'string', length: 16 })
  workerFiscalCode!: string;

  @Field(() => IstatMunicipalityCodeScalar, {
    nullable: true,
    description: 'Municipality of domicile of the worker (comune di domicilio), ISTAT code, as the latest notice of the relationship carries it; null when it carries none.',
  })
  @Index()
  @Property({ type: 'string', length: 6, nullable: true })
  workerDomicileMunicipality?: string | null;

  /** The notices of the relationship, for database conditions only (the `notices` field goes through a loader). */
  @OneToMany(() => MandatoryNotice, (notice) => notice.relationship)
  noticeRows = new Collection<MandatoryNotice>(this);

  /**
   * The state the notices leave: a fixed-term relationship stays ACTIVE here after its
   * planned end, and reads as TERMINATED through the `status` field.
   */
  @Index()
  @Enum({ items: () => EmploymentStatus, type: 'string', fieldName: 'status' })
  recordedStatus!: EmploymentStatus;

  @Field(() => ContractTypeCodeScalar, { nullable: true, description: 'Current contract type (tipologia contrattuale), after any transformation.' })
  @Property({ type: 'string', length: 7 })
  contractType!: string;

  @Field(() => WorkingTime, { nullable: true, description: 'Current working time (tipo orario), after any transformation.' })
  @Enum({ items: () => WorkingTime, type: 'string' })
  workingTime!: WorkingTime;

  @Field(() => Float, { nullable: true, description: 'Current average weekly hours (ore settimanali medie); part-time only.' })
  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  weeklyHours?: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'Start date (data inizio).' })
  @Property({ type: 'date' })
  startDate!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Planned end date (data fine prevista) of a fixed-term relationship, after any extension; null when open-ended.' })
  @Index()
  @Property({ type: 'date', nullable: true })
  plannedEndDate?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the termination notified (data cessazione); null until a termination notice.' })
  @Property({ type: 'date', nullable: true })
  terminationDate?: string | null;

  /** Optimistic lock: two notices filed at once for the same relationship cannot both apply. */
  @Property({ type: 'integer', version: true })
  version: Opt<number> = 1;
}
