import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ContractTypeCodeScalar, DateScalar, DateTimeScalar, FiscalCodeScalar, IstatMunicipalityCodeScalar } from '../../lib/scalars';
import { Employer, WorkSite } from '../employer/employer.entity';
import { EmploymentRelationship } from '../relationship/employment-relationship.entity';
import { MandatoryNoticeCodeScalar, MandatoryNoticeState, MandatoryNoticeType, NoticeAction, ResidencePermitType, WorkingTime } from './notice.codes';

@Directive('@key(fields: "id")')
@Directive('@key(fields: "code")')
@ObjectType({ description: 'A mandatory notice (comunicazione obbligatoria, CO), UniLav model: one event of an employment relationship, as the employer or its consultant filed it.' })
@Entity({ tableName: 'mandatory_notice' })
@Index({ properties: ['employer', 'filedAt', 'id'] })
@Unique({ properties: ['relationship', 'sequence'] })
export class MandatoryNotice {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => MandatoryNoticeCodeScalar, { description: 'Communication code (codice comunicazione), 16 digits.' })
  @Property({ type: 'string', length: 16, unique: true })
  code!: string;

  @Field(() => MandatoryNoticeType, { nullable: true, description: 'Event notified (tipo comunicazione).' })
  @Enum({ items: () => MandatoryNoticeType, type: 'string' })
  type!: MandatoryNoticeType;

  @Field(() => MandatoryNoticeState, { nullable: true, description: 'State of the notice (stato CO).' })
  @Enum({ items: () => MandatoryNoticeState, type: 'string' })
  state: Opt<MandatoryNoticeState> = MandatoryNoticeState.VALIDATED;

  @Field(() => NoticeAction, { nullable: true, description: 'Whether the notice files its event, or rectifies or annuls the notice in `corrects`.' })
  @Enum({ items: () => NoticeAction, type: 'string', default: NoticeAction.FILING })
  action: Opt<NoticeAction> = NoticeAction.FILING;

  /** The notice a rectification or annulment corrects (codice comunicazione precedente); null for a filing. */
  @ManyToOne(() => MandatoryNotice, { nullable: true, deleteRule: 'cascade' })
  corrects?: MandatoryNotice | null;

  @Field(() => String, { nullable: true, description: 'Code of the Cassa Edile the notice was sent to in integrated mode (the employer\'s registration); null when it was not sent.' })
  @Property({ type: 'string', length: 10, nullable: true })
  notifiedTo?: string | null;

  @ManyToOne(() => Employer, { deleteRule: 'cascade' })
  employer!: Employer;

  @ManyToOne(() => EmploymentRelationship, { deleteRule: 'cascade' })
  relationship!: EmploymentRelationship;

  @Field(() => Int, { nullable: true, description: 'Position of the notice in its relationship, in the order the notices took effect: 1 is the hire.' })
  @Property({ type: 'integer' })
  sequence!: number;

  @ManyToOne(() => WorkSite, { nullable: true, deleteRule: 'set null' })
  workSite?: WorkSite | null;

  /** Codice fiscale of the worker; the person is owned by the workers subgraph. */
  @Index()
  @Property({ type: 'string', length: 16 })
  workerFiscalCode!: string;

  @Field(() => IstatMunicipalityCodeScalar, {
    nullable: true,
    description: 'Municipality of domicile of the worker as notified (comune di domicilio), ISTAT code: the notice reaches the job centre competent for it. Null when not notified.',
  })
  @Index()
  @Property({ type: 'string', length: 6, nullable: true })
  workerDomicileMunicipality?: string | null;

  @Field(() => String, { nullable: true, description: 'Citizenship of the worker as notified (cittadinanza), CO code: 000 is Italian.' })
  @Property({ type: 'string', length: 3, nullable: true })
  workerCitizenship?: string | null;

  @Field(() => ContractTypeCodeScalar, { nullable: true, description: 'Contract type (tipologia contrattuale).' })
  @Property({ type: 'string', length: 7 })
  contractType!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Start date of the relationship (data inizio).' })
  @Property({ type: 'date' })
  startDate!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Planned end date (data fine) for fixed-term forms; after an extension, the new end.' })
  @Property({ type: 'date', nullable: true })
  endDate?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the event notified (data evento): the start for a hire, the extension, transformation, transfer or termination date otherwise.' })
  @Property({ type: 'date' })
  eventDate!: string;

  @Field(() => DateScalar, { nullable: true, description: 'End of the training period (data fine periodo formativo) of an apprenticeship.' })
  @Property({ type: 'date', nullable: true })
  trainingEndDate?: string | null;

  @Field(() => WorkingTime, { nullable: true, description: 'Working time (tipo orario).' })
  @Enum({ items: () => WorkingTime, type: 'string' })
  workingTime!: WorkingTime;

  @Field(() => Float, { nullable: true, description: 'Average weekly hours (ore settimanali medie); part-time only.' })
  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  weeklyHours?: number | null;

  @Field(() => String, { nullable: true, description: 'Collective agreement applied (CCNL): ministerial CO code (e.g. 068) or CNEL code (e.g. F012).' })
  @Property({ type: 'string', length: 10 })
  ccnl!: string;

  @Field(() => String, { nullable: true, description: 'ISTAT job title (qualifica professionale): CP2011 code with the ministerial suffix, e.g. 6.1.2.1.0.1.' })
  @Property({ type: 'string', length: 16 })
  qualification!: string;

  @Field(() => Boolean, { nullable: true, description: 'Seasonal work (lavoro stagionale).' })
  @Property({ type: 'boolean', default: false })
  seasonal: Opt<boolean> = false;

  @Field(() => String, { nullable: true, description: 'Transformation code (codice trasformazione, e.g. DI fixed-term to open-ended) of a TRANSFORMATION notice.' })
  @Property({ type: 'string', length: 2, nullable: true })
  transformationCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Cause of termination (causa cessazione), ministerial code, of a TERMINATION notice.' })
  @Property({ type: 'string', length: 10, nullable: true })
  terminationCause?: string | null;

  @Field(() => ResidencePermitType, { nullable: true, description: 'Residence title of a non-EU worker (tipo titolo di soggiorno).' })
  @Enum({ items: () => ResidencePermitType, type: 'string', nullable: true })
  residencePermitType?: ResidencePermitType | null;

  @Field(() => DateScalar, { nullable: true, description: 'Expiry of the residence title (scadenza titolo di soggiorno).' })
  @Property({ type: 'date', nullable: true })
  residencePermitExpiry?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the notice was filed (data invio).' })
  @Property({ type: 'datetime' })
  filedAt!: Date;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of whoever filed for the employer (soggetto abilitato, e.g. a labour consultant); null when the employer filed itself.' })
  @Property({ type: 'string', length: 16, nullable: true })
  filedBy?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day on which the notice was on time (Italian calendar): for a hire the day before the start (by 24:00), otherwise 5 days after the event.' })
  @Property({ type: 'date' })
  deadline!: string;

  @Field(() => Boolean, { nullable: true, description: 'True when filed after its deadline. Late notices are recorded, not rejected.' })
  @Index()
  @Property({ type: 'boolean' })
  late!: boolean;

  @Field(() => Int, { nullable: true, description: 'Whole days between the deadline and the filing day; 0 when on time.' })
  @Property({ type: 'integer' })
  daysLate!: number;
}
