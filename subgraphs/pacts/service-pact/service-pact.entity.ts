import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AccountableStateChangeRecord } from '../../lib/state-change';
import { DateScalar, FiscalCodeScalar } from '../../lib/scalars';
import { ServicePointDirectoryEntry } from '../../lib/service-point-directory.entity';

/** Programme under which a service pact is signed (domain.md §6-§8). */
export enum ServicePactProgramme {
  ORDINARY = 'ORDINARY',
  GOL = 'GOL',
  YOUTH_GUARANTEE = 'YOUTH_GUARANTEE',
  ADI = 'ADI',
  SFL = 'SFL',
}
registerEnumType(ServicePactProgramme, {
  name: 'ServicePactProgramme',
  description: 'Programme of a service pact (programma): ordinary, GOL, Youth Guarantee, ADI or SFL.',
  valuesConfig: {
    ORDINARY: { description: 'Ordinario: the ordinary pact of art. 20 D.Lgs. 150/2015.' },
    GOL: { description: 'Garanzia di Occupabilità dei Lavoratori (PNRR M5C1); requires a GOL pathway.' },
    YOUTH_GUARANTEE: { description: 'Garanzia Giovani (Youth Guarantee), for NEET under 30.' },
    ADI: { description: 'Assegno di inclusione (DL 48/2023): household members activatable for work.' },
    SFL: { description: 'Supporto per la formazione e il lavoro (DL 48/2023).' },
  },
});

/** The five GOL pathways (domain.md §7). */
export enum GolPathway {
  JOB_REINTEGRATION = 'JOB_REINTEGRATION',
  UPSKILLING = 'UPSKILLING',
  RESKILLING = 'RESKILLING',
  WORK_AND_INCLUSION = 'WORK_AND_INCLUSION',
  COLLECTIVE_REALLOCATION = 'COLLECTIVE_REALLOCATION',
}
registerEnumType(GolPathway, {
  name: 'GolPathway',
  description: 'GOL pathway (percorso GOL), 1 to 5.',
  valuesConfig: {
    JOB_REINTEGRATION: { description: 'Percorso 1, reinserimento lavorativo: orientation and intermediation.' },
    UPSKILLING: { description: 'Percorso 2, aggiornamento (upskilling): short job-oriented training.' },
    RESKILLING: { description: 'Percorso 3, riqualificazione (reskilling): deeper training to a higher qualification.' },
    WORK_AND_INCLUSION: { description: 'Percorso 4, lavoro e inclusione: complex needs, network of territorial services.' },
    COLLECTIVE_REALLOCATION: { description: 'Percorso 5, ricollocazione collettiva: company crisis.' },
  },
});

/** States of a service pact (domain.md §13.4, PactState). */
export enum ServicePactState {
  PROPOSED = 'PROPOSED',
  SIGNED = 'SIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  INTERRUPTED = 'INTERRUPTED',
  LAPSED = 'LAPSED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ServicePactState, {
  name: 'ServicePactState',
  description: 'State of a service pact (stato del patto). Active means SIGNED or IN_PROGRESS.',
  valuesConfig: {
    PROPOSED: { description: 'Proposto: proposed to the person, not yet signed.' },
    SIGNED: { description: 'Sottoscritto: signed by the person and the job centre.' },
    IN_PROGRESS: { description: 'In corso: the agreed measures are under way.' },
    COMPLETED: { description: 'Concluso: ended, also when a new pact of the same programme replaced it. Final.' },
    INTERRUPTED: { description: 'Interrotto: ended early, with a reason. Final.' },
    LAPSED: { description: 'Decaduto: ended by a sanction (conditionality). Final.' },
    CANCELLED: { description: 'Annullato: entered in error, or withdrawn before it ended. Final.' },
  },
});

/** The legal transitions of a service pact: from each state, the states it may move to. */
export const SERVICE_PACT_TRANSITIONS: Readonly<Record<ServicePactState, readonly ServicePactState[]>> = {
  PROPOSED: [ServicePactState.SIGNED, ServicePactState.CANCELLED],
  SIGNED: [ServicePactState.IN_PROGRESS, ServicePactState.CANCELLED],
  IN_PROGRESS: [ServicePactState.COMPLETED, ServicePactState.INTERRUPTED, ServicePactState.LAPSED, ServicePactState.CANCELLED],
  COMPLETED: [],
  INTERRUPTED: [],
  LAPSED: [],
  CANCELLED: [],
};

