import { type PactsContext } from '../context';
import { ACTIVE_SERVICE_PACT_STATES } from '../service-pact/service-pact.entity';
import { EmploymentStatusCheck, PersonStatus } from './person-status.type';

/**
 * The pact side of a person's status, computed from every pact of the person (the answer
 * is about the person, not a release of pact rows). Within the caller's PersonStatus
 * scope a fiscal code with no pact still gets a status: "no active pact" is an answer.
 * Outside it (for a job centre or social worker, a person with no pact or household of
 * their territory, unknown ones included) the status is null, as a row that does not exist.
 */
export async function personStatus(fiscalCode: unknown, ctx: PactsContext): Promise<PersonStatus | null> {
  if (typeof fiscalCode !== 'string' || !(await ctx.loaders.personStatusInScope.load(fiscalCode))) return null;
  return statusOf(fiscalCode, ctx);
}

async function statusOf(fiscalCode: string, ctx: PactsContext): Promise<PersonStatus> {
  const pacts = await ctx.loaders.statusPactsByFiscalCode.load(fiscalCode);
  const active = pacts.find((p) => ACTIVE_SERVICE_PACT_STATES.includes(p.state));
  const relevant = active ?? pacts[0];
  return Object.assign(new PersonStatus(), {
    fiscalCode,
    servicePactActive: active != null,
    servicePactState: relevant?.state ?? null,
    servicePactStateDate: relevant?.stateDate ?? null,
  });
}

/**
 * The status check of a person and of the other members of their household, or null when
 * the person is outside the caller's EmploymentStatusCheck scope. Each member is listed
 * only when the caller's PersonStatus scope admits them. Every scope check and every
 * status is loaded in batches: the statements do not grow with the household.
 */
export async function employmentStatusCheck(fiscalCode: string, ctx: PactsContext): Promise<EmploymentStatusCheck | null> {
  const checkedAt = new Date();
  const [member, inScope] = await Promise.all([
    ctx.loaders.householdMemberByFiscalCode.load(fiscalCode),
    ctx.loaders.statusCheckInScope.load(fiscalCode),
  ]);
  if (!inScope) return null;
  const others = member ? (await ctx.loaders.membersByHousehold.load(member.household.id)).filter((m) => m.id !== member.id) : [];
  const [person, ...householdMembers] = await Promise.all([fiscalCode, ...others.map((m) => m.fiscalCode)].map((code) => personStatus(code, ctx)));
  return Object.assign(new EmploymentStatusCheck(), {
    checkedAt,
    person: person ?? null,
    householdMembers: householdMembers.filter((status): status is PersonStatus => status !== null),
  });
}
