import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection } from '../../lib/pagination';
import { type WorkersContext } from '../context';
import { AvailabilityDeclaration } from './availability.entity';
import { DidChangeProposal } from './did-change-proposal.entity';
import { ConfirmDidChangeProposalInput, DidChangeProposalsArgs, ProposeDidSanctionInput, RejectDidChangeProposalInput } from './did-change-proposal.input';
import { DidChangeProposalService } from './did-change-proposal.service';

const DidChangeProposalConnection = Connection(DidChangeProposal, 'DidChangeProposal', 'Proposed DID changes of the caller’s job centres, oldest first.');

@Resolver(() => DidChangeProposal)
export class DidChangeProposalResolver {
  @FieldResolver(() => AvailabilityDeclaration, { nullable: true, description: 'The DID the change is for.' })
  declaration(@Root() proposal: DidChangeProposal, @Ctx() ctx: WorkersContext) {
    return ctx.loaders.declarationById.load(proposal.declaration.id);
  }

  @Query(() => DidChangeProposalConnection, {
    nullable: true,
    description:
      "The job centre's worklist: DID changes proposed by mandatory notices (suspension, lapse, resumption) and by operators (sanctions), for the DIDs of the caller's territory; PENDING ones unless another state is asked for. None takes effect until an operator confirms it.",
  })
  didChangeProposals(@Args(() => DidChangeProposalsArgs) args: DidChangeProposalsArgs, @Ctx() ctx: WorkersContext) {
    return new DidChangeProposalService(ctx).list(args);
  }

  @Mutation(() => DidChangeProposal, {
    nullable: true,
    description:
      "Confirms a pending proposal: the DID changes along its state machine and its history records the cause, the proposal, who proposed and who confirmed, under the declared purpose. CONFLICT, writing nothing, when the DID can no longer make the move, changed since the proposal was made (another change confirmed or recorded: reject it then), or the proposal was already decided; a sanction needs an operator other than its proposer. NOT_FOUND outside the caller's territory, like an unknown id.",
  })
  confirmDidChangeProposal(@Arg('input', () => ConfirmDidChangeProposalInput, { description: 'The proposal and an optional reason.' }) input: ConfirmDidChangeProposalInput, @Ctx() ctx: WorkersContext) {
    return new DidChangeProposalService(ctx).confirm(input);
  }

  @Mutation(() => DidChangeProposal, {
    nullable: true,
    description: "Rejects a pending proposal with a reason (required); the DID does not change. NOT_FOUND outside the caller's territory, like an unknown id.",
  })
  rejectDidChangeProposal(@Arg('input', () => RejectDidChangeProposalInput, { description: 'The proposal and the reason.' }) input: RejectDidChangeProposalInput, @Ctx() ctx: WorkersContext) {
    return new DidChangeProposalService(ctx).reject(input);
  }

  @Mutation(() => DidChangeProposal, {
    nullable: true,
    description:
      "Proposes a sanction on a DID of the caller's territory (REVOKED once another operator confirms it). CONFLICT when the DID cannot be revoked from its state or the same sanction was already proposed.",
  })
  proposeDidSanction(@Arg('input', () => ProposeDidSanctionInput, { description: 'The DID, the kind of sanction, its reference and reason.' }) input: ProposeDidSanctionInput, @Ctx() ctx: WorkersContext) {
    return new DidChangeProposalService(ctx).proposeSanction(input);
  }
}
