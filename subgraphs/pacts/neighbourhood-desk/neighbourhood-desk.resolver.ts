import { type EntityManager } from '@mikro-orm/core';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { type Caller } from '../../lib/identity';
import { checkReportYear, indicatorTable, NeighbourhoodDeskIndicator, NeighbourhoodDeskIndicatorTable, neighbourhoodDeskCodes } from '../../lib/neighbourhood-desk';
import { MIN_CELL_COUNT } from '../../lib/suppression';
import { type PactsContext } from '../context';
import { ServicePact } from '../service-pact/service-pact.entity';

/** Service pacts signed at a neighbourhood desk of the caller's territory, per desk and quarter of `year` (by the signing date). */
export async function neighbourhoodDeskPacts(em: EntityManager, caller: Caller, year: number, threshold = MIN_CELL_COUNT): Promise<NeighbourhoodDeskIndicatorTable> {
  checkReportYear(year);
  const codes = await neighbourhoodDeskCodes(em, caller);
  const pacts = codes.length
    ? await em.find(
        ServicePact,
        { jobCentre: { $in: codes }, signedOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } },
        { fields: ['jobCentre', 'signedOn'], disableIdentityMap: true },
      )
    : [];
  return indicatorTable(NeighbourhoodDeskIndicator.PACTS_STARTED, year, codes, pacts.map((p) => [p.jobCentre.code, p.signedOn!] as const), threshold);
}

@Resolver()
export class NeighbourhoodDeskPactsResolver {
  @Query(() => NeighbourhoodDeskIndicatorTable, {
    nullable: true,
    description: 'For the technical committee of the ALER neighbourhood desks: service pacts signed at a desk in a public-housing neighbourhood of the caller\'s territory, per desk and quarter of the year (PACTS_STARTED; the other indicators: neighbourhoodDeskActivity). Counts only, small cells suppressed with their complements. BAD_USER_INPUT for a year out of range.',
  })
  neighbourhoodDeskPacts(@Arg('year', () => Int, { description: 'Calendar year.' }) year: number, @Ctx() ctx: PactsContext): Promise<NeighbourhoodDeskIndicatorTable> {
    return neighbourhoodDeskPacts(ctx.em, ctx.caller!, year);
  }
}
