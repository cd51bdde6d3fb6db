import { Collection, Entity, Enum, Formula, Index, ManyToOne, OneToMany, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { StateChangeRecord } from '../../lib/state-change';
import { DateScalar } from '../../lib/scalars';
import { ServicePointDirectoryEntry } from '../../lib/service-point-directory.entity';
import { Worker } from '../worker/worker.entity';
import { DidChangeKind } from './did-change-kind';

/** States of the DID (domain.md §13.4, DidState). */
export enum DidStatus {
  INSERTED = 'INSERTED',
  VALIDATED = 'VALIDATED',
  SUSPENDED = 'SUSPENDED',
  LAPSED = 'LAPSED',
  REVOKED = 'REVOKED',
  CANCELLED = 'CANCELLED',
}
registerEnumType(DidStatus, {
  name: 'DidStatus',
  description: 'State of a DID: INSERTED (inserita), VALIDATED (convalidata, PSP signed), SUSPENDED (sospesa, short job), LAPSED (decaduta), REVOKED (revocata, sanction), CANCELLED (annullata, operator error). Active means INSERTED or VALIDATED.',
  valuesConfig: {
    INSERTED: { description: 'Inserita: declared, no service pact yet.' },
    VALIDATED: { description: 'Convalidata: confirmed by a signed service pact.' },
    SUSPENDED: { description: 'Sospesa: subordinate job of up to 180 days.' },
    LAPSED: { description: 'Decaduta: longer job, income over the threshold or withdrawal. Final.' },
    REVOKED: { description: 'Revocata: sanction (missed appointment, suitable offer refused). Final.' },
    CANCELLED: { description: 'Annullata: entered in error. Final.' },
  },
});

/** How the DID reached the system (domain.md §5). */
export enum DidChannel {
  ANPAL_PORTAL = 'ANPAL_PORTAL',
  REGIONAL_SYSTEM = 'REGIONAL_SYSTEM',
  JOB_CENTRE = 'JOB_CENTRE',
  INPS_NASPI = 'INPS_NASPI',
  INPS_DISCOLL = 'INPS_DISCOLL',
  SIISL = 'SIISL',
}
registerEnumType(DidChannel, {
  name: 'DidChannel',
  description: 'Channel of the declaration: national portal, regional system (SINTESI), at the job centre, an INPS NASpI or DIS-COLL application (which counts as a DID), or SIISL for ADI/SFL.',
  valuesConfig: {
    ANPAL_PORTAL: { description: 'Declared on the national portal (self-service or with job-centre help).' },
    REGIONAL_SYSTEM: { description: 'Received from the regional labour system (SINTESI) through the coordination node.' },
    JOB_CENTRE: { description: 'Declared at a job centre (CPI) desk.' },
    INPS_NASPI: { description: 'An INPS NASpI unemployment-benefit application, which counts as a DID.' },
    INPS_DISCOLL: { description: 'An INPS DIS-COLL unemployment-benefit application, which counts as a DID.' },
    SIISL: { description: 'Conferred by SIISL for ADI or SFL beneficiaries who had none.' },
  },
});

/**
 * The legal transitions of a DID: from each state, the states it may move to (domain.md
 * §13.4). INSERTED → LAPSED too: a job of more than 180 days, or open-ended, loses the status
 * whatever the DID's state (domain.md §5, "longer job: lost"; §13.5.3, "a CO hire of more than
 * 180 days or open-ended proposes DECADUTA"), and a DID with ongoing employment could not have
 * been inserted (check E16). INSERTED → SUSPENDED is not added: a suspension ends back in
 * VALIDATED (§13.4), which would validate a DID without the service pact that validates it.
 */
export const DID_TRANSITIONS: Readonly<Record<DidStatus, readonly DidStatus[]>> = {
  INSERTED: [DidStatus.VALIDATED, DidStatus.LAPSED, DidStatus.CANCELLED],
  VALIDATED: [DidStatus.SUSPENDED, DidStatus.LAPSED, DidStatus.REVOKED, DidStatus.CANCELLED],
  SUSPENDED: [DidStatus.VALIDATED, DidStatus.LAPSED, DidStatus.CANCELLED],
  LAPSED: [DidStatus.CANCELLED],
  REVOKED: [DidStatus.CANCELLED],
  CANCELLED: [],
};

/** A DID counts as active, for the status checks of the RdC plan, in these states. */
export const ACTIVE_DID_STATUSES: readonly DidStatus[] = [DidStatus.INSERTED, DidStatus.VALIDATED];
/** A DID that is still open (a second one may not be declared). */
export const OPEN_DID_STATUSES: readonly DidStatus[] = [DidStatus.INSERTED, DidStatus.VALIDATED, DidStatus.SUSPENDED];

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Dichiarazione di immediata disponibilità (DID), art. 19 D.Lgs. 150/2015: the declaration of immediate availability for work.' })
@Entity({ tableName: 'availability_declaration' })
export class AvailabilityDeclaration {
  @Field(() => ID, { description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index({ name: 'availability_declaration_worker_idx' })
  @ManyToOne(() => Worker, { deleteRule: 'cascade' })
  worker!: Worker;

  @Field(() => String, { nullable: true, description: 'National identifier assigned by the coordination node (identificativo ANPAL), when known.' })
  @Property({ type: 'string', length: 40, nullable: true })
  nationalId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the declaration (data DID).' })
  @Property({ type: 'date' })
  declaredOn!: string;

  @Field(() => DidChannel, { nullable: true, description: 'Channel of the declaration.' })
  @Enum({ items: () => DidChannel, type: 'string' })
  channel!: DidChannel;

  @Field(() => DidStatus, { nullable: true, description: 'Current state (stato DID).' })
  @Index()
  @Enum({ items: () => DidStatus, type: 'string' })
  status!: DidStatus;

  @Field(() => DateScalar, { nullable: true, description: 'Date of the current state (data stato).' })
  @Property({ type: 'date' })
  statusDate!: string;

  /**
   * The competent job centre (a referrals service point), through the replicated
   * directory so that the row scopes can place the DID in a territory. The column holds
   * the code; no foreign key, as the directory is a replica (the code is checked against
   * it when a DID is registered).
   */
  @Index()
  @ManyToOne(() => ServicePointDirectoryEntry, { fieldName: 'job_centre_code', createForeignKeyConstraint: false })
  jobCentre!: ServicePointDirectoryEntry;

  /**
   * ISTAT municipality of the job centre, read from the directory in a subquery (null when
   * the code is not in it): for the territory row scope, which is an OR of this and the
   * person's domicile. A condition on `jobCentre` would INNER JOIN the directory and drop
   * the DIDs whose code it lacks, even those in scope through the domicile. Never selected.
   */
  @Formula((alias) => `(select spd.municipality from service_point_directory spd where spd.code = ${alias}.job_centre_code)`, { lazy: true })
  jobCentreMunicipality?: Opt<string> | null;

  /**
   * Optimistic lock: every change of the DID increments it, and an update written against an
   * older version changes nothing (MikroORM's OptimisticLockError). A proposal remembers the
   * version it was made on, so that one confirmed after the DID changed is refused.
   */
  @Property({ version: true, type: 'integer' })
  version!: Opt<number>;

  @OneToMany(() => AvailabilityStatusChange, (change) => change.declaration)
  changes = new Collection<AvailabilityStatusChange>(this);
}

@ObjectType({ description: 'One change of state of a DID, with its cause (storico stati DID).' })
@Entity({ tableName: 'availability_status_change' })
export class AvailabilityStatusChange extends StateChangeRecord {
  // Redeclared only to make the field nullable: like every field of the history, it is
  // released to some callers only (access policy), and a refused field must be nullable.
  @Field(() => ID, { nullable: true, description: 'Identifier.' })
  override id: string = randomUUID();

  @Index({ name: 'availability_status_change_declaration_idx' })
  @ManyToOne(() => AvailabilityDeclaration, { deleteRule: 'cascade' })
  declaration!: AvailabilityDeclaration;

  @Field(() => DidStatus, { nullable: true, description: 'State before the change; null for the first entry.' })
  @Enum({ items: () => DidStatus, type: 'string', nullable: true })
  fromStatus?: DidStatus | null;

  @Field(() => DidStatus, { nullable: true, description: 'State after the change.' })
  @Enum({ items: () => DidStatus, type: 'string' })
  toStatus!: DidStatus;

  @Field(() => String, { nullable: true, description: 'Purpose the author of the change declared (null for entries recorded before it was kept).' })
  @Property({ type: 'string', length: 40, nullable: true })
  purpose?: string | null;

  @Field(() => DidChangeKind, { nullable: true, description: 'For a change confirmed from a proposal: its kind (the cause).' })
  @Enum({ items: () => DidChangeKind, type: 'string', nullable: true })
  causeKind?: DidChangeKind | null;

  @Field(() => String, { nullable: true, description: "For a change confirmed from a proposal: the employment relationship's id or the sanction's reference." })
  @Property({ type: 'string', length: 100, nullable: true })
  causeReference?: string | null;

  @Field(() => String, { nullable: true, description: 'For a change confirmed from a proposal: the mandatory notice that caused it, when one did.' })
  @Property({ type: 'string', length: 16, nullable: true })
  noticeCode?: string | null;

  /** The proposal it was confirmed from (a plain id: the proposal refers to the DID, not the reverse). */
  @Field(() => ID, { nullable: true, description: 'For a change confirmed from a proposal: the proposal (recordedBy is then the confirming operator).' })
  @Property({ type: 'uuid', nullable: true })
  proposalId?: string | null;

  @Field(() => String, { nullable: true, description: 'For a change confirmed from a proposal: who proposed it (system:employment-link for a mandatory notice, else the operator).' })
  @Property({ type: 'string', length: 100, nullable: true })
  proposedBy?: string | null;
}
