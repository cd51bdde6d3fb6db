import { type EntityManager, type FilterQuery } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { badUserInput } from './errors';
import { type Caller } from './identity';
import { inTerritory } from './policy/scope';
import { ServicePointDirectoryEntry, ServicePointKind } from './service-point-directory.entity';
import { type FrequencyCell, suppressedCells } from './suppression';

/**
 * The indicators of the job-centre desks in public-housing (ALER) neighbourhoods for the
 * protocol's technical committee (seed 004 art. 5). Each subgraph counts those of its own
 * records: referrals the first four, workers the DIDs, pacts the service pacts; the
 * gateway answers them in one operation, joined by desk code and quarter.
 */
export enum NeighbourhoodDeskIndicator {
  CONTACTS = 'CONTACTS',
  REFERRALS_SENT = 'REFERRALS_SENT',
  REFERRALS_RECEIVED = 'REFERRALS_RECEIVED',
  APPOINTMENTS_ATTENDED = 'APPOINTMENTS_ATTENDED',
  DIDS_STARTED = 'DIDS_STARTED',
  PACTS_STARTED = 'PACTS_STARTED',
  PLACEMENTS_WITHIN_6_MONTHS = 'PLACEMENTS_WITHIN_6_MONTHS',
}
registerEnumType(NeighbourhoodDeskIndicator, {
  name: 'NeighbourhoodDeskIndicator',
  description: 'An indicator of the job-centre desks in public-housing neighbourhoods, counted per desk and quarter.',
  valuesConfig: {
    CONTACTS: { description: 'Contacts registered at the desk (desk contacts, on consent), by the day of the contact.' },
    REFERRALS_SENT: { description: 'Referrals the desk sent, by the day they were sent (drafts are not counted).' },
    REFERRALS_RECEIVED: { description: 'Referrals sent to the desk, by the day they were sent.' },
    APPOINTMENTS_ATTENDED: { description: 'Appointments and convocations at the desk the person attended, by the scheduled day.' },
    DIDS_STARTED: { description: 'DIDs whose competent job centre is the desk, by the date of the declaration.' },
    PACTS_STARTED: { description: 'Service pacts (PSP) signed at the desk, by the signing date.' },
    PLACEMENTS_WITHIN_6_MONTHS: {
      description:
        'People whose DID has the desk as competent job centre and who were hired within six months of it, by the date of the declaration: a hire (an employment relationship not annulled) starting after the DID date and no later than the same day six calendar months on (the last day of the month when that day does not exist). A person counts once per desk and quarter. A quarter whose six months have not all passed yet can still grow.',
    },
  },
});

@Directive('@shareable')
@ObjectType({ description: 'One cell of an indicator: a desk in one quarter, a count or suppressed.' })
export class NeighbourhoodDeskCell {
  @Field(() => ID, { nullable: true, description: 'The desk (service point code).' })
  desk!: string;

  @Field(() => String, { nullable: true, description: 'Quarter (YYYY-Qn).' })
  quarter!: string;

  @Field(() => Int, { nullable: true, description: 'The count; null when suppressed (never 0 for a suppressed cell).' })
  count!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'True when the count is withheld: below the minimum cell count, or as a complement of such a cell.' })
  suppressed!: boolean;
}

@Directive('@shareable')
@ObjectType({ description: 'One indicator for every desk and quarter of the year, after disclosure control.' })
export class NeighbourhoodDeskIndicatorTable {
  @Field(() => NeighbourhoodDeskIndicator, { nullable: true, description: 'Which indicator.' })
  indicator!: NeighbourhoodDeskIndicator;

  @Field(() => Int, { nullable: true, description: 'The year\'s count over every desk; null when suppressed.' })
  total!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'True when the total is below the minimum cell count.' })
  totalSuppressed!: boolean;

  @Field(() => Int, { nullable: true, description: 'Smallest count published (at least 3).' })
  minimumCellCount!: number;

  @Field(() => [NeighbourhoodDeskCell], { nullable: true, description: 'Every desk and quarter (zero cells included), by desk then quarter.' })
  cells!: NeighbourhoodDeskCell[];
}

const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/** BAD_USER_INPUT unless `year` is a year a report may ask for. */
export function checkReportYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw badUserInput([{ path: 'year', message: `must be a year from ${FIRST_YEAR} to ${LAST_YEAR}` }]);
  }
}

/** Instants that cover every legal day of the year, with a day of slack on each side; the legal day decides. */
export function yearWindow(year: number): { $gte: Date; $lt: Date } {
  return { $gte: new Date(Date.UTC(year - 1, 11, 31)), $lt: new Date(Date.UTC(year + 1, 0, 2)) };
}

/**
 * One indicator as a desk x quarter table of `year` under disclosure control
 * (suppression.ts): `events` are [desk, legal day YYYY-MM-DD] pairs; those of other years
 * are ignored. The table is the indicator's own: no other indicator is a margin of it.
 */
export function indicatorTable(
  indicator: NeighbourhoodDeskIndicator,
  year: number,
  desks: readonly string[],
  events: readonly (readonly [desk: string, day: string])[],
  threshold: number,
): NeighbourhoodDeskIndicatorTable {
  const quarters = [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
  const counts = new Map<string, number>();
  let total = 0;
  for (const [desk, day] of events) {
    if (Number(day.slice(0, 4)) !== year) continue;
    total += 1;
    const key = `${desk}\u0000${year}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const table: FrequencyCell[] = desks.flatMap((desk) => quarters.map((quarter) => ({ coordinates: [desk, quarter], count: counts.get(`${desk}\u0000${quarter}`) ?? 0 })));
  const hidden = suppressedCells(table, threshold);
  const totalSuppressed = total > 0 && total < threshold;
  return {
    indicator,
    total: totalSuppressed ? null : total,
    totalSuppressed,
    minimumCellCount: threshold,
    cells: table.map((cell, index) => ({
      desk: cell.coordinates[0]!,
      quarter: cell.coordinates[1]!,
      count: hidden.has(index) ? null : cell.count,
      suppressed: hidden.has(index),
    })),
  };
}

/**
 * The codes of the job-centre desks with a neighbourhood in the caller's territory, by
 * code, from the replica of the directory (workers, pacts): the rows of their tables.
 */
export async function neighbourhoodDeskCodes(em: EntityManager, caller: Caller): Promise<string[]> {
  const desks = await em.find(
    ServicePointDirectoryEntry,
    { kind: ServicePointKind.JOB_CENTRE_DESK, neighbourhood: { $ne: null }, ...inTerritory(caller, 'municipality') } as FilterQuery<ServicePointDirectoryEntry>,
    { orderBy: { code: 'asc' }, fields: ['code'] },
  );
  return desks.map((d) => d.code);
}
