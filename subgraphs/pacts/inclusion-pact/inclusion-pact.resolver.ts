import { type FilterQuery } from '@mikro-orm/core';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionArgs, paginate } from '../../lib/pagination';
import { IstatMunicipalityCodeScalar } from '../../lib/scalars';
import { type PactsContext } from '../context';
import { emptyConnection } from '../scopes';
import { Household } from '../household/household.entity';
import { ServicePoint } from '../service-point/service-point.type';
import { InclusionPactState, SocialInclusionPact, SocialInclusionPactStateChange } from './inclusion-pact.entity';
import { ChangeSocialInclusionPactStateInput, CreateSocialInclusionPactInput } from './inclusion-pact.input';
import { InclusionPactService } from './inclusion-pact.service';

export const SocialInclusionPactConnection = Connection(SocialInclusionPact, 'SocialInclusionPact', 'A page of social inclusion pacts.');

@ArgsType()
class SocialInclusionPactsArgs extends ConnectionArgs {
  @Field(() => IstatMunicipalityCodeScalar, { nullable: true, description: 'Only the pacts of this municipality (ISTAT code).' })
  municipality?: string | null;

  @Field(() => InclusionPactState, { nullable: true, description: 'Only the pacts in this state.' })
  state?: InclusionPactState | null;
}

@Resolver(() => SocialInclusionPact)
export class SocialInclusionPactResolver {
  @Query(() => SocialInclusionPact, { nullable: true, description: 'The social inclusion pact with this id, or null when there is none in the caller\'s scope.' })
  socialInclusionPact(
    @Arg('id', () => ID, { description: 'Social inclusion pact id.' }) id: string,
    @Ctx() ctx: PactsContext,
  ): Promise<SocialInclusionPact | null> {
    return ctx.loaders.inclusionPactById.load(id);
  }

  @Query(() => SocialInclusionPactConnection, { nullable: true, description: 'Social inclusion pacts in the caller\'s scope, newest PAD first, filtered by municipality or state.' })
  socialInclusionPacts(@Args(() => SocialInclusionPactsArgs) args: SocialInclusionPactsArgs, @Ctx() ctx: PactsContext) {
    const where: FilterQuery<SocialInclusionPact> = {
      ...(args.municipality != null ? { municipality: args.municipality } : {}),
      ...(args.state != null ? { state: args.state } : {}),
    };
    // The caller's scope is part of the query: pages and totalCount hold only its rows.
    const scoped = ctx.rows.restrict<SocialInclusionPact>('SocialInclusionPact', where);
    if (scoped === null) return emptyConnection<SocialInclusionPact>(args, ctx.maxPageSize);
    return paginate(ctx.em, SocialInclusionPact, scoped, args, { orderBy: { padSignedOn: 'desc', id: 'desc' }, maxPageSize: ctx.maxPageSize });
  }

  @FieldResolver(() => Household, { nullable: true, description: 'The household (nucleo familiare) the pact is for.' })
  household(@Root() pact: SocialInclusionPact, @Ctx() ctx: PactsContext): Promise<Household | null> {
    return ctx.loaders.householdById.load(pact.household.id);
  }

  @FieldResolver(() => ServicePoint, { nullable: true, description: 'Municipal social services in charge (servizi sociali del comune / ambito).' })
  socialServices(@Root() pact: SocialInclusionPact): ServicePoint {
    return { code: pact.socialServicesCode };
  }

  @FieldResolver(() => [SocialInclusionPactStateChange], { nullable: true, description: 'Every change of state, oldest first.' })
  history(@Root() pact: SocialInclusionPact, @Ctx() ctx: PactsContext): Promise<SocialInclusionPactStateChange[]> {
    return ctx.loaders.inclusionPactChangesByPact.load(pact.id);
  }

  @Mutation(() => SocialInclusionPact, { nullable: true, description: 'Opens a social inclusion pact (TO_CONVENE) for a household of the caller\'s scope after its PAD, in charge of a municipality of the caller\'s territory; a household has at most one open pact (CONFLICT otherwise).' })
  createSocialInclusionPact(
    @Arg('input', () => CreateSocialInclusionPactInput, { description: 'What to record.' }) input: CreateSocialInclusionPactInput,
    @Ctx() ctx: PactsContext,
  ): Promise<SocialInclusionPact> {
    return new InclusionPactService(ctx).create(input);
  }

  @Mutation(() => SocialInclusionPact, { nullable: true, description: 'Moves a social inclusion pact along its state machine; an illegal transition is a CONFLICT.' })
  changeSocialInclusionPactState(
    @Arg('input', () => ChangeSocialInclusionPactStateInput, { description: 'What to record.' }) input: ChangeSocialInclusionPactStateInput,
    @Ctx() ctx: PactsContext,
  ): Promise<SocialInclusionPact> {
    return new InclusionPactService(ctx).changeState(input);
  }
}
