import { validateFiscalCode, validateIstatMunicipalityCode } from '../codes';
import { invalid, type CodeValidation } from '../codes/validation-result';
import { Purpose, Role } from '../identity';

/**
 * Checks one `territory` code: an ISTAT province (3 digits, `015`) or municipality
 * (6 digits, `015146`). Province codes are not checked against a list, like
 * `validateIstatMunicipalityCode`: ISTAT adds new ones when provinces are reorganised.
 */
export function validateTerritoryCode(code: string): CodeValidation {
  if (/^\d{3}$/.test(code)) return code === '000' ? invalid('a province code must be 001 or above') : { ok: true, value: code };
  if (/^\d{6}$/.test(code)) return validateIstatMunicipalityCode(code);
  return invalid('must be an ISTAT province code (3 digits) or municipality code (6 digits)');
}

const ROLES = new Set<string>(Object.values(Role));
const PURPOSES = new Set<string>(Object.values(Purpose));

/** Whether a string is a role code of the catalogue. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && ROLES.has(value);
}

/** Whether a string is a purpose code of the catalogue. */
export function isPurpose(value: unknown): value is Purpose {
  return typeof value === 'string' && PURPOSES.has(value);
}

/** The identity a verified token carries, before a purpose is declared for the request. */
export interface CredentialClaims {
  subject: string;
  organisation: string;
  role: Role;
  purposes: Purpose[];
  territory: string[];
  employers: string[];
  tokenId?: string;
  /** Set for a PDND-style voucher: its single `purposeId`, a code of the catalogue or not (checked later, as a purpose problem). */
  voucherPurpose?: string;
}

/** The claims could be read, or the list of problems, each naming its claim (never its value). */
export type ClaimsResult = { ok: true; claims: CredentialClaims } | { ok: false; problems: string[] };

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Reads an optional array-of-strings claim; each element is checked by `check`. */
function stringList(
  payload: Record<string, unknown>,
  claim: string,
  check: (value: string) => CodeValidation,
  problems: string[],
): string[] {
  const value = payload[claim];
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`claim "${claim}" must be an array`);
    return [];
  }
  const result: string[] = [];
  value.forEach((item: unknown, index) => {
    if (typeof item !== 'string') {
      problems.push(`claim "${claim}[${index}]" must be a string`);
      return;
    }
    const checked = check(item);
    if (checked.ok) result.push(checked.value);
    else problems.push(`claim "${claim}[${index}]" ${checked.reason}`);
  });
  return [...new Set(result)];
}

function employerCode(code: string): CodeValidation {
  const result = validateFiscalCode(code);
  return result.ok ? { ok: true, value: result.normalized } : invalid(`is not a valid fiscal code: ${result.reason}`);
}

/**
 * Reads the identity claims of a verified JWT (architecture.md §4). A PDND-style voucher
 * is recognised by its `purposeId` and names its organisation with `client_id` (or
 * `consumerId`) instead of `org`. Problems name the claim and never repeat its value.
 */
export function readCredentialClaims(payload: Record<string, unknown>): ClaimsResult {
  const problems: string[] = [];
  const voucher = payload.purposeId !== undefined;

  // Organisation: PDND's consumerId names the organisation itself, client_id only one of
  // its clients, so consumerId is preferred when both are present.
  const organisation = [payload.org, payload.consumerId, payload.client_id].find((v) => v !== undefined);
  if (organisation === undefined) problems.push(voucher ? 'claim "client_id" (or "org") is missing' : 'claim "org" is missing');
  else if (!nonEmptyString(organisation)) problems.push('the organisation claim ("org", "consumerId" or "client_id") must be a non-empty string');

  // A voucher names its operator in the tracking evidence, not in `sub` (PDND sets `sub`
  // to the client id or to its own name), so `sub` may fall back to the client id.
  const subjectClaim = payload.sub ?? (voucher ? organisation : undefined);
  if (subjectClaim === undefined) problems.push('claim "sub" is missing');
  else if (!nonEmptyString(subjectClaim)) problems.push('claim "sub" must be a non-empty string');
  let subject = nonEmptyString(subjectClaim) ? subjectClaim : '';

  const role = payload.role;
  if (role === undefined) problems.push('claim "role" is missing');
  else if (!isRole(role)) problems.push('claim "role" is not a role of the catalogue');

  // A citizen's `sub` is their fiscal code: the "only themselves" scope is keyed on it.
  if (isRole(role) && role === Role.CITIZEN && subject !== '') {
    const code = validateFiscalCode(subject);
    if (code.ok && code.kind === 'PERSONAL') subject = code.normalized;
    else problems.push('claim "sub" of a CITIZEN must be a personal fiscal code');
  }

  let purposes: Purpose[] = [];
  let voucherPurpose: string | undefined;
  if (voucher) {
    if (payload.purposes !== undefined) problems.push('a voucher carries "purposeId" and must not carry "purposes"');
    if (!nonEmptyString(payload.purposeId)) problems.push('claim "purposeId" must be a non-empty string');
    else {
      voucherPurpose = payload.purposeId;
      if (isPurpose(voucherPurpose)) purposes = [voucherPurpose];
    }
  } else if (payload.purposes === undefined) {
    problems.push('claim "purposes" (or a voucher\'s "purposeId") is missing');
  } else if (!Array.isArray(payload.purposes) || payload.purposes.length === 0) {
    problems.push('claim "purposes" must be a non-empty array');
  } else {
    payload.purposes.forEach((p: unknown, index) => {
      if (!isPurpose(p)) problems.push(`claim "purposes[${index}]" is not a purpose of the catalogue`);
    });
    purposes = [...new Set(payload.purposes.filter(isPurpose))];
  }

  const territory = stringList(payload, 'territory', validateTerritoryCode, problems);
  const employers = stringList(payload, 'employers', employerCode, problems);

  if (payload.jti !== undefined && !nonEmptyString(payload.jti)) problems.push('claim "jti" must be a non-empty string');

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    claims: {
      subject,
      organisation: organisation as string,
      role: role as Role,
      purposes,
      territory,
      employers,
      ...(payload.jti !== undefined ? { tokenId: payload.jti as string } : {}),
      ...(voucherPurpose !== undefined ? { voucherPurpose } : {}),
    },
  };
}
