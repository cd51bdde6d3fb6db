import { type EntityManager } from '@mikro-orm/core';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { type Caller } from '../../lib/identity';
import { checkReportYear, indicatorTable, NeighbourhoodDeskIndicator, NeighbourhoodDeskIndicatorTable, neighbourhoodDeskCodes } from '../../lib/neighbourhood-desk';
import { MIN_CELL_COUNT } from '../../lib/suppression';
import { AvailabilityDeclaration } from '../availability/availability.entity';
import { type WorkersContext } from '../context';

/** DIDs whose competent job centre is a neighbourhood desk of the caller's territory, per desk and quarter of `year` (by the date of the declaration). */
export async function neighbourhoodDeskDids(em: EntityManager, caller: Caller, year: number, threshold = MIN_CELL_COUNT): Promise<NeighbourhoodDeskIndicatorTable> {
  checkReportYear(year);
  const codes = await neighbourhoodDeskCodes(em, caller);
  const dids = codes.length
    ? await em.find(
        AvailabilityDeclaration,
        { jobCentre: { $in: codes }, declaredOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } },
        { fields: ['jobCentre', 'declaredOn'], disableIdentityMap: true },
      )
    : [];
  return indicatorTable(NeighbourhoodDeskIndicator.DIDS_STARTED, year, codes, dids.map((d) => [d.jobCentre.code, d.declaredOn] as const), threshold);
}

@Resolver()
export class NeighbourhoodDeskDidsResolver {
  @Query(() => NeighbourhoodDeskIndicatorTable, {
    nullable: true,
    description: 'For the technical committee of the ALER neighbourhood desks: DIDs whose competent job centre is a desk in a public-housing neighbourhood of the caller\'s territory, per desk and quarter of the year (DIDS_STARTED; the other indicators: neighbourhoodDeskActivity). Counts only, small cells suppressed with their complements. BAD_USER_INPUT for a year out of range.',
  })
  neighbourhoodDeskDids(@Arg('year', () => Int, { description: 'Calendar year.' }) year: number, @Ctx() ctx: WorkersContext): Promise<NeighbourhoodDeskIndicatorTable> {
    return neighbourhoodDeskDids(ctx.em, ctx.caller!, year);
  }
}
