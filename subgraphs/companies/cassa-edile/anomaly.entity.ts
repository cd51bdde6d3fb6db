import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, FiscalCodeScalar } from '../../lib/scalars';
import { Employer } from '../employer/employer.entity';
import { AnomalyRule, AnomalySeverity, AnomalyState, VerificationState } from './cassa-edile.codes';

@ObjectType({ description: 'The regularity check of one month by one Cassa Edile: created by the first reconciliation of the month, closed when every anomaly is settled.' })
@Entity({ tableName: 'cassa_edile_verification' })
@Unique({ properties: ['cassaCode', 'year', 'month'] })
export class CassaEdileVerification {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { nullable: true, description: 'Code of the Cassa Edile.' })
  @Property({ type: 'string', length: 4 })
  cassaCode!: string;

  @Field(() => Int, { nullable: true, description: 'Year checked.' })
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Month checked, 1-12.' })
  @Property({ type: 'integer' })
  month!: number;

  @Field(() => Int, { nullable: true, description: 'Reconciliation runs so far.' })
  @Property({ type: 'integer', default: 0 })
  runs: Opt<number> = 0;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the reconciliation last ran.' })
  @Property({ type: 'datetime', nullable: true })
  lastRunAt?: Date | null;

  @Field(() => VerificationState, { nullable: true, description: 'OPEN, or CLOSED once every anomaly is dismissed or resolved.' })
  @Enum({ items: () => VerificationState, type: 'string' })
  state: Opt<VerificationState> = VerificationState.OPEN;

  /** The retention process deletes the evidence of a closed verification from this instant. */
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the verification was closed (the evidence then falls due for deletion).' })
  @Property({ type: 'datetime', nullable: true })
  closedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Operator (token subject) who closed it.' })
  @Property({ type: 'string', length: 100, nullable: true })
  closedBy?: string | null;

  @Property({ type: 'datetime' })
  createdAt: Opt<Date> = new Date();

  /** Optimistic lock: a close and a reconciliation run at the same time cannot both apply. */
  @Property({ type: 'integer', version: true })
  version: Opt<number> = 1;
}

@ObjectType({ description: 'An anomaly of the CO vs Cassa Edile reconciliation (domain.md §11), with its evidence and review state.' })
@Entity({ tableName: 'cassa_edile_anomaly' })
@Index({ properties: ['cassaCode', 'year', 'month', 'state'] })
@Index({ properties: ['employer', 'year', 'month'] })
export class CassaEdileAnomaly {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Rule, Cassa, employer, worker, year and month: one anomaly per cause, whatever the runs. */
  @Property({ type: 'string', length: 80, unique: true })
  fingerprint!: string;

  @ManyToOne(() => CassaEdileVerification, { deleteRule: 'cascade' })
  verification!: CassaEdileVerification;

  @Field(() => AnomalyRule, { nullable: true, description: 'Rule that raised it (CE-01 … CE-08).' })
  @Enum({ items: () => AnomalyRule, type: 'string' })
  rule!: AnomalyRule;

  @Field(() => AnomalySeverity, { nullable: true, description: 'Severity, from the table per rule (see reconcileCassaEdile).' })
  @Enum({ items: () => AnomalySeverity, type: 'string' })
  severity!: AnomalySeverity;

  @Field(() => String, { nullable: true, description: 'Code of the Cassa Edile whose check raised it.' })
  @Property({ type: 'string', length: 4 })
  cassaCode!: string;

  @ManyToOne(() => Employer, { deleteRule: 'cascade' })
  employer!: Employer;

  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Codice fiscale of the worker concerned (for CE-07, as written in the return); null for an anomaly of the whole firm (CE-08).' })
  @Index()
  @Property({ type: 'string', length: 16, nullable: true })
  workerFiscalCode?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year checked.' })
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Month checked, 1-12.' })
  @Property({ type: 'integer' })
  month!: number;

  /** Compared values from both sources; erased by the retention process when the verification closes. */
  @Property({ type: 'json', nullable: true })
  evidence?: Record<string, unknown> | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the evidence was erased (retention, privacy.md §3.3); null while it is kept.' })
  @Property({ type: 'datetime', nullable: true })
  evidenceErasedAt?: Date | null;

  @Field(() => AnomalyState, { nullable: true, description: 'Review state.' })
  @Enum({ items: () => AnomalyState, type: 'string' })
  state: Opt<AnomalyState> = AnomalyState.OPEN;

  /** True when the reconciliation itself resolved it (no longer detected): only those reopen when detected again. */
  @Property({ type: 'boolean', default: false })
  autoResolved: Opt<boolean> = false;

  @Field(() => String, { nullable: true, description: 'Reason of the dismissal, when DISMISSED.' })
  @Property({ type: 'string', length: 500, nullable: true })
  dismissalReason?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When a reconciliation first raised it.' })
  @Property({ type: 'datetime' })
  detectedAt: Opt<Date> = new Date();

  @Field(() => DateTimeScalar, { nullable: true, description: 'When a reconciliation last found its cause.' })
  @Property({ type: 'datetime' })
  lastDetectedAt: Opt<Date> = new Date();

  /** Optimistic lock: two reviews (or a review and a run) of one anomaly cannot both apply. */
  @Property({ type: 'integer', version: true })
  version: Opt<number> = 1;
}

@ObjectType({ description: 'A change of review state of an anomaly: from, to, who, which organisation, when and why.' })
@Entity({ tableName: 'cassa_edile_anomaly_change' })
@Index({ properties: ['anomaly', 'position'] })
export class CassaEdileAnomalyChange {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => CassaEdileAnomaly, { deleteRule: 'cascade' })
  anomaly!: CassaEdileAnomaly;

  /** The anomaly's version when the change was made (0 at its creation): orders the history even within one millisecond. */
  @Property({ type: 'integer' })
  position!: number;

  @Field(() => AnomalyState, { nullable: true, description: 'State before; null for the creation of the anomaly.' })
  @Enum({ items: () => AnomalyState, type: 'string', nullable: true })
  fromState?: AnomalyState | null;

  @Field(() => AnomalyState, { nullable: true, description: 'State after.' })
  @Enum({ items: () => AnomalyState, type: 'string' })
  toState!: AnomalyState;

  @Field(() => String, { nullable: true, description: 'Who made the change: the operator (token subject), or system:reconciliation.' })
  @Property({ type: 'string', length: 100 })
  changedBy!: string;

  @Field(() => String, { nullable: true, description: 'Organisation of whoever made the change (token org).' })
  @Property({ type: 'string', length: 100 })
  organisation!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When.' })
  @Property({ type: 'datetime' })
  changedAt: Opt<Date> = new Date();

  @Field(() => String, { nullable: true, description: 'Why: the operator\'s reason, or a code of the reconciliation (NOT_DETECTED_ON_RERUN, DETECTED_AGAIN_AFTER_AUTOMATIC_RESOLUTION).' })
  @Property({ type: 'string', length: 500, nullable: true })
  reason?: string | null;
}
