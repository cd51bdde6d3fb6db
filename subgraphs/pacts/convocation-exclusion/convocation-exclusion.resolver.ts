import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../../lib/errors';
import { DateScalar, FiscalCodeScalar } from '../../lib/scalars';
import { type PactsContext } from '../context';
import { HouseholdMember } from '../household/household.entity';
import { PersonStatus } from '../status-check/person-status.type';
import { personStatus } from '../status-check/status-check.service';
import { ConvocationExclusion, ConvocationExclusionReason } from './convocation-exclusion.entity';
import { EndConvocationExclusionInput, SetConvocationExclusionInput } from './convocation-exclusion.input';
import { ConvocationExclusionService, convocationStatus } from './convocation-exclusion.service';

/** At most this many people per question, like a worklist page. */
export const MAX_EXCLUSION_CHECKS = 100;

@Resolver(() => ConvocationExclusion)
export class ConvocationExclusionResolver {
  @Query(() => [PersonStatus], {
    nullable: true,
    description: `Do-not-convene check (Annex 5 §1.4, art. 3(6)) for a job centre's convocation worklist: the status of each person of the caller's scope among these (others are left out, as unknown ones), with convocationExcluded and its coded reason. At most ${MAX_EXCLUSION_CHECKS} fiscal codes.`,
  })
  async convocationExclusions(
    @Arg('fiscalCodes', () => [FiscalCodeScalar], { description: 'Codici fiscali of the people to check.' }) fiscalCodes: string[],
    @Ctx() ctx: PactsContext,
  ): Promise<PersonStatus[]> {
    if (fiscalCodes.length > MAX_EXCLUSION_CHECKS) throw badUserInput([{ path: 'fiscalCodes', message: `must hold at most ${MAX_EXCLUSION_CHECKS} codes` }]);
    const statuses = await Promise.all([...new Set(fiscalCodes)].map((code) => personStatus(code, ctx)));
    return statuses.filter((s): s is PersonStatus => s !== null);
  }

  @Mutation(() => ConvocationExclusion, {
    nullable: true,
    description:
      "Records that a member of a household with an open social inclusion pact of the caller's scope is not to be convened by the job centres, with a coded reason; CONFLICT when the household has no open pact or a decision is already in force.",
  })
  setConvocationExclusion(
    @Arg('input', () => SetConvocationExclusionInput, { description: 'What to record.' }) input: SetConvocationExclusionInput,
    @Ctx() ctx: PactsContext,
  ): Promise<ConvocationExclusion> {
    return new ConvocationExclusionService(ctx).set(input);
  }

  @Mutation(() => ConvocationExclusion, { nullable: true, description: 'Ends the do-not-convene decision in force for a member; CONFLICT when there is none.' })
  endConvocationExclusion(
    @Arg('input', () => EndConvocationExclusionInput, { description: 'What to record.' }) input: EndConvocationExclusionInput,
    @Ctx() ctx: PactsContext,
  ): Promise<ConvocationExclusion> {
    return new ConvocationExclusionService(ctx).end(input);
  }
}

@Resolver(() => HouseholdMember)
export class HouseholdMemberExclusionResolver {
  @FieldResolver(() => [ConvocationExclusion], { nullable: true, description: 'Do-not-convene decisions on the member, newest first (the first without endedOn is in force).' })
  convocationExclusions(@Root() member: HouseholdMember, @Ctx() ctx: PactsContext): Promise<ConvocationExclusion[]> {
    return ctx.loaders.exclusionsByMember.load(member.id);
  }
}

@Resolver(() => PersonStatus)
export class PersonStatusExclusionResolver {
  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'Do-not-convene check (art. 3(6)): true when the person is a member of a household with an open social inclusion pact whose social worker decided they are not to be convened for a service pact.',
  })
  async convocationExcluded(@Root() status: PersonStatus, @Ctx() ctx: PactsContext): Promise<boolean> {
    return (await convocationStatus(status.fiscalCode, ctx)).excluded;
  }

  @FieldResolver(() => ConvocationExclusionReason, { nullable: true, description: 'The coded reason why the person is not to be convened; null when they may be. Never the details.' })
  async convocationExclusionReason(@Root() status: PersonStatus, @Ctx() ctx: PactsContext): Promise<ConvocationExclusionReason | null> {
    return (await convocationStatus(status.fiscalCode, ctx)).reason;
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'Since when the person is not to be convened; null when they may be.' })
  async convocationExcludedSince(@Root() status: PersonStatus, @Ctx() ctx: PactsContext): Promise<string | null> {
    return (await convocationStatus(status.fiscalCode, ctx)).since;
  }
}
