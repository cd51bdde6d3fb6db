import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { AccountableStateChangeRecord } from '../../lib/state-change';
import { DateScalar, IstatMunicipalityCodeScalar } from '../../lib/scalars';
import { Household } from '../household/household.entity';

/** States of a social inclusion pact (domain.md §13.4, PaisState). */
export enum InclusionPactState {
  TO_CONVENE = 'TO_CONVENE',
  PRELIMINARY_ANALYSIS = 'PRELIMINARY_ANALYSIS',
  ANALYSIS_FRAMEWORK = 'ANALYSIS_FRAMEWORK',
  SIGNED = 'SIGNED',
  MONITORING = 'MONITORING',
  COMPLETED = 'COMPLETED',
  LAPSED = 'LAPSED',
}
registerEnumType(InclusionPactState, {
  name: 'InclusionPactState',
  description: 'State of a social inclusion pact (stato del PaIS), as the case manager moves it in GePI.',
  valuesConfig: {
    TO_CONVENE: { description: 'Da convocare: received after the PAD, the household is to be convened.' },
    PRELIMINARY_ANALYSIS: { description: 'Analisi preliminare: always carried out.' },
    ANALYSIS_FRAMEWORK: { description: 'Quadro di analisi approfondito: the in-depth analysis, for complex needs only.' },
    SIGNED: { description: 'Sottoscritto: the PaIS is signed.' },
    MONITORING: { description: 'Monitoraggio: commitments and supports are being followed up.' },
    COMPLETED: { description: 'Concluso. Final.' },
    LAPSED: { description: 'Decaduto: the household lost the benefit. Final.' },
  },
});

/** The legal transitions of a social inclusion pact; the in-depth analysis may be skipped. */
export const INCLUSION_PACT_TRANSITIONS: Readonly<Record<InclusionPactState, readonly InclusionPactState[]>> = {
  TO_CONVENE: [InclusionPactState.PRELIMINARY_ANALYSIS],
  PRELIMINARY_ANALYSIS: [InclusionPactState.ANALYSIS_FRAMEWORK, InclusionPactState.SIGNED],
  ANALYSIS_FRAMEWORK: [InclusionPactState.SIGNED],
  SIGNED: [InclusionPactState.MONITORING],
  MONITORING: [InclusionPactState.COMPLETED, InclusionPactState.LAPSED],
  COMPLETED: [],
  LAPSED: [],
};

/** States in which a pact is still open: a household has at most one open pact. */
export const OPEN_INCLUSION_PACT_STATES: readonly InclusionPactState[] = [
  InclusionPactState.TO_CONVENE,
  InclusionPactState.PRELIMINARY_ANALYSIS,
  InclusionPactState.ANALYSIS_FRAMEWORK,
  InclusionPactState.SIGNED,
  InclusionPactState.MONITORING,
];

@Directive('@key(fields: "id")')
@ObjectType({ description: "Patto per l'inclusione sociale (PaIS), DL 48/2023 and DM 72/2024: the household's pact with the municipal social services." })
@Entity({ tableName: 'social_inclusion_pact' })
// PostgreSQL does not index foreign keys by itself; this one also serves the ordered per-parent lookup.
@Index({ properties: ['household', 'padSignedOn'] })
export class SocialInclusionPact {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Household, { deleteRule: 'cascade' })
  household!: Household;

  @Field(() => IstatMunicipalityCodeScalar, { nullable: true, description: 'Municipality whose social services are in charge (comune), ISTAT code.' })
  @Index()
  @Property({ type: 'string', length: 6 })
  municipality!: string;

  /** Code of the social services in charge (a referrals service point). */
  @Property({ type: 'string', length: 20 })
  socialServicesCode!: string;

  @Field(() => InclusionPactState, { nullable: true, description: 'Current state (stato).' })
  @Index()
  @Enum({ items: () => InclusionPactState, type: 'string' })
  state!: InclusionPactState;

  @Field(() => DateScalar, { nullable: true, description: 'Date the digital activation pact (Patto di attivazione digitale, PAD) was signed: the legal timers start from it.' })
  @Property({ type: 'date' })
  padSignedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the preliminary analysis (analisi preliminare), when the social services convened the household; null before it, and for pacts imported without it.' })
  @Property({ type: 'date', nullable: true })
  preliminaryAnalysisOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date the PaIS was signed (data sottoscrizione); null until signed.' })
  @Property({ type: 'date', nullable: true })
  signedOn?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the current state (data stato).' })
  @Property({ type: 'date' })
  stateDate!: string;

  @Property({ type: 'datetime', onCreate: () => new Date() })
  createdAt: Opt<Date> = new Date();
}

@ObjectType({ description: 'One change of state of a social inclusion pact, with its reason.' })
@Entity({ tableName: 'social_inclusion_pact_state_change' })
// PostgreSQL does not index foreign keys by itself; this one also serves the ordered per-parent lookup.
@Index({ properties: ['pact', 'effectiveOn'] })
export class SocialInclusionPactStateChange extends AccountableStateChangeRecord {
  @ManyToOne(() => SocialInclusionPact, { deleteRule: 'cascade' })
  pact!: SocialInclusionPact;

  @Field(() => InclusionPactState, { nullable: true, description: 'State before the change; null for the first entry.' })
  @Enum({ items: () => InclusionPactState, type: 'string', nullable: true })
  fromState?: InclusionPactState | null;

  @Field(() => InclusionPactState, { nullable: true, description: 'State after the change.' })
  @Enum({ items: () => InclusionPactState, type: 'string' })
  toState!: InclusionPactState;
}
