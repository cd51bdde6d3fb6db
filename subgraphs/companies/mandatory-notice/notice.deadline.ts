import { addDays, daysBetween } from '../../lib/dates';
import { MandatoryNoticeType } from './notice.codes';

/** Days after the event within which extensions, transformations, transfers and terminations are due (§3.2). */
export const DAYS_TO_NOTIFY_AFTER_EVENT = 5;

/** Deadlines are Italian calendar days: a hire filed at 23:30 in Rome counts on that day, not the UTC one. */
export const FILING_TIME_ZONE = 'Europe/Rome';

const filingDayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: FILING_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day, in Italy, of an instant (ISO `YYYY-MM-DD`). */
export function filingDay(at: Date): string {
  return filingDayFormat.format(at);
}

/** Today in Italy: the day against which planned end dates and deadlines are read. */
export function italianToday(now: Date = new Date()): string {
  return filingDay(now);
}

/**
 * The last day on which a notice is on time (inclusive): the day before the start for a
 * hire (due by 24:00 of that day), five days after the event for the other notices.
 */
export function noticeDeadline(type: MandatoryNoticeType, startDate: string, eventDate: string): string {
  return type === MandatoryNoticeType.HIRE ? addDays(startDate, -1) : addDays(eventDate, DAYS_TO_NOTIFY_AFTER_EVENT);
}

/** Lateness of a notice filed at `filedAt` against its deadline; a late notice is recorded, never rejected. */
export function lateness(deadline: string, filedAt: Date): { late: boolean; daysLate: number } {
  const daysLate = Math.max(0, daysBetween(deadline, filingDay(filedAt)));
  return { late: daysLate > 0, daysLate };
}
