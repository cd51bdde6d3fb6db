import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type ReferralsContext } from '../context';
import { Referral } from '../referral/referral.entity';
import { Worker } from './worker.type';

@Resolver(() => Worker)
export class WorkerReferralsResolver {
  @FieldResolver(() => [Referral], { nullable: true, description: 'Referrals of the person, in any state, newest first.' })
  referrals(@Root() worker: Worker, @Ctx() ctx: ReferralsContext): Promise<Referral[]> {
    return ctx.loaders.referralsByWorker.load(worker.id);
  }
}
