import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../../subgraphs/lib/dates';
import { Purpose, Role } from '../../subgraphs/lib/identity';
import { ServicePointDirectoryEntry } from '../../subgraphs/lib/service-point-directory.entity';
import { DigitalActivationPact } from '../../subgraphs/pacts/digital-activation-pact/digital-activation-pact.entity';
import { Household, HouseholdMember, HouseholdRelation } from '../../subgraphs/pacts/household/household.entity';
import { InclusionPactState, SocialInclusionPact } from '../../subgraphs/pacts/inclusion-pact/inclusion-pact.entity';
import { DIRECTORY } from '../subgraphs/pacts/support';
import { authHeaders } from '../utils/auth';
import { createTestGraph, type TestGraph } from '../utils/graph';
import { person } from '../utils/people';

// Issue 5 points 3 and 2 through the gateway, with real tokens: the social worker's
// inclusion-path worklist with its overdue flags and the do-not-convene decision; the job
// centre learns whom not to convene and the coded reason, never the details or the timers.
const CARER = person(41);
const PARTNER = person(42);
const late = addDays(today(), -90);
const recent = addDays(today(), -10);
let lateId = '';
let recentId = '';

const WORKLIST = `query($overdueOnly: Boolean) { inclusionPathWorklist(overdueOnly: $overdueOnly) { totalCount nodes { id nextDeadline nextDueOn overdue } } }`;
const SET = `mutation($input: SetConvocationExclusionInput!) { setConvocationExclusion(input: $input) { reason details purpose } }`;
const CHECK = `query($codes: [FiscalCode!]!) { convocationExclusions(fiscalCodes: $codes) { fiscalCode convocationExcluded convocationExclusionReason } }`;
const ANALYSIS = `mutation($input: RecordPreliminaryAnalysisInput!) { recordPreliminaryAnalysis(input: $input) { state nextDeadline } }`;
const ACTIVATION = `query($all: Boolean) { activationWorklist(includeExcluded: $all) { nodes { fiscalCode waitingDays jobCentre { code } convocationExcluded convocationExclusionReason } } }`;
const STATUS = `query($cf: FiscalCode!) { employmentStatusCheck(fiscalCode: $cf) { person { convocationExcluded convocationExclusionReason } householdMembers { fiscalCode convocationExcluded } } }`;

const socialWorker = () => authHeaders({ role: Role.SOCIAL_WORKER, purposes: [Purpose.SOCIAL_INCLUSION], organisation: 'org-comune-milano', subject: 'case-manager-1', territory: ['015146'] });
const jobCentre = () => authHeaders({ role: Role.CPI_OPERATOR, purposes: [Purpose.EMPLOYMENT_SERVICES], organisation: 'org-cpi-milano', territory: ['015'] });

