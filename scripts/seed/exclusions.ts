import { ageOn } from '../../subgraphs/lib/dates';
import { type DatasetConvocationExclusion, type DatasetHousehold, type DatasetInclusionPact, type DatasetWorker } from './dataset.types';

/** Inclusion-pact states in which a household's path is open. */
const OPEN = new Set(['TO_CONVENE', 'PRELIMINARY_ANALYSIS', 'ANALYSIS_FRAMEWORK', 'SIGNED', 'MONITORING']);

/** The later of two ISO dates. */
const later = (a: string, b: string) => (a > b ? a : b);

/**
 * The do-not-convene decisions (art. 3(6) DL 48/2023; plan §1.4) the social services would
 * have recorded for the households with an open inclusion pact, derived from the data set
 * alone (no random draw): a member aged 60 or over (AGED_60_OR_OVER, since the later of the
 * PAD and the 60th birthday), and the applicant of a household with a child under three
 * (CARE_OF_CHILD_UNDER_3, since the later of the PAD and the child's birth). Ids are
 * derived from the pact and the member, so the seed is deterministic.
 */
export function buildConvocationExclusions(households: readonly DatasetHousehold[], pacts: readonly DatasetInclusionPact[], workers: readonly DatasetWorker[], today: string): DatasetConvocationExclusion[] {
  const byId = new Map(workers.map((w) => [w.id, w]));
  const householdById = new Map(households.map((h) => [h.id, h]));
  const exclusions: DatasetConvocationExclusion[] = [];
  for (const pact of pacts.filter((p) => OPEN.has(p.state))) {
    const household = householdById.get(pact.householdId);
    if (!household) continue;
    const youngChild = household.members
      .filter((m) => m.relation === 'CHILD')
      .map((m) => byId.get(m.workerId))
      .find((child) => child != null && ageOn(child.birthDate, today) < 3);
    household.members.forEach((member, index) => {
      const person = byId.get(member.workerId);
      if (!person) return;
      const sixtieth = `${Number(person.birthDate.slice(0, 4)) + 60}${person.birthDate.slice(4)}`;
      const id = `${pact.id.slice(0, 24)}${String(index).padStart(12, '0')}`;
      if (ageOn(person.birthDate, today) >= 60) {
        exclusions.push({ id, householdId: household.id, workerId: member.workerId, fiscalCode: member.fiscalCode, reason: 'AGED_60_OR_OVER', since: later(pact.padSignedOn, sixtieth) });
      } else if (member.relation === 'APPLICANT' && youngChild) {
        exclusions.push({ id, householdId: household.id, workerId: member.workerId, fiscalCode: member.fiscalCode, reason: 'CARE_OF_CHILD_UNDER_3', since: later(pact.padSignedOn, youngChild.birthDate) });
      }
    });
  }
  return exclusions;
}