/** A pact is active ("signed and active at the time of the question", RdC plan §1.3) in these states. */
export const ACTIVE_SERVICE_PACT_STATES: readonly ServicePactState[] = [ServicePactState.SIGNED, ServicePactState.IN_PROGRESS];

/** Final states: reaching one ends the pact (sets `endedOn`). */
export const FINAL_SERVICE_PACT_STATES: readonly ServicePactState[] = [
  ServicePactState.COMPLETED,
  ServicePactState.INTERRUPTED,
  ServicePactState.LAPSED,
  ServicePactState.CANCELLED,
];

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Patto di servizio personalizzato (PSP), art. 20 D.Lgs. 150/2015: the personalised service pact between a person and a job centre, including GOL pacts.' })
@Entity({ tableName: 'service_pact' })
export class ServicePact {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Id of the person (a workers entity): a plain column, the row lives in another database. */
  @Index()
  @Property({ type: 'string', length: 36 })
  workerId!: string;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the person, as recorded when the pact was made.' })
  @Index()
  @Property({ type: 'string', length: 16 })
  fiscalCode!: string;

  /** The DID the pact confirms (a workers entity), when known; kept for the link rule of domain.md §13.5 rule 4. */
  @Property({ type: 'string', length: 36, nullable: true })
  didId?: string | null;

  /**
   * The job centre or desk holding the pact (a referrals service point, known here through
   * the replicated directory): its municipality is the territory of the pact. Column
   * `job_centre_code`; no foreign key, the directory being a replica refreshed from the
   * referrals subgraph (creation checks the code against it).
   */
  @Index({ name: 'service_pact_job_centre_code_index' })
  @ManyToOne(() => ServicePointDirectoryEntry, { fieldName: 'job_centre_code', createForeignKeyConstraint: false })
  jobCentre!: ServicePointDirectoryEntry;

  @Field(() => ServicePactProgramme, { nullable: true, description: 'Programme (programma).' })
  @Enum({ items: () => ServicePactProgramme, type: 'string' })
  programme!: ServicePactProgramme;

  @Field(() => GolPathway, { nullable: true, description: 'GOL pathway (percorso GOL); set exactly when the programme is GOL.' })
  @Enum({ items: () => GolPathway, type: 'string', nullable: true })
  golPathway?: GolPathway | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Date of the digital activation pact (PAD) the pact follows, for the ADI and SFL programmes (PAD before PSP); null for the others and for pacts recorded before the rule.',
  })
  @Property({ type: 'date', nullable: true })
  activationPactSignedOn?: string | null;

  @Field(() => [String], { nullable: true, description: 'SFL: the employment agencies or authorised intermediaries the person chose in the PAD (at least 3); null for the other programmes.' })
  @Property({ type: 'json', nullable: true })
  chosenIntermediaries?: string[] | null;

  @Field(() => ServicePactState, { nullable: true, description: 'Current state (stato).' })
  @Index()
  @Enum({ items: () => ServicePactState, type: 'string' })
  state!: ServicePactState;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the proposal (data proposta).' })
  @Property({ type: 'date' })
  proposedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the signature (data sottoscrizione); null until signed.' })
  @Property({ type: 'date', nullable: true })
  signedOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date the pact ended (data fine); null until it reaches a final state.' })
  @Property({ type: 'date', nullable: true })
  endedOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the current state (data stato).' })
  @Property({ type: 'date' })
  stateDate!: string;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Opt<Date> = new Date();
}

@ObjectType({ description: 'One change of state of a service pact, with its reason (storico stati del patto).' })
@Entity({ tableName: 'service_pact_state_change' })
// PostgreSQL does not index foreign keys by itself; this one also serves the ordered per-parent lookup.
@Index({ properties: ['pact', 'effectiveOn'] })
export class ServicePactStateChange extends AccountableStateChangeRecord {
  @ManyToOne(() => ServicePact, { deleteRule: 'cascade' })
  pact!: ServicePact;

  @Field(() => ServicePactState, { nullable: true, description: 'State before the change; null for the first entry.' })
  @Enum({ items: () => ServicePactState, type: 'string', nullable: true })
  fromState?: ServicePactState | null;

  @Field(() => ServicePactState, { nullable: true, description: 'State after the change.' })
  @Enum({ items: () => ServicePactState, type: 'string' })
  toState!: ServicePactState;
}
