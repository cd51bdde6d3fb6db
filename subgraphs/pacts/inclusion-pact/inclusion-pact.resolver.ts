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
import { InclusionPathDeadline, inclusionPathTimers } from './inclusion-path';
import { inclusionPathWorklist } from './inclusion-path.worklist';
import { DateScalar } from '../../lib/scalars';
import { ActivationRouting } from '../activation-routing/activation-routing.entity';
import { RecordPreliminaryAnalysisInput } from '../activation-routing/activation-routing.input';

export const SocialInclusionPactConnection = Connection(SocialInclusionPact, 'SocialInclusionPact', 'A page of social inclusion pacts.');

@ArgsType()
class SocialInclusionPactsArgs extends ConnectionArgs {
  @Field(() => IstatMunicipalityCodeScalar, { nullable: true, description: 'Only the pacts of this municipality (ISTAT code).' })
  municipality?: string | null;

  @Field(() => InclusionPactState, { nullable: true, description: 'Only the pacts in this state.' })
  state?: InclusionPactState | null;
}

@ArgsType()
class InclusionPathWorklistArgs extends ConnectionArgs {
  @Field(() => Boolean, { defaultValue: false, description: 'Only the pacts whose pending deadline has passed.' })
  overdueOnly!: boolean;
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

  @Query(() => SocialInclusionPactConnection, {
    nullable: true,
    description:
      "The social worker's inclusion-path worklist: the pacts of the caller's scope waiting for a legal deadline (TO_CONVENE: the convocation; PRELIMINARY_ANALYSIS or ANALYSIS_FRAMEWORK: the PaIS signature), soonest due first (nextDueOn, then id). Due dates and overdue flags are computed on the Italian calendar from the pact's dates on the day of the request.",
  })
  inclusionPathWorklist(@Args(() => InclusionPathWorklistArgs) args: InclusionPathWorklistArgs, @Ctx() ctx: PactsContext) {
    return inclusionPathWorklist(ctx, args);
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'Date by which the social services must convene the household: 60 days after the PAD (DL 48/2023; PaIS guidelines).' })
  convocationDueOn(@Root() pact: SocialInclusionPact): string {
    return inclusionPathTimers(pact).convocationDueOn;
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: 'Date by which the PaIS must be signed: 120 days after the convocation (the preliminary analysis), counted from the convocation deadline when the analysis was late or has not taken place.',
  })
  paisDueOn(@Root() pact: SocialInclusionPact): string {
    return inclusionPathTimers(pact).paisDueOn;
  }

  @FieldResolver(() => InclusionPathDeadline, { nullable: true, description: 'The deadline the pact waits for in its state (CONVOCATION while TO_CONVENE, PAIS_SIGNATURE until signed); null after the signature.' })
  nextDeadline(@Root() pact: SocialInclusionPact): InclusionPathDeadline | null {
    return inclusionPathTimers(pact).nextDeadline;
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'Due date of nextDeadline; null when there is none.' })
  nextDueOn(@Root() pact: SocialInclusionPact): string | null {
    return inclusionPathTimers(pact).nextDueOn;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'True from the day after nextDueOn (Italian calendar) while the deadline is unmet: the overdue flag of the worklist.' })
  overdue(@Root() pact: SocialInclusionPact): boolean {
    return inclusionPathTimers(pact).overdue;
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

  @FieldResolver(() => [ActivationRouting], { nullable: true, description: 'Members the preliminary analysis routed to a job centre for a service pact.' })
  activationRoutings(@Root() pact: SocialInclusionPact, @Ctx() ctx: PactsContext): Promise<ActivationRouting[]> {
    return ctx.loaders.activationRoutingsByPact.load(pact.id);
  }

  @Mutation(() => SocialInclusionPact, {
    nullable: true,
    description:
      'Records the preliminary analysis of a pact TO_CONVENE (CONFLICT from any other state): moves it to PRELIMINARY_ANALYSIS, which starts the 120 days for the PaIS, and routes the members able to work to a job centre for a service pact. Nothing is written when anything is refused.',
  })
  recordPreliminaryAnalysis(
    @Arg('input', () => RecordPreliminaryAnalysisInput, { description: 'What to record.' }) input: RecordPreliminaryAnalysisInput,
    @Ctx() ctx: PactsContext,
  ): Promise<SocialInclusionPact> {
    return new InclusionPactService(ctx).recordPreliminaryAnalysis(input);
  }

  @Mutation(() => SocialInclusionPact, { nullable: true, description: 'Moves a social inclusion pact along its state machine; an illegal transition is a CONFLICT.' })
  changeSocialInclusionPactState(
    @Arg('input', () => ChangeSocialInclusionPactStateInput, { description: 'What to record.' }) input: ChangeSocialInclusionPactStateInput,
    @Ctx() ctx: PactsContext,
  ): Promise<SocialInclusionPact> {
    return new InclusionPactService(ctx).changeState(input);
  }
}
