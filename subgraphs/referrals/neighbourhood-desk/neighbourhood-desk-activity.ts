import { type EntityManager } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { legalDay } from '../../lib/dates';
import { badUserInput } from '../../lib/errors';
import { type Caller } from '../../lib/identity';
import { inTerritory } from '../../lib/policy/scope';
import { Appointment, AppointmentState } from '../appointment/appointment.entity';
import { quarterOf } from '../desk-contact/desk-contact-statistics';
import { DeskContact } from '../desk-contact/desk-contact.entity';
import { type FrequencyCell, suppressedCells } from '../desk-contact/desk-contact.suppression';
import { Referral } from '../referral/referral.entity';
import { ServicePoint, ServicePointKind } from '../service-point/service-point.entity';

/** The indicators of the technical committee (seed 004 art. 5) this subgraph can count. */
export enum NeighbourhoodDeskIndicator {
  CONTACTS = 'CONTACTS',
  REFERRALS_SENT = 'REFERRALS_SENT',
  REFERRALS_RECEIVED = 'REFERRALS_RECEIVED',
  APPOINTMENTS_ATTENDED = 'APPOINTMENTS_ATTENDED',
}
registerEnumType(NeighbourhoodDeskIndicator, {
  name: 'NeighbourhoodDeskIndicator',
  description: 'An indicator of the job-centre desks in public-housing neighbourhoods, counted per desk and quarter.',
  valuesConfig: {
    CONTACTS: { description: 'Contacts registered at the desk (desk contacts, on consent), by the day of the contact.' },
    REFERRALS_SENT: { description: 'Referrals the desk sent, by the day they were sent (drafts are not counted).' },
    REFERRALS_RECEIVED: { description: 'Referrals sent to the desk, by the day they were sent.' },
    APPOINTMENTS_ATTENDED: { description: 'Appointments and convocations at the desk the person attended, by the scheduled day.' },
  },
});

