/**
 * Calendar arithmetic for the generator on whole day numbers (days since 1970-01-01, UTC).
 * Dates are turned into ISO strings once per distinct day and cached, so a data set of
 * hundreds of thousands of rows shares a few thousand date strings instead of holding
 * one copy per row.
 */

const MS_PER_DAY = 86_400_000;
/** Day numbers from 1900-01-01 (-25567) up: enough for every date the generator writes. */
const CACHE_OFFSET = 25_567;
const cache: string[] = [];
/** The same days packed as `YYYYMMDD` numbers, for arithmetic on ages and years. */
const packed: number[] = [];

/** The day number of an ISO `YYYY-MM-DD` date. */
export function dayOf(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

/** The ISO `YYYY-MM-DD` string of a day number (shared, not copied). */
export function isoOf(day: number): string {
  const index = day + CACHE_OFFSET;
  let text = index >= 0 ? cache[index] : undefined;
  if (text === undefined) {
    const date = new Date(day * MS_PER_DAY);
    // Built from character codes so that the cached string is flat, not a chain of slices.
    text = flatString(date.toISOString().slice(0, 10));
    if (index >= 0) {
      cache[index] = text;
      packed[index] = date.getUTCFullYear() * 10_000 + (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
    }
  }
  return text;
}

/** The day as a `YYYYMMDD` number. */
export function packedOf(day: number): number {
  const index = day + CACHE_OFFSET;
  if (index < 0) throw new RangeError('day before 1900');
  if (packed[index] === undefined) isoOf(day);
  return packed[index]!;
}

/** Calendar year of a day number. */
export function yearOf(day: number): number {
  return Math.floor(packedOf(day) / 10_000);
}

/** Completed years from `birthDay` to `day`. */
export function yearsBetween(birthDay: number, day: number): number {
  return Math.floor((packedOf(day) - packedOf(birthDay)) / 10_000);
}

const codes: number[] = [];

/**
 * A copy of `text` stored as one flat string. V8 keeps the result of concatenating or
 * slicing strings as a tree of pieces, several times the size of the text: the data set
 * holds a million unique ids and timestamps, so they are built flat.
 */
export function flatString(text: string): string {
  codes.length = text.length;
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  return String.fromCharCode.apply(null, codes);
}

const DIGIT = 48;

/** An ISO 8601 UTC timestamp on `day`, `seconds` after midnight, as a flat string. */
export function timestampOf(day: number, seconds: number): string {
  const s = Math.max(0, Math.min(86_399, Math.floor(seconds)));
  const iso = isoOf(day);
  codes.length = 20;
  for (let i = 0; i < 10; i++) codes[i] = iso.charCodeAt(i);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  codes[10] = 84; // T
  codes[11] = DIGIT + Math.floor(hh / 10);
  codes[12] = DIGIT + (hh % 10);
  codes[13] = 58; // :
  codes[14] = DIGIT + Math.floor(mm / 10);
  codes[15] = DIGIT + (mm % 10);
  codes[16] = 58;
  codes[17] = DIGIT + Math.floor(ss / 10);
  codes[18] = DIGIT + (ss % 10);
  codes[19] = 90; // Z
  return String.fromCharCode.apply(null, codes);
}

/** The day `years` after an ISO date; 29 February becomes 1 March in a common year. */
export function anniversary(iso: string, years: number): number {
  const year = Number(iso.slice(0, 4)) + years;
  const monthDay = iso.slice(5);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return dayOf(`${String(year).padStart(4, '0')}-${monthDay === '02-29' && !leap ? '03-01' : monthDay}`);
}
