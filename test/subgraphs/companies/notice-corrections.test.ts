import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { MandatoryNotice } from '../../../subgraphs/companies/mandatory-notice/mandatory-notice.entity';
import { EmploymentRelationship } from '../../../subgraphs/companies/relationship/employment-relationship.entity';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addEmployer, asEmployer, day, employerCaller, employerCode, type FiledNotice, fileOk, hireInput, problemsOf, workerCode } from './fixtures';

// Rectification (rettifica) and annulment (annullamento) of mandatory notices (domain.md
// §3.1, §3.6 rule 6): each references the notice it corrects, only the last validated
// notice of a relationship can be corrected, and the relationship follows.
const EMPLOYER = employerCode(61);
const OTHER = employerCode(62);

const NOTICE = `id code type state action sequence contractType startDate endDate eventDate workingTime weeklyHours ccnl deadline late
  corrects { id state }
  relationship { id status contractType workingTime weeklyHours plannedEndDate terminationDate }`;
const RECTIFY = `mutation($input: RectifyMandatoryNoticeInput!) { rectifyMandatoryNotice(input: $input) { ${NOTICE} } }`;
const ANNUL = `mutation($input: AnnulMandatoryNoticeInput!) { annulMandatoryNotice(input: $input) { ${NOTICE} } }`;

/** A notice as the correction mutations return it: the fields of a filed notice this file selects, and what a correction adds. */
interface Corrected
  extends Pick<FiledNotice, 'id' | 'code' | 'type' | 'state' | 'contractType' | 'startDate' | 'endDate' | 'eventDate' | 'workingTime' | 'weeklyHours' | 'deadline' | 'late'> {
  action: string;
  sequence: number;
  ccnl: string;
  corrects: { id: string; state: string } | null;
  relationship: Pick<FiledNotice['relationship'], 'id' | 'status' | 'contractType' | 'workingTime' | 'weeklyHours' | 'plannedEndDate' | 'terminationDate'>;
}

