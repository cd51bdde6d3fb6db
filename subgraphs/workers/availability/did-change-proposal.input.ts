import { ArgsType, Field, ID, InputType } from 'type-graphql';
import { ConnectionArgs } from '../../lib/pagination';
import { DidChangeKind, DidChangeProposalStatus } from './did-change-proposal.entity';

@ArgsType()
export class DidChangeProposalsArgs extends ConnectionArgs {
  @Field(() => DidChangeProposalStatus, { nullable: true, defaultValue: DidChangeProposalStatus.PENDING, description: 'Only proposals in this state (default PENDING: the worklist).' })
  status?: DidChangeProposalStatus | null;
}

@InputType({ description: 'The confirmation of a proposed DID change: the DID changes at once.' })
export class ConfirmDidChangeProposalInput {
  @Field(() => ID, { description: 'The proposal to confirm.' })
  id!: string;

  @Field(() => String, { nullable: true, description: "The operator's reason, recorded in the DID history; the proposal's own when omitted." })
  reason?: string | null;
}

@InputType({ description: 'The rejection of a proposed DID change: the DID does not change.' })
export class RejectDidChangeProposalInput {
  @Field(() => ID, { description: 'The proposal to reject.' })
  id!: string;

  @Field(() => String, { description: 'Why the change is not applied; required.' })
  reason!: string;
}

@InputType({ description: 'A sanction on a DID (conditionality), proposed by an operator and confirmed by another.' })
export class ProposeDidSanctionInput {
  @Field(() => ID, { description: 'The DID to sanction.' })
  didId!: string;

  @Field(() => DidChangeKind, { description: 'SANCTION_NO_SHOW or SANCTION_OFFER_REFUSED.' })
  kind!: DidChangeKind;

  @Field(() => String, { description: "Reference of the missed appointment or refused offer in the job centre's records (at most 100 characters); one sanction per reference." })
  reference!: string;

  @Field(() => String, { description: 'Why the sanction is proposed; required.' })
  reason!: string;
}
