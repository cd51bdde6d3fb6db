import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type PactsContext } from '../context';
import { Household } from '../household/household.entity';
import { ServicePact } from '../service-pact/service-pact.entity';
import { Worker } from './worker.type';

@Resolver(() => Worker)
export class WorkerPactsResolver {
  @FieldResolver(() => [ServicePact], { nullable: true, description: 'Service pacts (PSP) of the person, newest proposal first.' })
  servicePacts(@Root() worker: Worker, @Ctx() ctx: PactsContext): Promise<ServicePact[]> {
    return ctx.loaders.servicePactsByWorker.load(worker.id);
  }

  @FieldResolver(() => Household, { nullable: true, description: 'The household (nucleo familiare) the person belongs to; null when none is known.' })
  async household(@Root() worker: Worker, @Ctx() ctx: PactsContext): Promise<Household | null> {
    const member = await ctx.loaders.householdMemberByWorker.load(worker.id);
    return member ? ctx.loaders.householdById.load(member.household.id) : null;
  }
}
