import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar, FiscalCodeScalar } from '../../lib/scalars';
import { ServicePoint } from '../service-point/service-point.entity';

/** Coded reason of a referral (motivo dell'invio). */
export enum ReferralReason {
  WORK_ACTIVATION = 'WORK_ACTIVATION',
  SOCIAL_NEEDS = 'SOCIAL_NEEDS',
  CONSTRUCTION_SECTOR = 'CONSTRUCTION_SECTOR',
  BENEFIT_APPLICATION = 'BENEFIT_APPLICATION',
  ORIENTATION = 'ORIENTATION',
}
registerEnumType(ReferralReason, {
  name: 'ReferralReason',
  description: 'Coded reason of a referral (motivo dell\'invio).',
  valuesConfig: {
    WORK_ACTIVATION: { description: 'Activation for work: DID, service pact (PSP), GOL (attivabile al lavoro).' },
    SOCIAL_NEEDS: { description: 'Needs beyond work, for social services: ADI, inclusion pact (PaIS).' },
    CONSTRUCTION_SECTOR: { description: 'Construction-sector matters for the Cassa Edile: APE, hours, irregularities.' },
    BENEFIT_APPLICATION: { description: 'An INPS application (NASpI, ADI, SFL...) through a patronato or CAF.' },
    ORIENTATION: { description: 'Information and orientation (orientamento) to a service.' },
  },
});

/** Legal basis on which the person's data travel with the referral (domain.md §13.5 rule 7). */
export enum ReferralLegalBasis {
  LEGAL_OBLIGATION = 'LEGAL_OBLIGATION',
  CONSENT = 'CONSENT',
}
registerEnumType(ReferralLegalBasis, {
  name: 'ReferralLegalBasis',
  description: 'Legal basis of the referral (base giuridica del trattamento).',
  valuesConfig: {
    LEGAL_OBLIGATION: { description: 'Obbligo di legge: flows the law requires (ADI / SFL, RdC inter-platform services).' },
    CONSENT: { description: 'Consenso: voluntary flows, e.g. from a sportello sociale, on the person\'s consent.' },
  },
});

/** States of a referral (domain.md §13.4, ReferralState). */
export enum ReferralState {
  DRAFT = 'DRAFT',
  SENT = 'SENT',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  EXPIRED = 'EXPIRED',
  APPOINTMENT_SET = 'APPOINTMENT_SET',
  TAKEN_IN_CHARGE = 'TAKEN_IN_CHARGE',
  CLOSED = 'CLOSED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ReferralState, {
  name: 'ReferralState',
  description: 'State of a referral: DRAFT -> SENT -> ACCEPTED | REJECTED | EXPIRED; ACCEPTED -> APPOINTMENT_SET -> TAKEN_IN_CHARGE -> CLOSED; SENT or ACCEPTED -> WITHDRAWN. REJECTED, EXPIRED, CLOSED and WITHDRAWN are final.',
  valuesConfig: {
    DRAFT: { description: 'Bozza: written, not yet sent.' },
    SENT: { description: 'Inviato: waiting for the receiving service point to answer by the response deadline.' },
    ACCEPTED: { description: 'Accettato by the receiving service point.' },
    REJECTED: { description: 'Respinto by the receiving service point, with a reason. Final.' },
    EXPIRED: { description: 'Scaduto: no answer by the response deadline. Final.' },
    APPOINTMENT_SET: { description: 'Appuntamento fissato: the person has been convened.' },
    TAKEN_IN_CHARGE: { description: 'Presa in carico by the receiving service point.' },
    CLOSED: { description: 'Chiuso, with an outcome (esito). Final.' },
    WITHDRAWN: { description: 'Ritirato by the sender. Final.' },
  },
});

/** The legal transitions of a referral: from each state, the states it may move to. */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralState, readonly ReferralState[]>> = {
  DRAFT: [ReferralState.SENT],
  SENT: [ReferralState.ACCEPTED, ReferralState.REJECTED, ReferralState.EXPIRED, ReferralState.WITHDRAWN],
  ACCEPTED: [ReferralState.APPOINTMENT_SET, ReferralState.WITHDRAWN],
  APPOINTMENT_SET: [ReferralState.TAKEN_IN_CHARGE],
  TAKEN_IN_CHARGE: [ReferralState.CLOSED],
  REJECTED: [],
  EXPIRED: [],
  CLOSED: [],
  WITHDRAWN: [],
};

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A referral (invio / segnalazione) of a person from one service point to another, e.g. job centre to social services (DL 4/2019 art. 4, DM 108/2019 art. 6).' })
@Entity({ tableName: 'referral' })
// The inbox and outbox are read newest first, per service point.
@Index({ properties: ['to', 'createdAt', 'id'] })
@Index({ properties: ['from', 'createdAt', 'id'] })
export class Referral {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The person referred: the workers subgraph's Worker id. */
  @Index()
  @Property({ type: 'uuid' })
  workerId!: string;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the person referred, as given when the referral was written (inter-platform referrals are keyed by it).' })
  @Index()
  @Property({ type: 'string', length: 16 })
  workerFiscalCode!: string;

