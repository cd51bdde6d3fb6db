import { Field, ID, Int, ObjectType } from 'type-graphql';
import { legalDay } from '../../lib/dates';
import { badUserInput, type InputProblem } from '../../lib/errors';
import { inTerritory } from '../../lib/policy/scope';
import { DateScalar } from '../../lib/scalars';
import { type ReferralsContext } from '../context';
import { ServicePoint, ServicePointKind } from '../service-point/service-point.entity';
import { referralsSettings } from '../settings';
import { DeskNeed, DeskStatisticsDimension, DeskUserType } from './desk-contact.codes';
import { DeskContact } from './desk-contact.entity';
import { type DeskStatisticsPeriodInput } from './desk-contact.input';
import { type FrequencyCell, suppressedCells } from '../../lib/suppression';

/** Longest period of one table. */
export const MAX_STATISTICS_MONTHS = 36;

@ObjectType({ description: 'One cell of the desk contact statistics: a count of contacts, or suppressed.' })
export class DeskContactStatisticsCell {
  @Field(() => ID, { nullable: true, description: 'Sportello sociale (service point code), when grouped by DESK.' })
  desk?: string | null;

  @Field(() => DeskUserType, { nullable: true, description: 'Tipologia di utenza, when grouped by USER_TYPE.' })
  userType?: DeskUserType | null;

  @Field(() => DeskNeed, { nullable: true, description: 'Bisogno manifestato, when grouped by NEED.' })
  need?: DeskNeed | null;

  @Field(() => String, { nullable: true, description: 'Month (YYYY-MM) or quarter (YYYY-Qn), when grouped by MONTH or QUARTER.' })
  period?: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of contacts; null when suppressed (never 0 for a suppressed cell).' })
  count!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'True when the count is withheld: below the minimum cell count, or as a complement of such a cell.' })
  suppressed!: boolean;
}

@ObjectType({ description: 'Contacts of the sportelli sociali of the caller\'s municipality, by the dimensions asked for, with small cells suppressed (privacy.md §5).' })
export class DeskContactStatistics {
  @Field(() => DateScalar, { nullable: true, description: 'First day of the period.' })
  from!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the period.' })
  to!: string;

  @Field(() => [DeskStatisticsDimension], { nullable: true, description: 'The dimensions of the cells, as asked.' })
  groupBy!: DeskStatisticsDimension[];

  @Field(() => Int, { nullable: true, description: 'Smallest count published (DESK_STATISTICS_MIN_CELL_COUNT, at least 3).' })
  minimumCellCount!: number;

  @Field(() => Int, { nullable: true, description: 'Every contact of the period; null when suppressed.' })
  total!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'True when the total is below the minimum cell count.' })
  totalSuppressed!: boolean;

  @Field(() => [DeskContactStatisticsCell], { nullable: true, description: 'Every combination of the dimensions\' values (zero cells included), each a count or suppressed.' })
  cells!: DeskContactStatisticsCell[];
}

/** The months (YYYY-MM) from the month of `from` to the month of `to`. */
function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const code = `${year}-${String(month).padStart(2, '0')}`;
    months.push(code);
    if (code >= last) return months;
    month = month === 12 ? 1 : month + 1;
    if (month === 1) year += 1;
  }
}

function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
}

function checkRequest(period: DeskStatisticsPeriodInput, groupBy: DeskStatisticsDimension[]): InputProblem[] {
  const problems: InputProblem[] = [];
  if (period.from > period.to) problems.push({ path: 'period.to', message: 'must not be before period.from' });
  else if (monthsBetween(period.from, period.to).length > MAX_STATISTICS_MONTHS) {
    problems.push({ path: 'period', message: `must span at most ${MAX_STATISTICS_MONTHS} months` });
  }
  if (new Set(groupBy).size !== groupBy.length) problems.push({ path: 'groupBy', message: 'must not repeat a dimension' });
  if (groupBy.includes(DeskStatisticsDimension.MONTH) && groupBy.includes(DeskStatisticsDimension.QUARTER)) {
    problems.push({ path: 'groupBy', message: 'MONTH and QUARTER exclude each other' });
  }
  return problems;
}

