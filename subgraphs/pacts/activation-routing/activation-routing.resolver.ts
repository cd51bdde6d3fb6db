import { Args, ArgsType, Ctx, Field, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Connection, ConnectionArgs } from '../../lib/pagination';
import { type PactsContext } from '../context';
import { ConvocationExclusionReason } from '../convocation-exclusion/convocation-exclusion.entity';
import { convocationStatus } from '../convocation-exclusion/convocation-exclusion.service';
import { ServicePoint } from '../service-point/service-point.type';
import { scopedWorker } from '../worker/worker.reference';
import { Worker } from '../worker/worker.type';
import { ActivationRouting } from './activation-routing.entity';
import { activationWorklist, waitingDays } from './activation-routing.service';

export const ActivationRoutingConnection = Connection(ActivationRouting, 'ActivationRouting', 'A page of household members routed to a job centre.');

@ArgsType()
class ActivationWorklistArgs extends ConnectionArgs {
  @Field(() => Boolean, { defaultValue: false, description: 'Also list the people not to be convened (do-not-convene decision in force), with the coded reason.' })
  includeExcluded!: boolean;
}

@Resolver(() => ActivationRouting)
export class ActivationRoutingResolver {
  @Query(() => ActivationRoutingConnection, {
    nullable: true,
    description:
      "The job centre's activation worklist (domain.md §14 sflWorklist, ADI side): members of ADI households routed by the social services' preliminary analysis to a job centre of the caller's territory who have no service pact proposed since, longest waiting first. People not to be convened (art. 3(6)) are left out unless includeExcluded, and then say why.",
  })
  activationWorklist(@Args(() => ActivationWorklistArgs) args: ActivationWorklistArgs, @Ctx() ctx: PactsContext) {
    return activationWorklist(ctx, args);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Whole days since the analysis routed the member (Italian calendar, today).' })
  waitingDays(@Root() routing: ActivationRouting): number {
    return waitingDays(routing);
  }

  @FieldResolver(() => ServicePoint, { nullable: true, description: 'The job centre that is to convene the member.' })
  jobCentre(@Root() routing: ActivationRouting): ServicePoint {
    return { code: routing.jobCentre.code };
  }

  @FieldResolver(() => Worker, { nullable: true, description: 'The member as a person known to the labour services.' })
  worker(@Root() routing: ActivationRouting, @Ctx() ctx: PactsContext): Promise<Worker | null> {
    return scopedWorker(routing.workerId, ctx);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'True when a do-not-convene decision is in force for the member (art. 3(6)).' })
  async convocationExcluded(@Root() routing: ActivationRouting, @Ctx() ctx: PactsContext): Promise<boolean> {
    return (await convocationStatus(routing.fiscalCode, ctx)).excluded;
  }

  @FieldResolver(() => ConvocationExclusionReason, { nullable: true, description: 'Why the member is not to be convened: the coded reason only; null when they may be.' })
  async convocationExclusionReason(@Root() routing: ActivationRouting, @Ctx() ctx: PactsContext): Promise<ConvocationExclusionReason | null> {
    return (await convocationStatus(routing.fiscalCode, ctx)).reason;
  }
}
