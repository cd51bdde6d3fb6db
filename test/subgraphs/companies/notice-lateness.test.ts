import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { MandatoryNoticeType } from '../../../subgraphs/companies/mandatory-notice/notice.codes';
import { lateness, noticeDeadline } from '../../../subgraphs/companies/mandatory-notice/notice.deadline';
import { legalDay } from '../../../subgraphs/lib/dates';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addEmployer, day, employerCaller, employerCode, fileOk, hireInput, workerCode } from './fixtures';

const EMPLOYER = employerCode(21);

describe('deadlines and lateness of mandatory notices', () => {
  describe('the rules', () => {
    it('a hire is due by the day before its start; the other notices within 5 days of the event', () => {
      expect(noticeDeadline(MandatoryNoticeType.HIRE, '2024-03-01', '2024-03-01')).toBe('2024-02-29');
      for (const type of [MandatoryNoticeType.EXTENSION, MandatoryNoticeType.TRANSFORMATION, MandatoryNoticeType.TRANSFER, MandatoryNoticeType.TERMINATION]) {
        expect(noticeDeadline(type, '2020-01-01', '2024-12-29')).toBe('2025-01-03');
      }
    });

    it('counts days late on the Italian calendar', () => {
      // 23:30 UTC on 10 March is 00:30 on 11 March in Rome (CET, UTC+1).
      const justAfterMidnightInRome = new Date('2024-03-10T23:30:00Z');
      expect(legalDay(justAfterMidnightInRome)).toBe('2024-03-11');
      expect(lateness('2024-03-10', justAfterMidnightInRome)).toEqual({ late: true, daysLate: 1 });
      expect(lateness('2024-03-10', new Date('2024-03-10T22:59:00Z'))).toEqual({ late: false, daysLate: 0 });
      // Summer time: 22:30 UTC on 1 July is 00:30 on 2 July in Rome (CEST, UTC+2).
      expect(lateness('2024-07-01', new Date('2024-07-01T22:30:00Z'))).toEqual({ late: true, daysLate: 1 });
      expect(lateness('2024-07-10', new Date('2024-07-01T08:00:00Z'))).toEqual({ late: false, daysLate: 0 });
    });
  });

  describe('as recorded at filing', () => {
    let graph: TestSubgraph<CompaniesLoaders>;
    beforeAll(async () => {
      graph = await createTestSubgraph(companiesSubgraph, { caller: employerCaller(EMPLOYER) });
      await addEmployer(graph.em(), EMPLOYER);
    });
    afterAll(() => graph.close());

    it('a hire filed the day before the start is on time', async () => {
      const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(21), { startDate: day(1) }));
      expect(hire).toMatchObject({ deadline: day(0), late: false, daysLate: 0 });
    });

    it('a hire filed on its start day is one day late, and is accepted', async () => {
      const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(22), { startDate: day(0) }));
      expect(hire).toMatchObject({ deadline: day(-1), late: true, daysLate: 1 });
      expect(hire.relationship.status).toBe('ACTIVE');
    });

    it('a hire filed ten days after the start is eleven days late', async () => {
      const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(23), { startDate: day(-10) }));
      expect(hire).toMatchObject({ deadline: day(-11), late: true, daysLate: 11 });
    });

    it('a termination filed on the fifth day after the event is on time', async () => {
      const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(24), { startDate: day(-60) }));
      const termination = await fileOk(graph, { type: 'TERMINATION', relationshipId: hire.relationship.id, eventDate: day(-5), terminationCause: 'LI' });
      expect(termination).toMatchObject({ deadline: day(0), late: false, daysLate: 0 });
    });

    it('a termination filed eight days after the event is three days late', async () => {
      const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(25), { startDate: day(-60) }));
      const termination = await fileOk(graph, { type: 'TERMINATION', relationshipId: hire.relationship.id, eventDate: day(-8), terminationCause: 'LI' });
      expect(termination).toMatchObject({ deadline: day(-3), late: true, daysLate: 3 });
    });

    it('lateness is stored with the notice', async () => {
      const hire = await fileOk(graph, hireInput(EMPLOYER, workerCode(26), { startDate: day(-3) }));
      const res = await graph.query<{ mandatoryNotice: { late: boolean; daysLate: number; deadline: string } }>(
        'query($code: MandatoryNoticeCode!) { mandatoryNotice(code: $code) { late daysLate deadline } }',
        { code: hire.code },
      );
      expect(res.data?.mandatoryNotice).toEqual({ late: true, daysLate: 4, deadline: day(-4) });
    });
  });
});
