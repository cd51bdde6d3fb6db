import { type EntityManager } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { legalDay } from '../../lib/dates';
import { type Caller } from '../../lib/identity';
import { checkReportYear, indicatorTable, NeighbourhoodDeskIndicator, NeighbourhoodDeskIndicatorTable, yearWindow } from '../../lib/neighbourhood-desk';
import { inTerritory } from '../../lib/policy/scope';
import { Appointment, AppointmentState } from '../appointment/appointment.entity';
import { DeskContact } from '../desk-contact/desk-contact.entity';
import { Referral } from '../referral/referral.entity';
import { ServicePoint, ServicePointKind } from '../service-point/service-point.entity';

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

  @Field(() => [NeighbourhoodDeskIndicatorTable], { nullable: true, description: 'One table per indicator of this subgraph: CONTACTS, REFERRALS_SENT, REFERRALS_RECEIVED, APPOINTMENTS_ATTENDED (DIDs and pacts: neighbourhoodDeskDids, neighbourhoodDeskPacts).' })
  indicators!: NeighbourhoodDeskIndicatorTable[];
}

/**
 * The technical committee's monitoring indicators (seed 004 art. 4-5: "indicatori e
 * strumenti di misurazione periodica"): for every job-centre desk with a neighbourhood in
 * the caller's territory, the desk contacts, referrals sent and received and appointments
 * attended per quarter of `year`. Each indicator is a desk x quarter table under the same
 * disclosure control as the desk contact statistics (art. 6: published only in aggregate
 * form). DIDs and pacts are counted by their own subgraphs (lib/neighbourhood-desk.ts).
 */
export async function neighbourhoodDeskActivity(em: EntityManager, caller: Caller, year: number, threshold: number): Promise<NeighbourhoodDeskActivity> {
  checkReportYear(year);
  const desks = await em.find(
    ServicePoint,
    { kind: ServicePointKind.JOB_CENTRE_DESK, neighbourhood: { $ne: null }, ...inTerritory(caller, 'municipality') } as object,
    { orderBy: { code: 'asc' } },
  );
  const codes = desks.map((d) => d.code);
  type Indicator = NeighbourhoodDeskIndicator.CONTACTS | NeighbourhoodDeskIndicator.REFERRALS_SENT | NeighbourhoodDeskIndicator.REFERRALS_RECEIVED | NeighbourhoodDeskIndicator.APPOINTMENTS_ATTENDED;
  const events: Record<Indicator, [desk: string, day: string][]> = {
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
    events.CONTACTS = contacts.map((c) => [c.desk.code, legalDay(c.contactedAt)]);
    events.REFERRALS_SENT = sent.map((r) => [r.from.code, legalDay(r.sentAt!)]);
    events.REFERRALS_RECEIVED = received.map((r) => [r.to.code, legalDay(r.sentAt!)]);
    events.APPOINTMENTS_ATTENDED = attended.map((a) => [a.servicePoint.code, legalDay(a.scheduledAt)]);
  }
  return {
    year,
    minimumCellCount: threshold,
    desks: desks.map((d) => ({ code: d.code, name: d.name, neighbourhood: d.neighbourhood! })),
    indicators: (Object.keys(events) as Indicator[]).map((indicator) => indicatorTable(NeighbourhoodDeskIndicator[indicator], year, codes, events[indicator], threshold)),
  };
}