/**
 * The municipality's periodic view (seed 003 art. 2: "tipologia di utenza e bisogno
 * manifestato"): counts of the contacts of the sportelli sociali in the caller's territory
 * (token `territory`), over whole days in Europe/Rome, as the full cross-classification of
 * the dimensions asked for, with disclosure control (lib/suppression.ts). Contacts
 * whose consent was withdrawn are counted too: they hold no identity any more.
 */
export async function deskContactStatistics(ctx: ReferralsContext, period: DeskStatisticsPeriodInput, groupBy: DeskStatisticsDimension[]): Promise<DeskContactStatistics> {
  const problems = checkRequest(period, groupBy);
  if (problems.length) throw badUserInput(problems);
  const threshold = referralsSettings().minimumCellCount;
  const caller = ctx.caller!;
  const desks = await ctx.em.find(ServicePoint, { kind: ServicePointKind.SOCIAL_DESK, ...inTerritory(caller, 'municipality') } as object, { orderBy: { code: 'asc' } });
  const months = monthsBetween(period.from, period.to);
  const useQuarter = groupBy.includes(DeskStatisticsDimension.QUARTER);
  const periods = useQuarter ? [...new Set(months.map(quarterOf))] : months;
  const values: Record<DeskStatisticsDimension, string[]> = {
    DESK: desks.map((d) => d.code),
    USER_TYPE: Object.values(DeskUserType),
    NEED: Object.values(DeskNeed),
    MONTH: periods,
    QUARTER: periods,
  };

  // A day of slack on each side in UTC; the legal day decides.
  const contacts = desks.length
    ? await ctx.em.find(
        DeskContact,
        {
          desk: { $in: desks.map((d) => d.code) },
          contactedAt: { $gte: new Date(Date.parse(`${period.from}T00:00:00Z`) - 86_400_000), $lt: new Date(Date.parse(`${period.to}T00:00:00Z`) + 2 * 86_400_000) },
        },
        { fields: ['desk', 'userType', 'need', 'contactedAt'], disableIdentityMap: true },
      )
    : [];
  const coordinatesOf = (contact: Pick<DeskContact, 'desk' | 'userType' | 'need' | 'contactedAt'>): string[] => {
    const day = legalDay(contact.contactedAt);
    return groupBy.map((dimension) => {
      switch (dimension) {
        case DeskStatisticsDimension.DESK:
          return contact.desk.code;
        case DeskStatisticsDimension.USER_TYPE:
          return contact.userType;
        case DeskStatisticsDimension.NEED:
          return contact.need;
        case DeskStatisticsDimension.MONTH:
          return day.slice(0, 7);
        case DeskStatisticsDimension.QUARTER:
          return quarterOf(day.slice(0, 7));
      }
    });
  };
  const counts = new Map<string, number>();
  let total = 0;
  for (const contact of contacts) {
    const day = legalDay(contact.contactedAt);
    if (day < period.from || day > period.to) continue;
    total += 1;
    const key = coordinatesOf(contact).join('\u0000');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }

  let combinations: string[][] = [[]];
  for (const dimension of groupBy) combinations = combinations.flatMap((prefix) => values[dimension].map((value) => [...prefix, value]));
  const table: FrequencyCell[] = groupBy.length ? combinations.map((coordinates) => ({ coordinates, count: counts.get(coordinates.join('\u0000')) ?? 0 })) : [];
  const hidden = suppressedCells(table, threshold);
  const totalSuppressed = total > 0 && total < threshold;

  return {
    from: period.from,
    to: period.to,
    groupBy,
    minimumCellCount: threshold,
    total: totalSuppressed ? null : total,
    totalSuppressed,
    cells: table.map((cell, index) => {
      const value = (dimension: DeskStatisticsDimension) => {
        const at = groupBy.indexOf(dimension);
        return at < 0 ? null : cell.coordinates[at]!;
      };
      const suppressed = hidden.has(index);
      return {
        desk: value(DeskStatisticsDimension.DESK),
        userType: value(DeskStatisticsDimension.USER_TYPE) as DeskUserType | null,
        need: value(DeskStatisticsDimension.NEED) as DeskNeed | null,
        period: value(DeskStatisticsDimension.MONTH) ?? value(DeskStatisticsDimension.QUARTER),
        count: suppressed ? null : cell.count,
        suppressed,
      };
    }),
  };
}
