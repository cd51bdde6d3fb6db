import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../scripts/seed/dataset';
import { type Dataset, type DatasetNotice } from '../../scripts/seed/dataset.types';
import { datasetProblems, relationships } from './dataset-rules';
import { TODAY } from './fixture';

/** The oracle must be able to fail: each broken copy of a valid data set is caught, naming the rule. */
describe('the data-set oracle', () => {
  const valid = generateDataset({ workers: 400, seed: 1, today: TODAY });
  const broken = (change: (data: Dataset) => void): string[] => {
    const copy = structuredClone(valid);
    change(copy);
    return datasetProblems(copy, TODAY);
  };
  const hireOf = (data: Dataset, test: (n: DatasetNotice) => boolean): DatasetNotice => data.notices.find((n) => n.type === 'HIRE' && test(n))!;
  const expectRule = (problems: string[], rule: string) => expect(problems.some((p) => p.includes(rule)), `expected "${rule}" among ${JSON.stringify(problems.slice(0, 5))}`).toBe(true);

  it('accepts the generated data set', () => {
    expect(datasetProblems(valid, TODAY)).toEqual([]);
  });

  it('catches a fiscal code with a wrong check character', () => {
    expectRule(
      broken((d) => {
        const w = d.workers.find((x) => !x.provisionalFiscalCode)!;
        w.fiscalCode = w.fiscalCode.slice(0, 15) + (w.fiscalCode[15] === 'A' ? 'B' : 'A');
      }),
      'fiscal code validates',
    );
  });

  it('catches a contract type no longer valid on the start date', () => {
    expectRule(broken((d) => void (hireOf(d, (n) => n.contractType === 'A.01.00').contractType = 'B.01.00')), 'contract type known and valid on its date');
  });

  it('catches a fixed-term hire without an end date', () => {
    expectRule(broken((d) => void (hireOf(d, (n) => n.contractType === 'A.02.00').endDate = null)), 'fixed-term and seasonal forms carry an end date');
  });

  it('catches part-time without weekly hours, and hours on full time', () => {
    expectRule(broken((d) => void (hireOf(d, (n) => n.workingTime === 'P').weeklyHours = null)), 'part-time carries weekly hours');
    expectRule(broken((d) => void (hireOf(d, (n) => n.workingTime === 'F').weeklyHours = 20)), 'no weekly hours outside part-time');
  });

  it('catches seasonal work on a contract type that does not allow it', () => {
    expectRule(broken((d) => void (hireOf(d, (n) => n.contractType === 'A.01.00').seasonal = true)), 'seasonal only for the allowed types');
  });

  it('catches an apprenticeship without a training end date', () => {
    expectRule(broken((d) => void (hireOf(d, (n) => n.contractType === 'A.03.09').trainingEndDate = null)), 'apprenticeships carry a training end date');
  });

  it('catches an extension that does not move the end later, and an event after the planned end', () => {
    expectRule(
      broken((d) => {
        const ext = d.notices.find((n) => n.type === 'EXTENSION')!;
        const hire = relationships(d).get(ext.relationshipId)![0]!;
        ext.endDate = hire.endDate;
      }),
      'an extension moves a planned end later',
    );
    expectRule(
      broken((d) => {
        const list = [...relationships(d).values()].find((l) => l[0]!.endDate !== null && l.length > 1 && l[1]!.type === 'TERMINATION')!;
        list[1]!.eventDate = list[0]!.endDate!.replace(/^(\d{4})/, (y) => String(Number(y) + 1));
      }),
      'event within the planned end',
    );
  });

  it('catches a transformation that breaks its rule', () => {
    expectRule(
      broken((d) => {
        const di = d.notices.find((n) => n.transformationCode === 'DI')!;
        di.contractType = 'A.02.00';
      }),
      'DI leads to an allowed contract type',
    );
    expectRule(
      broken((d) => {
        const pp = d.notices.find((n) => n.transformationCode === 'PP')!;
        pp.workingTime = 'V';
        pp.weeklyHours = 20;
      }),
      'PP leads to full time',
    );
  });

  it('catches a notice whose worker is the employer, or points to an unknown employer', () => {
    expectRule(broken((d) => void (d.notices[0]!.workerFiscalCode = d.notices[0]!.employerFiscalCode)), 'worker differs from employer');
    expectRule(broken((d) => void (d.notices[0]!.employerFiscalCode = '00000000000')), 'refers to an existing employer');
  });

  it('catches a non-EU worker without a residence permit', () => {
    expectRule(broken((d) => void (d.notices.find((n) => n.residencePermitType !== null)!.residencePermitType = null)), 'non-EU workers carry a residence permit');
  });

  it('catches a DID transition outside the machine and a second open DID', () => {
    expectRule(
      broken((d) => {
        const did = d.dids.find((x) => x.history.length >= 2 && x.history[1]!.toStatus === 'VALIDATED')!;
        did.history[1]!.toStatus = 'REVOKED';
        if (did.history[2]) did.history[2].fromStatus = 'REVOKED';
      }),
      'INSERTED → REVOKED is a transition of the machine',
    );
    expectRule(
      broken((d) => {
        const did = d.dids.find((x) => x.status === 'VALIDATED')!;
        d.dids.push({ ...structuredClone(did), id: '00000000-0000-4000-8000-000000000001' });
      }),
      'at most one open DID',
    );
  });

  it('catches a validated DID without a signed pact', () => {
    expectRule(
      broken((d) => {
        const did = d.dids.find((x) => x.status === 'VALIDATED')!;
        for (const pact of d.servicePacts.filter((p) => p.didId === did.id)) pact.state = 'PROPOSED';
      }),
      'a validated or suspended DID has a signed or running pact',
    );
  });

  it('catches a person in two households and a referral to social services without a motivation', () => {
    expectRule(
      broken((d) => {
        d.households[1]!.members.push({ ...d.households[0]!.members[0]!, relation: 'OTHER' });
      }),
      'a person belongs to one household',
    );
    expectRule(
      broken((d) => {
        const kinds = new Map(d.servicePoints.map((s) => [s.code, s.kind]));
        d.referrals.find((r) => kinds.get(r.fromCode) === 'JOB_CENTRE' && kinds.get(r.toCode) === 'SOCIAL_SERVICES')!.motivation = 'Vedi colloquio';
      }),
      'with a written motivation',
    );
  });

  it('catches a referral history that skips a state', () => {
    expectRule(
      broken((d) => {
        const r = d.referrals.find((x) => x.history[2]?.toState === 'ACCEPTED')!;
        r.history.splice(1, 1);
        r.history[1]!.fromState = 'DRAFT';
      }),
      'DRAFT → ACCEPTED is a transition of the machine',
    );
  });
});
