import { describe, expect, it } from 'vitest';
import { addDays, ageOn } from '../../subgraphs/lib/dates';
import { crossProblems, householdProblems, referralProblems } from './dataset-rules';
import { demoDataset, tally, TODAY } from './fixture';

describe('demo data set: households, inclusion pacts and referrals', () => {
  const data = demoDataset();
  const kindOf = new Map(data.servicePoints.map((s) => [s.code, s.kind]));

  it('groups workers of one municipality into about 600 households of every shape', () => {
    expect(data.households).toHaveLength(600);
    expect(householdProblems(data, TODAY)).toEqual([]);
    const sizes = tally(data.households, (h) => String(Math.min(h.members.length, 3)));
    expect(sizes['1']).toBeGreaterThan(0);
    expect(sizes['2']).toBeGreaterThan(0);
    expect(sizes['3']).toBeGreaterThan(0);
    const relations = new Set(data.households.flatMap((h) => h.members.map((m) => m.relation)));
    for (const relation of ['APPLICANT', 'SPOUSE', 'CHILD', 'PARENT']) expect(relations).toContain(relation);
  });

  it('gives an inclusion pact to about 10% of households, some of them overdue', () => {
    expect(data.inclusionPacts.length).toBeGreaterThanOrEqual(50);
    expect(data.inclusionPacts.length).toBeLessThanOrEqual(80);
    const overdue = data.inclusionPacts.filter((p) => p.state === 'TO_CONVENE' && p.padSignedOn < addDays(TODAY, -60));
    expect(overdue.length).toBeGreaterThan(0);
    expect(new Set(data.inclusionPacts.map((p) => p.state)).size).toBeGreaterThanOrEqual(4);
  });

  it('has about 800 referrals along the referral machine, motivated where the law asks', () => {
    expect(data.referrals).toHaveLength(800);
    expect(referralProblems(data, TODAY)).toEqual([]);
    expect(new Set(data.referrals.map((r) => r.state)).size).toBe(9);
  });

  it('covers the flows of the network: job centre and social services both ways, the social desk on consent, the Cassa Edile', () => {
    const flows = new Set(data.referrals.map((r) => `${kindOf.get(r.fromCode)}>${kindOf.get(r.toCode)}`));
    for (const flow of ['JOB_CENTRE>SOCIAL_SERVICES', 'JOB_CENTRE_DESK>SOCIAL_SERVICES', 'SOCIAL_SERVICES>JOB_CENTRE', 'SOCIAL_DESK>SOCIAL_SERVICES', 'SOCIAL_DESK>CASSA_EDILE', 'JOB_CENTRE>CASSA_EDILE', 'JOB_CENTRE>JOB_CENTRE_DESK']) {
      expect(flows).toContain(flow);
    }
    expect(data.referrals.filter((r) => kindOf.get(r.fromCode) === 'SOCIAL_DESK').every((r) => r.legalBasis === 'CONSENT')).toBe(true);
  });

  it('ties the parts together: pathway-4 pacts referred to social services, ADI pacts after the household PAD, unique ids', () => {
    expect(crossProblems(data)).toEqual([]);
  });
});

describe('demo data set: do-not-convene decisions', () => {
  const data = demoDataset();
  const open = new Set(['TO_CONVENE', 'PRELIMINARY_ANALYSIS', 'ANALYSIS_FRAMEWORK', 'SIGNED', 'MONITORING']);

  it('records decisions only for members of households with an open inclusion pact, for the reasons the data show', () => {
    const openHouseholds = new Map(data.inclusionPacts.filter((p) => open.has(p.state)).map((p) => [p.householdId, p]));
    const households = new Map(data.households.map((h) => [h.id, h]));
    const workers = new Map(data.workers.map((w) => [w.id, w]));
    expect(data.convocationExclusions.length).toBeGreaterThan(0);
    expect(new Set(data.convocationExclusions.map((x) => x.id)).size).toBe(data.convocationExclusions.length);
    for (const x of data.convocationExclusions) {
      const pact = openHouseholds.get(x.householdId);
      expect(pact).toBeDefined();
      const member = households.get(x.householdId)!.members.find((m) => m.workerId === x.workerId);
      expect(member?.fiscalCode).toBe(x.fiscalCode);
      expect(x.since >= pact!.padSignedOn && x.since <= TODAY).toBe(true);
      const age = ageOn(workers.get(x.workerId)!.birthDate, TODAY);
      if (x.reason === 'AGED_60_OR_OVER') expect(age).toBeGreaterThanOrEqual(60);
      else expect([x.reason, member!.relation]).toEqual(['CARE_OF_CHILD_UNDER_3', 'APPLICANT']);
    }
  });
});
