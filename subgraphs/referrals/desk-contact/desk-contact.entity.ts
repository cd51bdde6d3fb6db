import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Purpose } from '../../lib/identity';
import { DateTimeScalar, FiscalCodeScalar } from '../../lib/scalars';
import { ServicePoint } from '../service-point/service-point.entity';
import { ConsentRecording, DeskContactAction, DeskNeed, DeskUserType, OrientationOutcome } from './desk-contact.codes';

/**
 * A person received at a sportello sociale (seed 003): who they are when they agree to
 * say it, their type and need in coded form, the consent on which everything rests, and
 * what the desk did. The identity is optional because the desk also informs and orients
 * anonymously; only a referral needs it. When the person withdraws consent the identity
 * is erased and the coded fields stay, as an anonymous record for the statistics.
 */
@ObjectType({ description: 'A contact of a person with a sportello sociale (accesso allo sportello), on the person\'s consent.' })
@Entity({ tableName: 'desk_contact' })
@Index({ properties: ['desk', 'contactedAt'] })
export class DeskContact {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => ServicePoint, { deleteRule: 'restrict' })
  desk!: ServicePoint;

  /** The desk's organisation (token `org` of the operator who registered it): the row scope. */
  @Index()
  @Property({ type: 'string', length: 200 })
  organisation!: string;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the person; null for an anonymous contact and after consent is withdrawn.' })
  @Property({ type: 'string', length: 16, nullable: true })
  fiscalCode?: string | null;

  /** The workers subgraph's Worker id, needed for a referral; erased with the fiscal code. */
  @Property({ type: 'uuid', nullable: true })
  workerId?: string | null;

  @Field(() => DeskUserType, { nullable: true, description: 'Tipologia di utenza.' })
  @Enum({ items: () => DeskUserType, type: 'string' })
  userType!: DeskUserType;

  @Field(() => DeskNeed, { nullable: true, description: 'Bisogno manifestato.' })
  @Enum({ items: () => DeskNeed, type: 'string' })
  need!: DeskNeed;

  @Field(() => OrientationOutcome, { nullable: true, description: 'Esito dell\'orientamento.' })
  @Enum({ items: () => OrientationOutcome, type: 'string' })
  outcome!: OrientationOutcome;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the person came to the desk.' })
  @Property({ type: 'datetime' })
  contactedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the person gave consent (legal basis of the processing: consent, GDPR art. 6(1)(a)).' })
  @Property({ type: 'datetime' })
  consentGivenAt!: Date;

  @Field(() => ConsentRecording, { nullable: true, description: 'How the consent was recorded.' })
  @Enum({ items: () => ConsentRecording, type: 'string' })
  consentRecordedAs!: ConsentRecording;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the person withdrew consent; null while it stands. From then on the identity is erased.' })
  @Property({ type: 'datetime', nullable: true })
  consentWithdrawnAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Operator who registered the contact (token subject).' })
  @Property({ type: 'string', length: 100 })
  recordedBy!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the contact was registered.' })
  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();
}

/** One change of a desk contact: who, when, why and under which purpose. */
@ObjectType({ description: 'One change of a desk contact (registration, referral, consent withdrawal), oldest first.' })
@Entity({ tableName: 'desk_contact_event' })
@Unique({ properties: ['contact', 'sequence'] })
export class DeskContactEvent {
  @Field(() => ID, { nullable: true, description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => DeskContact, { deleteRule: 'cascade' })
  contact!: DeskContact;

  /** Unique per contact, so two concurrent changes cannot both be written. */
  @Field(() => Int, { nullable: true, description: 'Position in the history, from 1.' })
  @Property({ type: 'integer' })
  sequence!: number;

  @Field(() => DeskContactAction, { nullable: true, description: 'What changed.' })
  @Enum({ items: () => DeskContactAction, type: 'string' })
  action!: DeskContactAction;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When.' })
  @Property({ type: 'datetime' })
  at: Opt<Date> = new Date();

  @Field(() => String, { nullable: true, description: 'Who: the operator (token subject).' })
  @Property({ type: 'string', length: 100 })
  recordedBy!: string;

  @Field(() => String, { nullable: true, description: 'The operator\'s organisation (token org).' })
  @Property({ type: 'string', length: 200 })
  organisation!: string;

  @Field(() => Purpose, { nullable: true, description: 'Purpose declared for the change.' })
  @Enum({ items: () => Purpose, type: 'string' })
  purpose!: Purpose;

  @Field(() => String, { nullable: true, description: 'Why, in coded words (never the person\'s data): e.g. the service point referred to.' })
  @Property({ type: 'string', length: 500, nullable: true })
  note?: string | null;

  /** The referral created by a REFERRED change; exposed through DeskContact.referrals. */
  @Property({ type: 'uuid', nullable: true })
  referralId?: string | null;
}
