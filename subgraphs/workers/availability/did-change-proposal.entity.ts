import { Entity, Enum, Index, ManyToOne, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../lib/scalars';
import { Worker } from '../worker/worker.entity';
import { AvailabilityDeclaration, DidStatus } from './availability.entity';
import { DidChangeKind } from './did-change-kind';

export { DidChangeKind };

/** The state each kind of proposal moves the DID to. */
export const TARGET_STATUS: Readonly<Record<DidChangeKind, DidStatus>> = {
  SUSPEND: DidStatus.SUSPENDED,
  LAPSE: DidStatus.LAPSED,
  RESUME: DidStatus.VALIDATED,
  SANCTION_NO_SHOW: DidStatus.REVOKED,
  SANCTION_OFFER_REFUSED: DidStatus.REVOKED,
};

/** The kinds an operator proposes (the others come from mandatory notices). */
export const SANCTION_KINDS: readonly DidChangeKind[] = [DidChangeKind.SANCTION_NO_SHOW, DidChangeKind.SANCTION_OFFER_REFUSED];

export enum DidChangeProposalStatus {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(DidChangeProposalStatus, {
  name: 'DidChangeProposalStatus',
  description: 'Where a proposed DID change stands: it takes effect only when an operator confirms it.',
  valuesConfig: {
    PENDING: { description: 'Waiting for an operator of the competent job centre.' },
    CONFIRMED: { description: 'Confirmed by an operator: the DID changed.' },
    REJECTED: { description: 'Rejected by an operator, with a reason: the DID did not change.' },
    WITHDRAWN: { description: 'Withdrawn because its cause disappeared (the hire was annulled).' },
    SUPERSEDED: { description: 'Replaced by a later proposal for the same cause (the notice was rectified or the job ended).' },
  },
});

/** The author of the proposals that mandatory notices cause. */
export const EMPLOYMENT_LINK_PROPOSER = 'system:employment-link';
/** The author of the RESUME proposals for a fixed-term job that reached its planned end (the DID schedule). */
export const DID_SCHEDULE_PROPOSER = 'system:did-schedule';

/**
 * A change of a DID that an event or an operator proposes and an operator of the competent
 * job centre decides (no decision based solely on automated processing, GDPR art. 22).
 * One per (DID, kind, cause): a redelivered event finds it and creates nothing.
 */
@ObjectType({ description: 'A proposed change of a DID, waiting for or decided by an operator of the competent job centre.' })
@Entity({ tableName: 'did_change_proposal' })
@Unique({ name: 'did_change_proposal_cause_unique', properties: ['declaration', 'kind', 'causeReference'] })
@Index({ name: 'did_change_proposal_status_idx', properties: ['status', 'proposedAt'] })
export class DidChangeProposal {
  @Field(() => ID, { nullable: true, description: 'Identifier.' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index({ name: 'did_change_proposal_declaration_idx' })
  @ManyToOne(() => AvailabilityDeclaration, { deleteRule: 'cascade' })
  declaration!: AvailabilityDeclaration;

  @Index({ name: 'did_change_proposal_worker_idx' })
  @ManyToOne(() => Worker, { deleteRule: 'cascade' })
  worker!: Worker;

  @Field(() => DidChangeKind, { nullable: true, description: 'The change and its cause.' })
  @Enum({ items: () => DidChangeKind, type: 'string' })
  kind!: DidChangeKind;

  @Field(() => DidStatus, { nullable: true, description: 'The state the DID moves to on confirmation.' })
  @Enum({ items: () => DidStatus, type: 'string' })
  toStatus!: DidStatus;

  @Field(() => String, {
    nullable: true,
    description: "The cause: the employment relationship's id for a mandatory notice, the operator's reference (appointment, offer) for a sanction.",
  })
  @Property({ type: 'string', length: 100 })
  causeReference!: string;

  @Field(() => String, { nullable: true, description: 'Code of the mandatory notice that caused it, when one did.' })
  @Property({ type: 'string', length: 16, nullable: true })
  noticeCode?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Date the change takes effect when confirmed (the start or the end of the job; the proposal date for a sanction).' })
  @Property({ type: 'date' })
  effectiveOn!: string;

  @Field(() => String, { nullable: true, description: 'Why it was proposed.' })
  @Property({ type: 'string', length: 500 })
  proposalReason!: string;

  @Field(() => String, {
    nullable: true,
    description: `Who proposed it: "${EMPLOYMENT_LINK_PROPOSER}" for a mandatory notice, "${DID_SCHEDULE_PROPOSER}" for a fixed-term job that reached its planned end, else the operator (for a missed convocation, the one who recorded the absence).`,
  })
  @Property({ type: 'string', length: 100 })
  proposedBy!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was proposed.' })
  @Property({ type: 'datetime' })
  proposedAt: Opt<Date> = new Date();

  @Field(() => String, {
    nullable: true,
    description: 'Purpose under which its author proposed it (the operator\'s, or the one the event of a missed convocation carries); null for a mandatory notice.',
  })
  @Property({ type: 'string', length: 40, nullable: true })
  proposedPurpose?: string | null;

  /**
   * The DID's version (optimistic lock) when the change was proposed: a confirmation finding
   * the DID at another version is refused, as the proposal was made on a DID that changed
   * since. Null for proposals made before versions were kept (only the state machine then applies).
   */
  @Property({ type: 'integer', nullable: true })
  declarationVersion?: number | null;

  @Field(() => DidChangeProposalStatus, { nullable: true, description: 'Where it stands.' })
  @Enum({ items: () => DidChangeProposalStatus, type: 'string' })
  status: Opt<DidChangeProposalStatus> = DidChangeProposalStatus.PENDING;

  @Field(() => String, { nullable: true, description: 'The operator who confirmed or rejected it.' })
  @Property({ type: 'string', length: 100, nullable: true })
  decidedBy?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was confirmed, rejected, withdrawn or superseded.' })
  @Property({ type: 'datetime', nullable: true })
  decidedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'Reason of the decision (required to reject).' })
  @Property({ type: 'string', length: 500, nullable: true })
  decisionReason?: string | null;

  @Field(() => String, { nullable: true, description: 'Purpose the operator declared when confirming or rejecting it.' })
  @Property({ type: 'string', length: 40, nullable: true })
  purpose?: string | null;
}
