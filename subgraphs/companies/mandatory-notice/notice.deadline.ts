import { addDays, daysBetween, legalDay } from '../../lib/dates';
import { MandatoryNoticeType } from './notice.codes';

/** Days after the event within which extensions, transformations, transfers and terminations are due (§3.2). */
export const DAYS_TO_NOTIFY_AFTER_EVENT = 5;

/**
 * The last day on which a notice is on time (inclusive): the day before the start for a
 * hire (due by 24:00 of that day), five days after the event for the other notices.
 */
export function noticeDeadline(type: MandatoryNoticeType, startDate: string, eventDate: string): string {
  return type === MandatoryNoticeType.HIRE ? addDays(startDate, -1) : addDays(eventDate, DAYS_TO_NOTIFY_AFTER_EVENT);
}

/**
 * Lateness of a notice filed at `filedAt` against its deadline, counted in Italian calendar
 * days (a hire filed at 23:30 in Rome counts on that day); recorded, never rejected.
 */
export function lateness(deadline: string, filedAt: Date): { late: boolean; daysLate: number } {
  const daysLate = Math.max(0, daysBetween(deadline, legalDay(filedAt)));
  return { late: daysLate > 0, daysLate };
}
