import { type InputProblem } from '../../lib/errors';

/** Checks of the contacts a person gives: each returns the normalised value or the problems, never repeating the value. */

type Checked = { value: string; problems: [] } | { value: null; problems: InputProblem[] };

const MOBILE = /^3\d{8,9}$/;
const LANDLINE = /^0\d{5,10}$/;
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const EMAIL = new RegExp(`^[A-Za-z0-9!#$%&'*+/=?^_\`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_\`{|}~-]+)*@${LABEL}(?:\\.${LABEL})*\\.[A-Za-z]{2,63}$`);
const POSTCODE = /^\d{5}$/;
const STREET_NUMBER = /^(?:\d{1,5}(?: ?[A-Z]{1,2}|\/[A-Z0-9]{1,4})?|SNC)$/;

/** Longest street name accepted. */
export const MAX_STREET_LENGTH = 200;

function problem(path: string, message: string): Checked {
  return { value: null, problems: [{ path, message }] };
}

/** The digits of a telephone number written with +39 / 0039, spaces, dots, dashes, slashes or brackets. */
function nationalDigits(raw: string): string | null {
  const compact = raw.replace(/[\s./()-]/g, '');
  const national = compact.replace(/^(?:\+39|0039)/, '');
  return /^\d+$/.test(national) ? national : null;
}

/** An Italian telephone number as +39 and digits: a mobile (3 and 8-9 more digits), or, unless `mobileOnly`, a landline (0 and 5-10 more). */
export function checkItalianPhone(path: string, raw: string, mobileOnly: boolean): Checked {
  const digits = nationalDigits(raw);
  if (digits !== null && (MOBILE.test(digits) || (!mobileOnly && LANDLINE.test(digits)))) return { value: `+39${digits}`, problems: [] };
  return problem(path, mobileOnly ? 'must be an Italian mobile number (3 followed by 8 or 9 digits, optionally +39)' : 'must be an Italian telephone number (0 or 3 followed by digits, optionally +39)');
}

/** An e-mail address (also for a PEC): local part, @, a domain with a top-level label; the domain in lower case. */
export function checkEmail(path: string, raw: string): Checked {
  const value = raw.trim();
  const at = value.lastIndexOf('@');
  if (value.length > 254 || at > 64 || !EMAIL.test(value)) return problem(path, 'must be an e-mail address (name@domain.tld, at most 254 characters)');
  return { value: `${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}`, problems: [] };
}

/** Problems with a street address: street required and bounded, a street number, a five-digit postcode. */
export function checkAddress(path: string, address: { street: string; streetNumber: string; postcode: string }): { value: { street: string; streetNumber: string; postcode: string } | null; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const street = address.street.trim().replace(/\s+/g, ' ');
  const streetNumber = address.streetNumber.trim().toUpperCase();
  const postcode = address.postcode.trim();
  if (!street) problems.push({ path: `${path}.street`, message: 'must not be empty' });
  else if (street.length > MAX_STREET_LENGTH) problems.push({ path: `${path}.street`, message: `must be at most ${MAX_STREET_LENGTH} characters` });
  if (!STREET_NUMBER.test(streetNumber)) problems.push({ path: `${path}.streetNumber`, message: 'must be a street number (12, 12A, 12/B) or SNC' });
  if (!POSTCODE.test(postcode)) problems.push({ path: `${path}.postcode`, message: 'must be a postcode of five digits' });
  return problems.length ? { value: null, problems } : { value: { street, streetNumber, postcode }, problems };
}
