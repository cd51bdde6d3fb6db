/** Calendar dates as ISO `YYYY-MM-DD` strings: the form the schema, the database and the law use. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `y-m-d` is a real calendar day. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Validates an ISO calendar date; the reason never repeats the value. */
export function validateIsoDate(value: string): { ok: true; value: string } | { ok: false; reason: string } {
  const match = ISO_DATE.exec(value.trim());
  if (!match) return { ok: false, reason: 'must be a date in the form YYYY-MM-DD' };
  const [, y, m, d] = match;
  if (!isRealDate(Number(y), Number(m), Number(d))) return { ok: false, reason: 'is not a real calendar day' };
  return { ok: true, value: value.trim() };
}

/** Legal dates (filing deadlines, DID and pact dates) are days of the Italian calendar. */
export const LEGAL_TIME_ZONE = 'Europe/Rome';

const legalDayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: LEGAL_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Italian calendar day (`YYYY-MM-DD`) of an instant. */
export function legalDay(at: Date): string {
  return legalDayFormat.format(at);
}

/** Today on the Italian calendar, `YYYY-MM-DD`: at 00:30 in Rome it is already the new day. */
export function today(now: Date = new Date()): string {
  return legalDay(now);
}

/** Adds (or subtracts) whole days to an ISO date. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Completed years of age on `on` for someone born on `birthDate`. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

const offsetFormat = new Intl.DateTimeFormat('en-US', { timeZone: LEGAL_TIME_ZONE, timeZoneName: 'longOffset' });

/** Minutes the Italian clock is ahead of UTC at an instant (60 in winter, 120 in summer). */
export function legalOffsetMinutes(at: Date): number {
  const name = offsetFormat.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/**
 * The instant at the same time of day on the Italian clock `days` days later (earlier when
 * negative): across a change to or from summer time it is 23 or 25 hours per day away.
 */
export function addLegalDays(at: Date, days: number): Date {
  const guess = new Date(at.getTime() + days * 86_400_000);
  return new Date(guess.getTime() + (legalOffsetMinutes(at) - legalOffsetMinutes(guess)) * 60_000);
}