/** The years a report may ask for. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

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

@ObjectType({ description: 'One indicator for every desk and quarter of the year, after disclosure control.' })
export class NeighbourhoodDeskIndicatorTable {
  @Field(() => NeighbourhoodDeskIndicator, { nullable: true, description: 'Which indicator.' })
  indicator!: NeighbourhoodDeskIndicator;

  @Field(() => Int, { nullable: true, description: 'The year\'s count over every desk; null when suppressed.' })
  total!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'True when the total is below the minimum cell count.' })
  totalSuppressed!: boolean;

  @Field(() => [NeighbourhoodDeskCell], { nullable: true, description: 'Every desk and quarter (zero cells included), by desk then quarter.' })
  cells!: NeighbourhoodDeskCell[];
}

@ObjectType({ description: 'A desk counted by the indicators: a job-centre desk in a public-housing neighbourhood.' })
export class NeighbourhoodDesk {
  @Field(() => ID, { nullable: true, description: 'Service point code.' })
  code!: string;

  @Field(() => String, { nullable: true, description: 'Name of the desk.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The neighbourhood it serves.' })
  neighbourhood!: string;
}

@ObjectType({ description: 'Activity of the job-centre desks in public-housing (ALER) neighbourhoods of the caller\'s territory for one year, per desk and quarter, aggregated and with small cells suppressed (seed 004 art. 5-6, privacy.md §5).' })
export class NeighbourhoodDeskActivity {
  @Field(() => Int, { nullable: true, description: 'The calendar year (days in Europe/Rome).' })
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Smallest count published (DESK_STATISTICS_MIN_CELL_COUNT, at least 3).' })
  minimumCellCount!: number;

  @Field(() => [NeighbourhoodDesk], { nullable: true, description: 'The desks counted, by code.' })
  desks!: NeighbourhoodDesk[];

  @Field(() => [NeighbourhoodDeskIndicatorTable], { nullable: true, description: 'One table per indicator, in the order of NeighbourhoodDeskIndicator.' })
  indicators!: NeighbourhoodDeskIndicatorTable[];
}

/** The four quarters of a year (YYYY-Qn). */
function quartersOf(year: number): string[] {
  return [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
}

/** Instants that cover every legal day of the year, with a day of slack on each side; the legal day decides. */
function yearWindow(year: number): { $gte: Date; $lt: Date } {
  return { $gte: new Date(Date.UTC(year - 1, 11, 31)), $lt: new Date(Date.UTC(year + 1, 0, 2)) };
}

/**
 * The technical committee's monitoring indicators (seed 004 art. 4-5: "indicatori e
 * strumenti di misurazione periodica"): for every job-centre desk with a neighbourhood in
 * the caller's territory, the desk contacts, referrals sent and received and appointments
 * attended per quarter of `year`. Each indicator is a desk x quarter table under the same
 * disclosure control as the desk contact statistics (art. 6: published only in aggregate
 * form). DIDs, pacts and placements are other subgraphs' (README).
 */
export async function neighbourhoodDeskActivity(em: EntityManager, caller: Caller, year: number, threshold: number): Promise<NeighbourhoodDeskActivity> {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw badUserInput([{ path: 'year', message: `must be a year from ${FIRST_YEAR} to ${LAST_YEAR}` }]);
  }
  const desks = await em.find(
    ServicePoint,
    { kind: ServicePointKind.JOB_CENTRE_DESK, neighbourhood: { $ne: null }, ...inTerritory(caller, 'municipality') } as object,
    { orderBy: { code: 'asc' } },
  );
  const codes = desks.map((d) => d.code);
  const quarters = quartersOf(year);
  const days: Record<NeighbourhoodDeskIndicator, [desk: string, at: Date][]> = {
    CONTACTS: [],
    REFERRALS_SENT: [],
    REFERRALS_RECEIVED: [],
    APPOINTMENTS_ATTENDED: [],
  };
  if (codes.length) {
    const window = yearWindow(year);
    const options = { disableIdentityMap: true } as const;
    const [contacts, sent, received, attended] = await Promise.all([
      em.find(DeskContact, { desk: { $in: codes }, contactedAt: window }, { ...options, fields: ['desk', 'contactedAt'] }),
      em.find(Referral, { from: { $in: codes }, sentAt: window }, { ...options, fields: ['from', 'sentAt'] }),
      em.find(Referral, { to: { $in: codes }, sentAt: window }, { ...options, fields: ['to', 'sentAt'] }),
      em.find(Appointment, { servicePoint: { $in: codes }, state: AppointmentState.ATTENDED, scheduledAt: window }, { ...options, fields: ['servicePoint', 'scheduledAt'] }),
    ]);
    days.CONTACTS = contacts.map((c) => [c.desk.code, c.contactedAt]);
    days.REFERRALS_SENT = sent.map((r) => [r.from.code, r.sentAt!]);
    days.REFERRALS_RECEIVED = received.map((r) => [r.to.code, r.sentAt!]);
    days.APPOINTMENTS_ATTENDED = attended.map((a) => [a.servicePoint.code, a.scheduledAt]);
  }

  const indicators = Object.values(NeighbourhoodDeskIndicator).map((indicator): NeighbourhoodDeskIndicatorTable => {
    const counts = new Map<string, number>();
    let total = 0;
    for (const [desk, at] of days[indicator]) {
      const day = legalDay(at);
      if (Number(day.slice(0, 4)) !== year) continue;
      total += 1;
      const key = `${desk}\u0000${quarterOf(day.slice(0, 7))}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const table: FrequencyCell[] = codes.flatMap((desk) => quarters.map((quarter) => ({ coordinates: [desk, quarter], count: counts.get(`${desk}\u0000${quarter}`) ?? 0 })));
    const hidden = suppressedCells(table, threshold);
    const totalSuppressed = total > 0 && total < threshold;
    return {
      indicator,
      total: totalSuppressed ? null : total,
      totalSuppressed,
      cells: table.map((cell, index) => ({
        desk: cell.coordinates[0]!,
        quarter: cell.coordinates[1]!,
        count: hidden.has(index) ? null : cell.count,
        suppressed: hidden.has(index),
      })),
    };
  });

  return {
    year,
    minimumCellCount: threshold,
    desks: desks.map((d) => ({ code: d.code, name: d.name, neighbourhood: d.neighbourhood! })),
    indicators,
  };
}
