import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { type PactsContext } from '../context';
import { SocialInclusionPact } from '../inclusion-pact/inclusion-pact.entity';
import { scopedWorker } from '../worker/worker.reference';
import { Worker } from '../worker/worker.type';
import { Household, HouseholdMember } from './household.entity';

@Resolver(() => Household)
export class HouseholdResolver {
  @Query(() => Household, { nullable: true, description: 'The household with this id, or null when there is none in the caller\'s scope.' })
  household(@Arg('id', () => ID, { description: 'Household id.' }) id: string, @Ctx() ctx: PactsContext): Promise<Household | null> {
    return ctx.loaders.householdById.load(id);
  }

  @FieldResolver(() => [HouseholdMember], { nullable: true, description: 'Members (componenti), applicant first.' })
  members(@Root() household: Household, @Ctx() ctx: PactsContext): Promise<HouseholdMember[]> {
    return ctx.loaders.membersByHousehold.load(household.id);
  }

  @FieldResolver(() => [SocialInclusionPact], { nullable: true, description: 'Social inclusion pacts (PaIS) of the household in the caller\'s scope, newest PAD first.' })
  inclusionPacts(@Root() household: Household, @Ctx() ctx: PactsContext): Promise<SocialInclusionPact[]> {
    return ctx.loaders.inclusionPactsByHousehold.load(household.id);
  }
}

@Resolver(() => HouseholdMember)
export class HouseholdMemberResolver {
  @FieldResolver(() => Worker, { nullable: true, description: 'The member as a person known to the labour services.' })
  worker(@Root() member: HouseholdMember, @Ctx() ctx: PactsContext): Promise<Worker | null> {
    return scopedWorker(member.workerId, ctx);
  }
}