describe('rectifying and annulling mandatory notices', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  const rectify = (input: Record<string, unknown>, headers?: Record<string, string>) =>
    graph.query<{ rectifyMandatoryNotice: Corrected | null }>(RECTIFY, { input }, headers);
  const annul = (input: Record<string, unknown>, headers?: Record<string, string>) => graph.query<{ annulMandatoryNotice: Corrected | null }>(ANNUL, { input }, headers);
  /** Every stored notice and relationship, to show that a refusal wrote nothing. */
  const snapshot = async () => {
    const em = graph.em();
    const notices = await em.find(MandatoryNotice, {}, { orderBy: { id: 'asc' } });
    const relationships = await em.find(EmploymentRelationship, {}, { orderBy: { id: 'asc' } });
    return { notices: notices.map((n) => [n.id, n.state, n.action]), relationships: relationships.map((r) => [r.id, r.recordedStatus, r.contractType, r.plannedEndDate, r.version]) };
  };

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph, { caller: employerCaller(EMPLOYER) });
    await addEmployer(graph.em(), EMPLOYER);
    await addEmployer(graph.em(), OTHER);
  });
  afterAll(() => graph.close());

  it('a rectification of a hire replaces it: same type, new data, the hire RECTIFIED, the relationship corrected', async () => {
    const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(61), { startDate: day(1), endDate: day(90) }));
    const res = await rectify({ noticeId: hire.id, endDate: day(120), workingTime: 'HORIZONTAL_PART_TIME', weeklyHours: 20 });
    expect(res.errors).toBeUndefined();
    const corrected = res.data!.rectifyMandatoryNotice!;
    expect(corrected).toMatchObject({
      type: 'HIRE',
      action: 'RECTIFICATION',
      state: 'VALIDATED',
      sequence: 2,
      startDate: day(1),
      endDate: day(120),
      contractType: 'A.02.00',
      ccnl: 'H011',
      workingTime: 'HORIZONTAL_PART_TIME',
      weeklyHours: 20,
      corrects: { id: hire.id, state: 'RECTIFIED' },
      relationship: { id: hire.relationship.id, status: 'ACTIVE', plannedEndDate: day(120), workingTime: 'HORIZONTAL_PART_TIME', weeklyHours: 20 },
    });
    expect(corrected.code).not.toBe(hire.code);
    // Due within 5 days of the notice corrected, which was filed today.
    expect(corrected).toMatchObject({ deadline: day(5), late: false });
  });

  it('a later notice after a rectification follows the corrected data', async () => {
    const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(62), { startDate: day(-20), endDate: day(40) }));
    const fixed = (await rectify({ noticeId: hire.id, endDate: day(50) })).data!.rectifyMandatoryNotice!;
    const extension = await fileOk(graph, { type: 'EXTENSION', relationshipId: hire.relationship.id, eventDate: day(0), endDate: day(80) });
    expect(extension.relationship.plannedEndDate).toBe(day(80));
    expect(fixed.relationship.plannedEndDate).toBe(day(50));
  });

  it('refuses a correction of anything but the last validated notice, naming why, and writes nothing', async () => {
    const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(63), { startDate: day(-20), endDate: day(40) }));
    await fileOk(graph, { type: 'EXTENSION', relationshipId: hire.relationship.id, eventDate: day(-1), endDate: day(60) });
    const before = await snapshot();
    const res = await rectify({ noticeId: hire.id, endDate: day(45) });
    expect(res.data).toEqual({ rectifyMandatoryNotice: null });
    expect(problemsOf(res)).toEqual(['input.noticeId: only the last validated notice of a relationship can be corrected (this one is followed by notice 2)']);
    expect(problemsOf(await annul({ noticeId: hire.id }))).toHaveLength(1);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a second correction of a notice already rectified or annulled, and a correction of an annulment', async () => {
    const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(64), { startDate: day(-20), endDate: day(40) }));
    const extension = await fileOk(graph, { type: 'EXTENSION', relationshipId: hire.relationship.id, eventDate: day(-1), endDate: day(60) });
    expect((await rectify({ noticeId: extension.id, endDate: day(70) })).errors).toBeUndefined();
    expect(problemsOf(await rectify({ noticeId: extension.id, endDate: day(75) }))).toEqual([
      'input.noticeId: is RECTIFIED: only the last validated notice of a relationship can be corrected',
    ]);
    const termination = await fileOk(graph, { type: 'TERMINATION', relationshipId: hire.relationship.id, eventDate: day(0), terminationCause: 'LI' });
    const annulment = (await annul({ noticeId: termination.id })).data!.annulMandatoryNotice!;
    expect(problemsOf(await annul({ noticeId: termination.id }))).toEqual(['input.noticeId: is ANNULLED: only the last validated notice of a relationship can be corrected']);
    expect(problemsOf(await rectify({ noticeId: annulment.id, ccnl: 'H012' }))).toEqual(['input.noticeId: is an annulment, which cannot be corrected']);
  });

  it('refuses a change of employer, worker or start date, with every other problem of the corrected data, at once', async () => {
    const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(65), { startDate: day(1), endDate: day(90) }));
    const before = await snapshot();
    const res = await rectify({
      noticeId: hire.id,
      employerFiscalCode: OTHER,
      workerFiscalCode: workerCode(66),
      startDate: day(2),
      workingTime: 'VERTICAL_PART_TIME',
      endDate: null,
    });
    expect(problemsOf(res).sort()).toEqual(
      [
        'input.employerFiscalCode: cannot be changed by a rectification',
        'input.workerFiscalCode: cannot be changed by a rectification',
        'input.startDate: cannot be changed by a rectification',
        'input.weeklyHours: is required for part-time',
        'input.endDate: is required for a fixed-term contract type',
      ].sort(),
    );
    expect(await snapshot()).toEqual(before);
    // Repeating them unchanged is allowed.
    const same = await rectify({ noticeId: hire.id, employerFiscalCode: EMPLOYER, workerFiscalCode: workerCode(65), startDate: day(1), ccnl: 'H012' });
    expect(same.errors).toBeUndefined();
    expect(same.data!.rectifyMandatoryNotice).toMatchObject({ ccnl: 'H012', endDate: day(90) });
  });

  it('checks a corrected later notice against the relationship before it (an extension must still extend)', async () => {
    const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(67), { startDate: day(-20), endDate: day(40) }));
    const extension = await fileOk(graph, { type: 'EXTENSION', relationshipId: hire.relationship.id, eventDate: day(-1), endDate: day(60) });
    expect(problemsOf(await rectify({ noticeId: extension.id, endDate: day(30) }))).toEqual(['input.endDate: must be after the current planned end date']);
    const ok = await rectify({ noticeId: extension.id, endDate: day(50) });
    expect(ok.data!.rectifyMandatoryNotice).toMatchObject({ type: 'EXTENSION', endDate: day(50), relationship: { plannedEndDate: day(50) } });
  });

  it('an annulment of a termination reopens the relationship; of a hire, annuls it', async () => {
    const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(68), { startDate: day(-20), endDate: day(40) }));
    const termination = await fileOk(graph, { type: 'TERMINATION', relationshipId: hire.relationship.id, eventDate: day(-1), terminationCause: 'LI' });
    expect(termination.relationship.status).toBe('TERMINATED');
    const reopened = (await annul({ noticeId: termination.id })).data!.annulMandatoryNotice!;
    expect(reopened).toMatchObject({
      type: 'TERMINATION',
      action: 'ANNULMENT',
      corrects: { id: termination.id, state: 'ANNULLED' },
      relationship: { status: 'ACTIVE', terminationDate: null, plannedEndDate: day(40) },
    });
    const gone = (await annul({ noticeId: hire.id })).data!.annulMandatoryNotice!;
    expect(gone).toMatchObject({ type: 'HIRE', action: 'ANNULMENT', corrects: { id: hire.id, state: 'ANNULLED' }, relationship: { status: 'ANNULLED' } });
    expect(problemsOf(await rectify({ noticeId: hire.id, ccnl: 'H012' }))).toHaveLength(1);
  });

  it('an employer cannot correct another employer’s notice: it is unknown to it', async () => {
    const hire = await fileOk(graph, hireInput(OTHER, workerCode(69)), asEmployer(OTHER));
    const before = await snapshot();
    expect(problemsOf(await rectify({ noticeId: hire.id, ccnl: 'H012' }))).toEqual(['input.noticeId: no mandatory notice has this id']);
    expect(problemsOf(await annul({ noticeId: hire.id }))).toEqual(['input.noticeId: no mandatory notice has this id']);
    expect(await snapshot()).toEqual(before);
    // A consultant acting for both may.
    const both = asEmployer(EMPLOYER, OTHER);
    expect((await annul({ noticeId: hire.id }, both)).data!.annulMandatoryNotice).toMatchObject({ action: 'ANNULMENT', corrects: { id: hire.id } });
  });
});
