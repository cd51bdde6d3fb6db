import { type EntityManager } from '@mikro-orm/core';
import { validatePersonalFiscalCode } from '../../lib/codes/fiscal-code';
import { ageOn } from '../../lib/dates';
import { type InputProblem } from '../../lib/errors';
import { checkNotFuture } from '../../lib/validation';
import { DigitalActivationPact } from '../digital-activation-pact/digital-activation-pact.entity';
import { ServicePactProgramme } from './service-pact.entity';
import { type CreateServicePactInput } from './service-pact.input';

/** An SFL beneficiary chooses at least this many employment agencies or authorised intermediaries in the PAD (DL 48/2023 art. 12; domain.md §8.3). */
export const SFL_MIN_INTERMEDIARIES = 3;
/** Age band of the SFL at the PAD (domain.md §8.3, §13.5 rule 6). */
export const SFL_MIN_AGE = 18;
export const SFL_MAX_AGE = 59;
const INTERMEDIARY_CODE = /^[A-Z0-9][A-Z0-9_-]{0,39}$/;

/** What a new service pact records of the digital activation pact (PAD) it follows. */
export interface ActivationPactFacts {
  activationPactSignedOn: string | null;
  chosenIntermediaries: string[] | null;
}

/**
 * PAD before PSP (domain.md §8.2 step 8, §8.3, §13.5 rule 6), for a pact being created:
 * - ADI: the member must have signed their own PAD (recorded by the social services with
 *   `recordDigitalActivationPact`) on or before the proposal. The PAD is looked up as a fact
 *   of the rule, not released: the answer only says whether it is missing.
 * - SFL: the PAD is the person's own, on SIISL, and comes with the pact (`sflActivationPact`):
 *   signed on or before the proposal and not in the future, at least
 *   {@link SFL_MIN_INTERMEDIARIES} distinct intermediaries, the person aged 18 to 59 on the
 *   day of the PAD (from the birth date the personal fiscal code encodes; a provisional
 *   numeric code encodes none, so the age cannot be checked and the pact is refused).
 * - other programmes: no PAD, and `sflActivationPact` is refused.
 * Problems are added to `problems` with their path; the facts to store are returned.
 */
export async function checkActivationPact(em: EntityManager, input: CreateServicePactInput, problems: InputProblem[]): Promise<ActivationPactFacts> {
  const none: ActivationPactFacts = { activationPactSignedOn: null, chosenIntermediaries: null };
  const sfl = input.sflActivationPact;
  if (input.programme !== ServicePactProgramme.SFL && sfl != null) {
    problems.push({ path: 'input.sflActivationPact', message: 'is only allowed when the programme is SFL' });
  }
  if (input.programme === ServicePactProgramme.ADI) {
    const pad = await em.findOne(DigitalActivationPact, { member: { fiscalCode: input.fiscalCode } }, { fields: ['signedOn'] });
    if (!pad || pad.signedOn > input.proposedOn) {
      problems.push({ path: 'input.programme', message: "an ADI pact needs the member's digital activation pact (PAD) signed on or before the proposal: the social services record it first" });
      return none;
    }
    return { activationPactSignedOn: pad.signedOn, chosenIntermediaries: null };
  }
  if (input.programme !== ServicePactProgramme.SFL) return none;
  if (sfl == null) {
    problems.push({ path: 'input.sflActivationPact', message: 'is required when the programme is SFL (PAD before PSP)' });
    return none;
  }
  const before = problems.length;
  const dateProblems = checkNotFuture('input.sflActivationPact.signedOn', sfl.signedOn);
  if (sfl.signedOn > input.proposedOn) dateProblems.push({ path: 'input.sflActivationPact.signedOn', message: 'must not be after the date of the proposal (PAD before PSP)' });
  problems.push(...dateProblems);
  const intermediaries = [...new Set(sfl.intermediaries.map((code) => code.trim().toUpperCase()))];
  sfl.intermediaries.forEach((code, index) => {
    if (!INTERMEDIARY_CODE.test(code.trim().toUpperCase())) problems.push({ path: `input.sflActivationPact.intermediaries.${index}`, message: 'must be an intermediary code: 1 to 40 letters, digits, - or _' });
  });
  if (intermediaries.length < SFL_MIN_INTERMEDIARIES) {
    problems.push({ path: 'input.sflActivationPact.intermediaries', message: `must name at least ${SFL_MIN_INTERMEDIARIES} different employment agencies or authorised intermediaries` });
  }
  const code = validatePersonalFiscalCode(input.fiscalCode, { referenceDate: sfl.signedOn });
  if (!code.ok) {
    problems.push({ path: 'input.fiscalCode', message: 'must be a personal fiscal code for an SFL pact: the age band (18 to 59) is checked on the birth date it encodes' });
  } else if (dateProblems.length === 0) {
    // The age is only meaningful on a PAD date that holds.
    const age = ageOn(code.birthDate, sfl.signedOn);
    if (age < SFL_MIN_AGE || age > SFL_MAX_AGE) problems.push({ path: 'input.sflActivationPact.signedOn', message: `the person must be aged ${SFL_MIN_AGE} to ${SFL_MAX_AGE} on the day of the PAD` });
  }
  return problems.length > before ? none : { activationPactSignedOn: sfl.signedOn, chosenIntermediaries: intermediaries };
}
