import { type EntityManager } from '@mikro-orm/core';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { type Caller } from '../../lib/identity';
import { checkReportYear, indicatorTable, NeighbourhoodDeskIndicator, NeighbourhoodDeskIndicatorTable, neighbourhoodDeskCodes } from '../../lib/neighbourhood-desk';
import { monthsAfter } from '../../lib/retention';
import { MIN_CELL_COUNT } from '../../lib/suppression';
import { uuidsOnly } from '../../lib/validation';
import { AvailabilityDeclaration } from '../availability/availability.entity';
import { EmploymentLink } from '../employment-link/employment-link.entity';
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

/** Months after the DID within which a hire counts as a placement. */
export const PLACEMENT_MONTHS = 6;

/** The last day of the placement window of a DID of `declaredOn`: the same day `PLACEMENT_MONTHS` calendar months on (31 August: 28 or 29 February). */
export function placementWindowEnd(declaredOn: string): string {
  return monthsAfter(new Date(`${declaredOn}T00:00:00Z`), PLACEMENT_MONTHS).toISOString().slice(0, 10);
}

/**
 * Placements within six months per neighbourhood desk and quarter of `year`: the people
 * whose DID of that quarter has the desk as competent job centre and who have a hire
 * starting after the DID date and no later than `placementWindowEnd` of it. Hires come from
 * the employment-link replica, which drops annulled relationships; a person counts once per
 * desk and quarter (the earliest of their DIDs there decides the day).
 */
export async function neighbourhoodDeskPlacements(em: EntityManager, caller: Caller, year: number, threshold = MIN_CELL_COUNT): Promise<NeighbourhoodDeskIndicatorTable> {
  checkReportYear(year);
  const codes = await neighbourhoodDeskCodes(em, caller);
  const dids = codes.length
    ? await em.find(
        AvailabilityDeclaration,
        { jobCentre: { $in: codes }, declaredOn: { $gte: `${year}-01-01`, $lte: `${year}-12-31` } },
        { fields: ['jobCentre', 'declaredOn', 'worker'], orderBy: { declaredOn: 'asc', id: 'asc' }, disableIdentityMap: true },
      )
    : [];
  const workerIds = uuidsOnly([...new Set(dids.map((d) => d.worker.id))]);
  const links = workerIds.length
    ? await em.find(
        EmploymentLink,
        { worker: { $in: workerIds }, startDate: { $gt: `${year}-01-01`, $lte: placementWindowEnd(`${year}-12-31`) } },
        { fields: ['worker', 'startDate'], disableIdentityMap: true },
      )
    : [];
  const starts = new Map<string, string[]>();
  for (const link of links) starts.set(link.worker.id, [...(starts.get(link.worker.id) ?? []), link.startDate]);
  const counted = new Set<string>();
  const events: (readonly [string, string])[] = [];
  for (const did of dids) {
    const end = placementWindowEnd(did.declaredOn);
    if (!(starts.get(did.worker.id) ?? []).some((start) => start > did.declaredOn && start <= end)) continue;
    const key = `${did.jobCentre.code}\u0000${year}-Q${Math.ceil(Number(did.declaredOn.slice(5, 7)) / 3)}\u0000${did.worker.id}`;
    if (counted.has(key)) continue;
    counted.add(key);
    events.push([did.jobCentre.code, did.declaredOn]);
  }
  return indicatorTable(NeighbourhoodDeskIndicator.PLACEMENTS_WITHIN_6_MONTHS, year, codes, events, threshold);
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

  @Query(() => NeighbourhoodDeskIndicatorTable, {
    nullable: true,
    description: `For the technical committee of the ALER neighbourhood desks: placements within ${PLACEMENT_MONTHS} months (PLACEMENTS_WITHIN_6_MONTHS), per desk in a public-housing neighbourhood of the caller's territory and quarter of the DID: people whose DID had the desk as competent job centre and who were hired (a relationship not annulled) after the DID date and no later than the same day ${PLACEMENT_MONTHS} calendar months on. Counts only, small cells suppressed with their complements. BAD_USER_INPUT for a year out of range.`,
  })
  neighbourhoodDeskPlacements(@Arg('year', () => Int, { description: 'Calendar year of the DIDs.' }) year: number, @Ctx() ctx: WorkersContext): Promise<NeighbourhoodDeskIndicatorTable> {
    return neighbourhoodDeskPlacements(ctx.em, ctx.caller!, year);
  }
}
