import { type FilterQuery } from '@mikro-orm/core';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../../lib/errors';
import { Connection, ConnectionArgs, paginate } from '../../lib/pagination';
import { FiscalCodeScalar } from '../../lib/scalars';
import { type PactsContext } from '../context';
import { ServicePoint } from '../service-point/service-point.type';
import { checkServicePointCode } from '../../lib/validation';
import { scopedWorker } from '../worker/worker.reference';
import { Worker } from '../worker/worker.type';
import { emptyConnection } from '../scopes';
import {
  ACTIVE_SERVICE_PACT_STATES,
  ServicePact,
  ServicePactProgramme,
  ServicePactState,
  ServicePactStateChange,
} from './service-pact.entity';
import { ChangeServicePactStateInput, CreateServicePactInput, SignServicePactInput } from './service-pact.input';
import { ServicePactService } from './service-pact.service';

export const ServicePactConnection = Connection(ServicePact, 'ServicePact', 'A page of service pacts.');

@ArgsType()
class ServicePactsArgs extends ConnectionArgs {
  @Field(() => FiscalCodeScalar, { nullable: true, description: 'Only the pacts of the person with this fiscal code.' })
  fiscalCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Only the pacts of this job centre (service point code).' })
  jobCentreCode?: string | null;

  @Field(() => ServicePactProgramme, { nullable: true, description: 'Only the pacts of this programme.' })
  programme?: ServicePactProgramme | null;

  @Field(() => ServicePactState, { nullable: true, description: 'Only the pacts in this state.' })
  state?: ServicePactState | null;
}

@Resolver(() => ServicePact)
export class ServicePactResolver {
  @Query(() => ServicePact, { nullable: true, description: 'The service pact with this id, or null when there is none in the caller\'s scope.' })
  servicePact(@Arg('id', () => ID, { description: 'Service pact id.' }) id: string, @Ctx() ctx: PactsContext): Promise<ServicePact | null> {
    return ctx.loaders.servicePactById.load(id);
  }

  @Query(() => ServicePactConnection, { nullable: true, description: 'Service pacts in the caller\'s scope, newest proposal first, filtered by person, job centre, programme or state.' })
  servicePacts(@Args(() => ServicePactsArgs) args: ServicePactsArgs, @Ctx() ctx: PactsContext) {
    if (args.jobCentreCode != null) {
      const problems = checkServicePointCode('jobCentreCode', args.jobCentreCode);
      if (problems.length) throw badUserInput(problems);
    }
    const where: FilterQuery<ServicePact> = {
      ...(args.fiscalCode != null ? { fiscalCode: args.fiscalCode } : {}),
      ...(args.jobCentreCode != null ? { jobCentre: args.jobCentreCode } : {}),
      ...(args.programme != null ? { programme: args.programme } : {}),
      ...(args.state != null ? { state: args.state } : {}),
    };
    // The caller's scope is part of the query: pages and totalCount hold only its rows.
    const scoped = ctx.rows.restrict<ServicePact>('ServicePact', where);
    if (scoped === null) return emptyConnection<ServicePact>(args, ctx.maxPageSize);
    return paginate(ctx.em, ServicePact, scoped, args, { orderBy: { proposedOn: 'desc', id: 'desc' }, maxPageSize: ctx.maxPageSize });
  }

  @FieldResolver(() => Worker, { nullable: true, description: 'The person who is party to the pact.' })
  worker(@Root() pact: ServicePact, @Ctx() ctx: PactsContext): Promise<Worker | null> {
    return scopedWorker(pact.workerId, ctx);
  }

  @FieldResolver(() => ServicePoint, { nullable: true, description: 'Job centre (CPI) holding the pact.' })
  jobCentre(@Root() pact: ServicePact): ServicePoint {
    return { code: pact.jobCentre.code };
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'True when the pact is signed and active now (SIGNED or IN_PROGRESS): the work-pact check of the RdC plan.' })
  active(@Root() pact: ServicePact): boolean {
    return ACTIVE_SERVICE_PACT_STATES.includes(pact.state);
  }

  @FieldResolver(() => [ServicePactStateChange], { nullable: true, description: 'Every change of state, oldest first.' })
  history(@Root() pact: ServicePact, @Ctx() ctx: PactsContext): Promise<ServicePactStateChange[]> {
    return ctx.loaders.servicePactChangesByPact.load(pact.id);
  }

  @Mutation(() => ServicePact, { nullable: true, description: 'Records a proposed service pact (PROPOSED) at a job centre or desk of the caller\'s territory. A GOL pact needs a GOL pathway; other programmes must not have one.' })
  createServicePact(@Arg('input', () => CreateServicePactInput, { description: 'What to record.' }) input: CreateServicePactInput, @Ctx() ctx: PactsContext): Promise<ServicePact> {
    return new ServicePactService(ctx).create(input);
  }

  @Mutation(() => ServicePact, {
    nullable: true,
    description: "Signs a proposed pact (PROPOSED to SIGNED). The person's active pact of the same programme, if any, is closed (COMPLETED on the signature date) in the same transaction.",
  })
  signServicePact(@Arg('input', () => SignServicePactInput, { description: 'What to record.' }) input: SignServicePactInput, @Ctx() ctx: PactsContext): Promise<ServicePact> {
    return new ServicePactService(ctx).sign(input);
  }

  @Mutation(() => ServicePact, { nullable: true, description: 'Moves a service pact along its state machine (all moves but signing); an illegal transition is a CONFLICT.' })
  changeServicePactState(
    @Arg('input', () => ChangeServicePactStateInput, { description: 'What to record.' }) input: ChangeServicePactStateInput,
    @Ctx() ctx: PactsContext,
  ): Promise<ServicePact> {
    return new ServicePactService(ctx).changeState(input);
  }
}
