import { type PactsContext } from '../context';
import { ACTIVE_SERVICE_PACT_STATES } from '../service-pact/service-pact.entity';
import { EmploymentStatusCheck, PersonStatus } from './person-status.type';

/**
 * The pact side of a person's status. A fiscal code with no pact (or unknown here)
 * still gets a status: "no active pact" is an answer, not a missing row.
 */
export async function personStatus(fiscalCode: string, ctx: PactsContext): Promise<PersonStatus> {
  const pacts = await ctx.loaders.servicePactsByFiscalCode.load(fiscalCode);
  const active = pacts.find((p) => ACTIVE_SERVICE_PACT_STATES.includes(p.state));
  const relevant = active ?? pacts[0];
  return Object.assign(new PersonStatus(), {
    fiscalCode,
    servicePactActive: active != null,
    servicePactState: relevant?.state ?? null,
    servicePactStateDate: relevant?.stateDate ?? null,
  });
}

/** The status check of a person and of the other members of their household, all loaded in one batch. */
export async function employmentStatusCheck(fiscalCode: string, ctx: PactsContext): Promise<EmploymentStatusCheck> {
  const checkedAt = new Date();
  const member = await ctx.loaders.householdMemberByFiscalCode.load(fiscalCode);
  const others = member ? (await ctx.loaders.membersByHousehold.load(member.household.id)).filter((m) => m.id !== member.id) : [];
  const [person, ...householdMembers] = await Promise.all(
    [fiscalCode, ...others.map((m) => m.fiscalCode)].map((code) => personStatus(code, ctx)),
  );
  return Object.assign(new EmploymentStatusCheck(), { checkedAt, person: person!, householdMembers });
}
