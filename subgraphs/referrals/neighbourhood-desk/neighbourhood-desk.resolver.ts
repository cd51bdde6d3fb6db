import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { type ReferralsContext } from '../context';
import { referralsSettings } from '../settings';
import { NeighbourhoodDeskActivity, neighbourhoodDeskActivity } from './neighbourhood-desk-activity';

@Resolver()
export class NeighbourhoodDeskResolver {
  @Query(() => NeighbourhoodDeskActivity, {
    nullable: true,
    description: 'The technical committee\'s indicators of the job-centre desks in public-housing (ALER) neighbourhoods of the caller\'s territory: contacts, referrals sent and received, appointments attended, per desk and quarter of the year; counts only, every cell below the minimum cell count suppressed with its complements. BAD_USER_INPUT for a year out of range.',
  })
  neighbourhoodDeskActivity(@Arg('year', () => Int, { description: 'Calendar year.' }) year: number, @Ctx() ctx: ReferralsContext): Promise<NeighbourhoodDeskActivity> {
    return neighbourhoodDeskActivity(ctx.em, ctx.caller!, year, referralsSettings().minimumCellCount);
  }
}