  @ManyToOne(() => ServicePoint, { deleteRule: 'restrict' })
  from!: ServicePoint;

  @ManyToOne(() => ServicePoint, { deleteRule: 'restrict' })
  to!: ServicePoint;

  @Field(() => ReferralReason, { nullable: true, description: 'Coded reason (motivo).' })
  @Enum({ items: () => ReferralReason, type: 'string' })
  reason!: ReferralReason;

  @Field(() => String, { nullable: true, description: 'Written motivation (motivazione); required from a job centre to social services.' })
  @Property({ type: 'text', nullable: true })
  motivation?: string | null;

  @Field(() => ReferralLegalBasis, { nullable: true, description: 'Legal basis (base giuridica).' })
  @Enum({ items: () => ReferralLegalBasis, type: 'string' })
  legalBasis!: ReferralLegalBasis;

  @Field(() => ReferralState, { nullable: true, description: 'Current state (stato).' })
  @Index()
  @Enum({ items: () => ReferralState, type: 'string' })
  state!: ReferralState;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the referral was written.' })
  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the referral last changed.' })
  @Property({ type: 'datetime' })
  updatedAt: Opt<Date> = new Date();

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the referral was sent; null while it is a draft.' })
  @Property({ type: 'datetime', nullable: true })
  sentAt?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Response deadline (termine di risposta): the day the referral was sent plus REFERRAL_RESPONSE_DAYS (default 30). Unanswered after it, the referral may be set EXPIRED.' })
  @Property({ type: 'date', nullable: true })
  dueBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Why the receiving service point rejected it (motivo del rifiuto); set in state REJECTED.' })
  @Property({ type: 'string', length: 500, nullable: true })
  rejectionReason?: string | null;

  @Field(() => String, { nullable: true, description: 'Outcome recorded at closing (esito); set in state CLOSED.' })
  @Property({ type: 'string', length: 500, nullable: true })
  outcome?: string | null;

  /**
   * The organisation that wrote the referral: the verified caller's organisation (token
   * `org`, or PDND `client_id`) when `createReferral` ran, never a value of the input.
   * With the legal basis CONSENT it decides which referrals a social desk sees (row scope
   * `consented-by-organisation`). Not exposed in the schema.
   *
   * Demo data (`seed.ts`): the data set has no organisations, so a seeded referral belongs
   * to the organisation named like the code of its sending service point; a demo token
   * `--role SOCIAL_DESK_OPERATOR --purpose REFERRAL --org <code of a SOCIAL_DESK point>`
   * (in the demo data set `SOCDESK-019-CREMONA`, the sportello sociale of Cremona)
   * therefore sees the consented referrals that desk sent. Null: no organisation known
   * (no social desk sees the referral).
   */
  @Index()
  @Property({ type: 'string', length: 200, nullable: true })
  createdByOrganisation?: string | null;
}

@ObjectType({ description: 'One change of state of a referral (storico), oldest first.' })
@Entity({ tableName: 'referral_event' })
@Unique({ properties: ['referral', 'sequence'] })
export class ReferralEvent {
  @Field(() => ID, { nullable: true, description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Referral, { deleteRule: 'cascade' })
  referral!: Referral;

  /**
   * Position in the referral's history. Unique per referral, so two concurrent
   * transitions from the same state cannot both be written.
   */
  @Field(() => Int, { nullable: true, description: 'Position in the history, from 1.' })
  @Property({ type: 'integer' })
  sequence!: number;

  @Field(() => ReferralState, { nullable: true, description: 'State before the change; null for the first entry.' })
  @Enum({ items: () => ReferralState, type: 'string', nullable: true })
  fromState?: ReferralState | null;

  @Field(() => ReferralState, { nullable: true, description: 'State after the change.' })
  @Enum({ items: () => ReferralState, type: 'string' })
  toState!: ReferralState;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the change happened.' })
  @Property({ type: 'datetime' })
  at: Opt<Date> = new Date();

  // Text, not bounded like the reasons: a transfer's written motivation (up to 2000 characters) is its note.
  @Field(() => String, { nullable: true, description: 'Note: why the change was made (the written motivation of a transfer, the rejection reason, the closing outcome), when there is one.' })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Operator who made the change (the caller\'s subject), when known.' })
  @Property({ type: 'string', length: 100, nullable: true })
  recordedBy?: string | null;

  @Field(() => String, { nullable: true, description: 'Organisation of the operator who made the change (token org), when known.' })
  @Property({ type: 'string', length: 200, nullable: true })
  organisation?: string | null;

  @Field(() => String, { nullable: true, description: 'Purpose the operator declared for the change (e.g. REFERRAL), when known.' })
  @Property({ type: 'string', length: 40, nullable: true })
  purpose?: string | null;
}