describe('the ADI inclusion path through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await createTestGraph({
      seed: async ({ pacts }) => {
        const em = pacts!;
        for (const entry of DIRECTORY) em.create(ServicePointDirectoryEntry, entry);
        const homes = [em.create(Household, { municipality: '015146' }), em.create(Household, { municipality: '015146' })];
        em.create(HouseholdMember, { household: homes[0]!, workerId: 'w-carer', fiscalCode: CARER.fiscalCode, relation: HouseholdRelation.APPLICANT });
        const partner = em.create(HouseholdMember, { household: homes[0]!, workerId: 'w-partner', fiscalCode: PARTNER.fiscalCode, relation: HouseholdRelation.SPOUSE });
        em.create(DigitalActivationPact, { member: partner, signedOn: late });
        const pact = (household: Household, padSignedOn: string) =>
          em.create(SocialInclusionPact, { household, municipality: '015146', socialServicesCode: 'SS_MI_01', state: InclusionPactState.TO_CONVENE, padSignedOn, stateDate: padSignedOn });
        lateId = pact(homes[0]!, late).id;
        recentId = pact(homes[1]!, recent).id;
        await em.flush();
      },
    });
  });
  afterAll(() => graph?.close());

  it("the social worker's worklist flags the convocation overdue 60 days after the PAD", async () => {
    const res = await graph.query<{ inclusionPathWorklist: { totalCount: number; nodes: unknown[] } }>(WORKLIST, {}, await socialWorker());
    expect(res.errors).toBeUndefined();
    expect(res.data!.inclusionPathWorklist.nodes).toEqual([
      { id: lateId, nextDeadline: 'CONVOCATION', nextDueOn: addDays(late, 60), overdue: true },
      { id: recentId, nextDeadline: 'CONVOCATION', nextDueOn: addDays(recent, 60), overdue: false },
    ]);
    const overdue = await graph.query<{ inclusionPathWorklist: { totalCount: number } }>(WORKLIST, { overdueOnly: true }, await socialWorker());
    expect(overdue.data!.inclusionPathWorklist.totalCount).toBe(1);
  });

  it('the job centre learns whom not to convene and the coded reason, never the details', async () => {
    const set = await graph.query<{ setConvocationExclusion: Record<string, unknown> }>(
      SET,
      { input: { fiscalCode: CARER.fiscalCode, reason: 'CARE_OF_DISABLED_OR_DEPENDENT', details: 'assists her mother, 100% invalidity', since: today() } },
      await socialWorker(),
    );
    expect(set.errors).toBeUndefined();
    expect(set.data!.setConvocationExclusion).toEqual({ reason: 'CARE_OF_DISABLED_OR_DEPENDENT', details: 'assists her mother, 100% invalidity', purpose: 'SOCIAL_INCLUSION' });

    const cpi = await jobCentre();
    const check = await graph.query<{ convocationExclusions: unknown[] }>(CHECK, { codes: [CARER.fiscalCode, PARTNER.fiscalCode] }, cpi);
    expect(check.errors).toBeUndefined();
    expect(check.data!.convocationExclusions).toEqual([
      { fiscalCode: CARER.fiscalCode, convocationExcluded: true, convocationExclusionReason: 'CARE_OF_DISABLED_OR_DEPENDENT' },
      { fiscalCode: PARTNER.fiscalCode, convocationExcluded: false, convocationExclusionReason: null },
    ]);
    const status = await graph.query<{ employmentStatusCheck: { person: unknown; householdMembers: unknown[] } }>(STATUS, { cf: PARTNER.fiscalCode }, cpi);
    expect(status.errors).toBeUndefined();
    expect(status.data!.employmentStatusCheck).toEqual({
      person: { convocationExcluded: false, convocationExclusionReason: null },
      householdMembers: [{ fiscalCode: CARER.fiscalCode, convocationExcluded: true }],
    });
    expect(JSON.stringify([check.data, status.data])).not.toContain('invalidity');
  });

  it("the analysis routes the member able to work to the activation worklist of the job centre, which a social worker may not read", async () => {
    const analysed = await graph.query<{ recordPreliminaryAnalysis: unknown }>(
      ANALYSIS,
      { input: { pactId: lateId, effectiveOn: today(), reason: 'both adults able to work', activatable: [{ fiscalCode: PARTNER.fiscalCode, jobCentreCode: 'CPI_MI_01' }] } },
      await socialWorker(),
    );
    expect(analysed.errors).toBeUndefined();
    expect(analysed.data!.recordPreliminaryAnalysis).toEqual({ state: 'PRELIMINARY_ANALYSIS', nextDeadline: 'PAIS_SIGNATURE' });
    const list = await graph.query<{ activationWorklist: { nodes: unknown[] } }>(ACTIVATION, {}, await jobCentre());
    expect(list.errors).toBeUndefined();
    expect(list.data!.activationWorklist.nodes).toEqual([
      { fiscalCode: PARTNER.fiscalCode, waitingDays: 0, jobCentre: { code: 'CPI_MI_01' }, convocationExcluded: false, convocationExclusionReason: null },
    ]);
    const refused = await graph.query(ACTIVATION, {}, await socialWorker());
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it("the job centre may neither read the worklist nor record a decision", async () => {
    const cpi = await jobCentre();
    const worklist = await graph.query(WORKLIST, {}, cpi);
    expect(worklist.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const set = await graph.query(SET, { input: { fiscalCode: PARTNER.fiscalCode, reason: 'EMPLOYED', since: today() } }, cpi);
    expect(set.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const after = await graph.query<{ convocationExclusions: { convocationExcluded: boolean }[] }>(CHECK, { codes: [PARTNER.fiscalCode] }, cpi);
    expect(after.data!.convocationExclusions[0]?.convocationExcluded).toBe(false);
  });
});
