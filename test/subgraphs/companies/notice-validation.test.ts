import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addEmployer, day, employerCaller, employerCode, file, fileOk, hireInput, problemPaths, problemsOf, workerCode } from './fixtures';

const PRIVATE = employerCode(11);
const PUBLIC = employerCode(12);
const OTHER = employerCode(13);
const WORKER = workerCode(11);

type Input = Record<string, unknown>;

/** One rule: the input (built after any notices it needs) and the problem paths expected; none means valid. */
interface Case {
  rule: string;
  input: () => Promise<Input> | Input;
  paths: string[];
}

describe('filing a mandatory notice: validation rules', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  let ownSite: string;
  let otherSite: string;

  const hire = (overrides: Input = {}, employer = PRIVATE) => hireInput(employer, WORKER, overrides);
  /** A relationship hired 30 days ago, on the terms given. */
  const relationship = async (overrides: Input = {}, employer = PRIVATE) =>
    (await fileOk(graph, hire({ startDate: day(-30), endDate: day(90), ...overrides }, employer))).relationship.id;

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph, { caller: employerCaller(PRIVATE, PUBLIC, OTHER) });
    const em = graph.em();
    ownSite = (await addEmployer(em, PRIVATE, {}, [{ municipality: '015146', address: 'Via Uno 1' }, { municipality: '015209', address: 'Via Due 2' }])).sites[1]!.id;
    await addEmployer(em, PUBLIC, { publicAdministration: true, atecoCode: '84.11.10' });
    otherSite = (await addEmployer(em, OTHER)).sites[0]!.id;
  });
  afterAll(() => graph.close());

  const cases: Case[] = [
    { rule: 'a complete fixed-term hire is valid', input: () => hire(), paths: [] },
    { rule: 'the employer must exist', input: () => hire({ employerFiscalCode: employerCode(99) }), paths: ['input.employerFiscalCode'] },
    { rule: 'a HIRE needs the employer', input: () => hire({ employerFiscalCode: null }), paths: ['input.employerFiscalCode'] },
    { rule: 'a HIRE needs the worker', input: () => hire({ workerFiscalCode: undefined }), paths: ['input.workerFiscalCode'] },
    { rule: 'a HIRE needs the start date', input: () => hire({ startDate: undefined }), paths: ['input.startDate'] },
    { rule: 'a HIRE needs the CCNL and the qualification', input: () => hire({ ccnl: undefined, qualification: undefined }), paths: ['input.ccnl', 'input.qualification'] },
    { rule: 'the contract type must be in the table', input: () => hire({ contractType: 'Z.99.99' }), paths: ['input.contractType'] },
    { rule: 'the contract type must be valid on the start date', input: () => hire({ contractType: 'A.03.07' }), paths: ['input.contractType'] },
    { rule: 'a legacy contract type is valid on a start date in its period', input: () => hire({ contractType: 'A.03.07', startDate: '2010-03-01', endDate: '2011-03-01' }), paths: [] },
    { rule: 'an open-ended contract needs no end date', input: () => hire({ contractType: 'A.01.00', endDate: null }), paths: [] },
    { rule: 'a fixed-term contract needs an end date', input: () => hire({ endDate: null }), paths: ['input.endDate'] },
    { rule: 'the end date must not precede the start date', input: () => hire({ endDate: day(0) }), paths: ['input.endDate'] },
    { rule: 'an apprenticeship needs the end of the training period', input: () => hire({ contractType: 'A.03.09', endDate: null }), paths: ['input.trainingEndDate'] },
    { rule: 'an apprenticeship with its training period is valid', input: () => hire({ contractType: 'A.03.09', endDate: null, trainingEndDate: day(700) }), paths: [] },
    { rule: 'the training period must not end before the start', input: () => hire({ contractType: 'A.03.09', endDate: null, trainingEndDate: day(-5) }), paths: ['input.trainingEndDate'] },
    { rule: 'part-time needs weekly hours', input: () => hire({ workingTime: 'HORIZONTAL_PART_TIME' }), paths: ['input.weeklyHours'] },
    { rule: 'mixed part-time needs weekly hours too', input: () => hire({ workingTime: 'MIXED_PART_TIME' }), paths: ['input.weeklyHours'] },
    { rule: 'part-time with 40 weekly hours is valid', input: () => hire({ workingTime: 'VERTICAL_PART_TIME', weeklyHours: 40 }), paths: [] },
    { rule: 'weekly hours must not exceed 40', input: () => hire({ workingTime: 'HORIZONTAL_PART_TIME', weeklyHours: 40.5 }), paths: ['input.weeklyHours'] },
    { rule: 'weekly hours must be more than 0', input: () => hire({ workingTime: 'HORIZONTAL_PART_TIME', weeklyHours: 0 }), paths: ['input.weeklyHours'] },
    { rule: 'full time must not carry weekly hours', input: () => hire({ weeklyHours: 38 }), paths: ['input.weeklyHours'] },
    { rule: 'seasonal work with an allowed contract type and an end date is valid', input: () => hire({ seasonal: true }), paths: [] },
    { rule: 'seasonal work needs an end date', input: () => hire({ seasonal: true, endDate: null }), paths: ['input.endDate'] },
    { rule: 'seasonal work is only for the allowed contract types', input: () => hire({ seasonal: true, contractType: 'A.01.00' }), paths: ['input.seasonal'] },
    { rule: 'worker and employer must differ', input: () => hire({ workerFiscalCode: PRIVATE }), paths: ['input.workerFiscalCode'] },
    { rule: 'an EU citizen needs no residence permit', input: () => hire({ workerCitizenship: '215' }), paths: [] },
    { rule: 'a non-EU citizen needs the residence permit type and expiry', input: () => hire({ workerCitizenship: '404' }), paths: ['input.residencePermitType', 'input.residencePermitExpiry'] },
    {
      rule: 'a non-EU citizen with a residence permit is valid',
      input: () => hire({ workerCitizenship: '404', residencePermitType: 'PERMIT', residencePermitExpiry: day(365) }),
      paths: [],
    },
    {
      rule: 'a residence permit must not expire before 2000',
      input: () => hire({ workerCitizenship: '404', residencePermitType: 'PERMIT', residencePermitExpiry: '1999-12-31' }),
      paths: ['input.residencePermitExpiry'],
    },
    { rule: 'the citizenship must be a three-digit code', input: () => hire({ workerCitizenship: 'IT' }), paths: ['input.workerCitizenship'] },
    { rule: 'the ISTAT qualification must be well formed', input: () => hire({ qualification: '5.1.2' }), paths: ['input.qualification'] },
    { rule: 'the CCNL must be a code', input: () => hire({ ccnl: 'commercio' }), paths: ['input.ccnl'] },
    { rule: 'a HIRE event is its start date', input: () => hire({ eventDate: day(3) }), paths: ['input.eventDate'] },
    { rule: 'a HIRE creates its relationship, so it names none', input: async () => hire({ relationshipId: await relationship() }), paths: ['input.relationshipId'] },
    { rule: 'a HIRE carries no transformation code', input: () => hire({ transformationCode: 'DI' }), paths: ['input.transformationCode'] },
    { rule: 'a HIRE carries no termination cause', input: () => hire({ terminationCause: 'LI' }), paths: ['input.terminationCause'] },
    { rule: 'a work site of the employer is valid', input: () => hire({ workSiteId: ownSite }), paths: [] },
    { rule: 'the work site must belong to the employer', input: () => hire({ workSiteId: otherSite }), paths: ['input.workSiteId'] },
    {
      rule: 'a code already used is refused',
      input: async () => {
        const first = await fileOk(graph, hire({ code: '1234567890123456' }));
        return hire({ code: first.code });
      },
      paths: ['input.code'],
    },
    { rule: 'a later notice needs its relationship', input: () => ({ type: 'TERMINATION', eventDate: day(0), terminationCause: 'LI' }), paths: ['input.relationshipId'] },
    {
      rule: 'the relationship must exist',
      input: () => ({ type: 'TERMINATION', relationshipId: '00000000-0000-4000-8000-000000000000', eventDate: day(0), terminationCause: 'LI' }),
      paths: ['input.relationshipId'],
    },
    { rule: 'a termination within the relationship is valid', input: async () => ({ type: 'TERMINATION', relationshipId: await relationship(), eventDate: day(0), terminationCause: 'LI' }), paths: [] },
    { rule: 'a termination needs its cause', input: async () => ({ type: 'TERMINATION', relationshipId: await relationship(), eventDate: day(0) }), paths: ['input.terminationCause'] },
    { rule: 'a later notice needs its event date', input: async () => ({ type: 'TERMINATION', relationshipId: await relationship(), terminationCause: 'LI' }), paths: ['input.eventDate'] },
    {
      rule: 'the event must not precede the start',
      input: async () => ({ type: 'TERMINATION', relationshipId: await relationship(), eventDate: day(-31), terminationCause: 'LI' }),
      paths: ['input.eventDate'],
    },
    {
      rule: 'the event must not follow the planned end',
      input: async () => ({ type: 'TERMINATION', relationshipId: await relationship(), eventDate: day(91), terminationCause: 'LI' }),
      paths: ['input.eventDate'],
    },
    {
      rule: 'a later notice keeps the start date',
      input: async () => ({ type: 'TERMINATION', relationshipId: await relationship(), startDate: day(-29), eventDate: day(0), terminationCause: 'LI' }),
      paths: ['input.startDate'],
    },
    {
      rule: 'a later notice keeps the employer and the worker',
      input: async () => ({ type: 'TERMINATION', relationshipId: await relationship(), employerFiscalCode: OTHER, workerFiscalCode: workerCode(12), eventDate: day(0), terminationCause: 'LI' }),
      paths: ['input.employerFiscalCode', 'input.workerFiscalCode'],
    },
    { rule: 'an extension to a later end is valid', input: async () => ({ type: 'EXTENSION', relationshipId: await relationship(), eventDate: day(0), endDate: day(200) }), paths: [] },
    { rule: 'an extension needs the new end date', input: async () => ({ type: 'EXTENSION', relationshipId: await relationship(), eventDate: day(0) }), paths: ['input.endDate'] },
    {
      rule: 'an extension must move the end later',
      input: async () => ({ type: 'EXTENSION', relationshipId: await relationship(), eventDate: day(0), endDate: day(90) }),
      paths: ['input.endDate'],
    },
    {
      rule: 'an extension needs a fixed-term relationship',
      input: async () => ({ type: 'EXTENSION', relationshipId: await relationship({ contractType: 'A.01.00', endDate: null }), eventDate: day(0), endDate: day(200) }),
      paths: ['input.relationshipId'],
    },
    {
      rule: 'only a transformation changes the contract type',
      input: async () => ({ type: 'EXTENSION', relationshipId: await relationship(), eventDate: day(0), endDate: day(200), contractType: 'A.02.01' }),
      paths: ['input.contractType'],
    },
    { rule: 'a transfer to a site of the employer is valid', input: async () => ({ type: 'TRANSFER', relationshipId: await relationship(), eventDate: day(0), workSiteId: ownSite }), paths: [] },
    { rule: 'a transfer needs the work site', input: async () => ({ type: 'TRANSFER', relationshipId: await relationship(), eventDate: day(0) }), paths: ['input.workSiteId'] },
    {
      rule: 'a transformation needs its code',
      input: async () => ({ type: 'TRANSFORMATION', relationshipId: await relationship(), eventDate: day(0), contractType: 'A.01.00' }),
      paths: ['input.transformationCode'],
    },
    {
      rule: 'a transformation code must be known',
      input: async () => ({ type: 'TRANSFORMATION', relationshipId: await relationship(), eventDate: day(0), transformationCode: 'XX' }),
      paths: ['input.transformationCode'],
    },
    {
      rule: 'DI to an allowed open-ended type is valid',
      input: async () => ({ type: 'TRANSFORMATION', relationshipId: await relationship(), eventDate: day(0), transformationCode: 'DI', contractType: 'A.01.00' }),
      paths: [],
    },
    {
      rule: 'DI must lead to one of the allowed open-ended types',
      input: async () => ({ type: 'TRANSFORMATION', relationshipId: await relationship(), eventDate: day(0), transformationCode: 'DI', contractType: 'A.02.01', endDate: day(90) }),
      paths: ['input.contractType', 'input.endDate'],
    },
    {
      rule: 'DI is not allowed for seasonal work',
      input: async () => ({ type: 'TRANSFORMATION', relationshipId: await relationship({ seasonal: true }), eventDate: day(0), transformationCode: 'DI', contractType: 'A.01.00', seasonal: false }),
      paths: ['input.transformationCode'],
    },
    {
      rule: 'PP to full time is valid',
      input: async () => ({
        type: 'TRANSFORMATION',
        relationshipId: await relationship({ workingTime: 'HORIZONTAL_PART_TIME', weeklyHours: 20 }),
        eventDate: day(0),
        transformationCode: 'PP',
        workingTime: 'FULL_TIME',
      }),
      paths: [],
    },
    {
      rule: 'PP must end in full time',
      input: async () => ({
        type: 'TRANSFORMATION',
        relationshipId: await relationship({ workingTime: 'HORIZONTAL_PART_TIME', weeklyHours: 20 }),
        eventDate: day(0),
        transformationCode: 'PP',
        workingTime: 'VERTICAL_PART_TIME',
        weeklyHours: 30,
      }),
      paths: ['input.workingTime'],
    },
    {
      rule: 'TP must not end in full time',
      input: async () => ({ type: 'TRANSFORMATION', relationshipId: await relationship(), eventDate: day(0), transformationCode: 'TP' }),
      paths: ['input.workingTime'],
    },
    {
      rule: 'FI is only for a public administration',
      input: async () => ({ type: 'TRANSFORMATION', relationshipId: await relationship({ contractType: 'A.03.04' }), eventDate: day(0), transformationCode: 'FI', contractType: 'A.01.00' }),
      paths: ['input.transformationCode'],
    },
    {
      rule: 'FI by a public administration is valid',
      input: async () => ({
        type: 'TRANSFORMATION',
        relationshipId: await relationship({ contractType: 'A.03.04' }, PUBLIC),
        eventDate: day(0),
        transformationCode: 'FI',
        contractType: 'A.01.00',
      }),
      paths: [],
    },
    {
      rule: 'AI applies to an apprenticeship started by 25 Oct 2011',
      input: async () => ({
        type: 'TRANSFORMATION',
        relationshipId: await relationship({ contractType: 'A.03.02', startDate: '2011-01-10', endDate: null, trainingEndDate: '2014-01-09' }),
        eventDate: '2013-01-10',
        transformationCode: 'AI',
        contractType: 'A.01.00',
      }),
      paths: [],
    },
    {
      rule: 'AI does not apply to a non-apprenticeship',
      input: async () => ({ type: 'TRANSFORMATION', relationshipId: await relationship(), eventDate: day(0), transformationCode: 'AI', contractType: 'A.01.00', endDate: null }),
      paths: ['input.transformationCode'],
    },
    {
      rule: 'FF applies to an apprenticeship started from 26 Oct 2011',
      input: async () => ({
        type: 'TRANSFORMATION',
        relationshipId: await relationship({ contractType: 'A.03.09', endDate: null, trainingEndDate: day(300) }),
        eventDate: day(0),
        transformationCode: 'FF',
      }),
      paths: [],
    },
    {
      rule: 'TP to part-time with weekly hours is valid',
      input: async () => ({
        type: 'TRANSFORMATION',
        relationshipId: await relationship(),
        eventDate: day(0),
        transformationCode: 'TP',
        workingTime: 'HORIZONTAL_PART_TIME',
        weeklyHours: 24,
      }),
      paths: [],
    },
    {
      rule: 'FF does not apply to an apprenticeship started before 26 Oct 2011',
      input: async () => ({
        type: 'TRANSFORMATION',
        relationshipId: await relationship({ contractType: 'A.03.02', startDate: '2011-01-10', endDate: null, trainingEndDate: '2014-01-09' }),
        eventDate: '2013-01-10',
        transformationCode: 'FF',
      }),
      paths: ['input.transformationCode'],
    },
    {
      rule: 'PV is only for a public administration',
      input: async () => ({ type: 'TRANSFORMATION', relationshipId: await relationship({ contractType: 'A.01.00', endDate: null }), eventDate: day(0), transformationCode: 'PV' }),
      paths: ['input.transformationCode'],
    },
    {
      rule: 'PV by a public administration is valid',
      input: async () => ({
        type: 'TRANSFORMATION',
        relationshipId: await relationship({ contractType: 'A.01.00', endDate: null }, PUBLIC),
        eventDate: day(0),
        transformationCode: 'PV',
      }),
      paths: [],
    },
    {
      rule: 'DP to a professional apprenticeship is valid',
      input: async () => ({
        type: 'TRANSFORMATION',
        relationshipId: await relationship({ contractType: 'A.03.08', endDate: null, trainingEndDate: day(300) }),
        eventDate: day(0),
        transformationCode: 'DP',
        contractType: 'A.03.09',
        trainingEndDate: day(400),
      }),
      paths: [],
    },
    {
      rule: 'DP must lead to a professional apprenticeship',
      input: async () => ({
        type: 'TRANSFORMATION',
        relationshipId: await relationship({ contractType: 'A.03.08', endDate: null, trainingEndDate: day(300) }),
        eventDate: day(0),
        transformationCode: 'DP',
        contractType: 'A.03.10',
        trainingEndDate: day(400),
      }),
      paths: ['input.contractType'],
    },
    {
      rule: 'a transformation’s new contract type must be valid on the event date',
      input: async () => ({ type: 'TRANSFORMATION', relationshipId: await relationship(), eventDate: day(0), transformationCode: 'II', contractType: 'A.03.07', endDate: day(90) }),
      paths: ['input.contractType'],
    },
    {
      rule: 'a later notice must not carry a transformation code',
      input: async () => ({ type: 'TERMINATION', relationshipId: await relationship(), eventDate: day(0), terminationCause: 'LI', transformationCode: 'DI' }),
      paths: ['input.transformationCode'],
    },
  ];

  it.each(cases)('$rule', async ({ input, paths }) => {
    const res = await file(graph, await input());
    if (paths.length === 0) {
      expect(res.errors).toBeUndefined();
      expect(res.data?.fileMandatoryNotice.id).toBeTruthy();
    } else {
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(problemPaths(res).sort()).toEqual([...paths].sort());
      // The mutation field is nullable (restricted to employers), so a refusal nulls it, not the whole data.
      expect(res.data).toEqual({ fileMandatoryNotice: null });
    }
  });

  it('reports every problem at once, naming fields and never echoing values', async () => {
    const res = await file(
      graph,
      hire({
        employerFiscalCode: employerCode(98),
        contractType: 'A.03.09',
        endDate: day(-10),
        workingTime: 'HORIZONTAL_PART_TIME',
        seasonal: true,
        qualification: '9.9',
        workerCitizenship: '404',
      }),
    );
    expect(res.errors).toHaveLength(1);
    expect(problemPaths(res).sort()).toEqual(
      [
        'input.employerFiscalCode',
        'input.endDate',
        'input.trainingEndDate',
        'input.weeklyHours',
        'input.qualification',
        'input.residencePermitType',
        'input.residencePermitExpiry',
      ].sort(),
    );
    const text = JSON.stringify(res.errors);
    expect(text).not.toContain(employerCode(98));
    expect(text).not.toContain(WORKER);
    expect(problemsOf(res).every((p) => p.startsWith('input.'))).toBe(true);
  });

  it('records the consultant who filed for the employer', async () => {
    const consultant = workerCode(13);
    const notice = await fileOk(graph, hire({ filedBy: consultant }));
    expect(notice.filedBy).toBe(consultant);
  });
});
