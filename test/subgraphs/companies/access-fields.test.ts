import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { MandatoryNotice } from '../../../subgraphs/companies/mandatory-notice/mandatory-notice.entity';
import { EmploymentRelationship } from '../../../subgraphs/companies/relationship/employment-relationship.entity';
import { type Caller } from '../../../subgraphs/lib/identity';
import { asCaller } from '../../utils/callers';
import { createTestSubgraph, type GraphQLResponse, type TestSubgraph } from '../../utils/subgraph';
import {
  BUILDER,
  CASSA,
  CASSA_TRAINING,
  CITIZEN_MI,
  CPI_MILANO,
  CPI_REFERRAL_MILANO,
  FACTORY,
  NO_ROWS_CALLERS,
  NOTICE_CODES,
  R,
  seedAccessWorld,
  SHOP,
  SHOP_CONSULTANT,
  SITE,
  UNKNOWN_UUID,
  W_MI,
} from './access-fixtures';
import { day, employerCode, file, hireInput, workerCode } from './fixtures';

/** Paths of the FORBIDDEN errors of a response, dotted. */
function refused(res: GraphQLResponse<unknown>): string[] {
  return (res.errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => (e.path ?? []).join('.'));
}

/** What a client can tell apart in an error: message, path, code and problems (not the development stack trace). */
function visibleErrors(res: GraphQLResponse<unknown>) {
  return (res.errors ?? []).map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code, problems: e.extensions?.problems }));
}

const NOTICE_FIELDS = `code type contractType ccnl qualification eventDate filedAt late daysLate deadline
  workerDomicileMunicipality workerCitizenship residencePermitType residencePermitExpiry filedBy
  employer { fiscalCode } worker { fiscalCode } relationship { id } workSite { id }`;
const NOTICE = `query($code: MandatoryNoticeCode!) { mandatoryNotice(code: $code) { ${NOTICE_FIELDS} } }`;
const EMPLOYER_FIELDS = `fiscalCode name atecoCode atecoSection publicAdministration ccnl cassaEdileCode construction
  legalSeat { municipality } workSites { id } employees { id } mandatoryNotices { totalCount }`;
const EMPLOYER = `query($cf: FiscalCode!) { employer(fiscalCode: $cf) { ${EMPLOYER_FIELDS} } }`;

// Field grants (schema/policy/companies.yaml): a refused field is null with a FORBIDDEN
// error at its path, and the rest of the answer arrives.
describe('field grants of the companies subgraph', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  const as = <D = Record<string, unknown>>(caller: Caller | null, query: string, variables?: Record<string, unknown>) =>
    graph.query<D>(query, variables, caller ? asCaller(caller) : {});

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph);
    await seedAccessWorld(graph);
  });
  afterAll(() => graph.close());

  describe('a notice of a construction firm', () => {
    const code = NOTICE_CODES.build[0];

    it('a Cassa Edile reads what a regularity check needs, not the domicile, citizenship, residence permit or filer', async () => {
      const res = await as<{ mandatoryNotice: Record<string, unknown> }>(CASSA, NOTICE, { code });
      expect(refused(res).sort()).toEqual(
        ['workerDomicileMunicipality', 'workerCitizenship', 'residencePermitType', 'residencePermitExpiry', 'filedBy'].map((f) => `mandatoryNotice.${f}`).sort(),
      );
      expect(res.errors!.every((e) => e.extensions?.code === 'FORBIDDEN' && !e.message.includes(W_MI))).toBe(true);
      expect(res.data!.mandatoryNotice).toMatchObject({
        code,
        type: 'HIRE',
        contractType: 'A.02.00',
        ccnl: 'H011',
        late: false,
        employer: { fiscalCode: BUILDER },
        worker: { fiscalCode: W_MI },
        relationship: { id: R.build },
        workSite: { id: SITE.builderBergamo },
        workerDomicileMunicipality: null,
        workerCitizenship: null,
        residencePermitType: null,
        residencePermitExpiry: null,
        filedBy: null,
      });
    });

    it('a job centre reads the employment history and the domicile, not the residence permit, filer or timeliness', async () => {
      const res = await as<{ mandatoryNotice: Record<string, unknown> }>(CPI_MILANO, NOTICE, { code });
      expect(refused(res).sort()).toEqual(
        ['residencePermitType', 'residencePermitExpiry', 'filedBy', 'late', 'daysLate', 'deadline'].map((f) => `mandatoryNotice.${f}`).sort(),
      );
      expect(res.data!.mandatoryNotice).toMatchObject({ code, workerDomicileMunicipality: '015146', workerCitizenship: '000', contractType: 'A.02.00' });
      // The work site is in Bergamo, outside the territory: no row, so null without an error.
      expect(res.data!.mandatoryNotice.workSite).toBeNull();
    });

    it('a job centre acting for a referral does not read the citizenship', async () => {
      const res = await as(CPI_REFERRAL_MILANO, 'query($code: MandatoryNoticeCode!) { mandatoryNotice(code: $code) { contractType workerCitizenship } }', { code });
      expect(refused(res)).toEqual(['mandatoryNotice.workerCitizenship']);
      expect(res.data).toEqual({ mandatoryNotice: { contractType: 'A.02.00', workerCitizenship: null } });
    });

    it('the person reads their own notice in full, residence permit and filer included, but no work site row', async () => {
      const res = await as<{ mandatoryNotice: Record<string, unknown> }>(CITIZEN_MI, NOTICE, { code });
      expect(refused(res)).toEqual(['mandatoryNotice.workSite']);
      expect(res.data!.mandatoryNotice).toMatchObject({ code, residencePermitType: 'PERMIT', residencePermitExpiry: '2030-01-01', filedBy: null, late: false });
    });

    it('a Cassa Edile school (training records) reads nothing here', async () => {
      const res = await as(CASSA_TRAINING, NOTICE, { code });
      expect(refused(res)).toEqual(['mandatoryNotice']);
      expect(res.data).toEqual({ mandatoryNotice: null });
    });
  });

  describe('employers', () => {
    it('a job centre reads the business-registry identity only', async () => {
      const res = await as<{ employer: Record<string, unknown> }>(CPI_MILANO, EMPLOYER, { cf: BUILDER });
      expect(refused(res).sort()).toEqual(['ccnl', 'cassaEdileCode', 'workSites', 'employees', 'mandatoryNotices'].map((f) => `employer.${f}`).sort());
      expect(res.data!.employer).toMatchObject({
        fiscalCode: BUILDER,
        name: 'Costruzioni Prova S.r.l.',
        atecoCode: '41.20.00',
        construction: true,
        publicAdministration: false,
        legalSeat: { municipality: '015146' },
        ccnl: null,
      });
    });

    it('a citizen reads name and ATECO, the public register identity', async () => {
      const res = await as<{ employer: Record<string, unknown> }>(CITIZEN_MI, EMPLOYER, { cf: SHOP });
      expect(refused(res).sort()).toEqual(
        ['publicAdministration', 'ccnl', 'cassaEdileCode', 'construction', 'legalSeat', 'workSites', 'employees', 'mandatoryNotices'].map((f) => `employer.${f}`).sort(),
      );
      expect(res.data!.employer).toMatchObject({ fiscalCode: SHOP, name: 'Negozio Prova S.r.l.', atecoCode: '47.11.10', atecoSection: 'G' });
    });

    it('a citizen may not list employers', async () => {
      const res = await as(CITIZEN_MI, '{ employers { totalCount } }');
      expect(refused(res)).toEqual(['employers']);
      expect(res.data).toEqual({ employers: null });
    });

    it('an employer reads its own employer in full', async () => {
      const res = await as<{ employer: Record<string, unknown> }>(SHOP_CONSULTANT, EMPLOYER, { cf: SHOP });
      expect(res.errors).toBeUndefined();
      expect(res.data!.employer).toMatchObject({ fiscalCode: SHOP, ccnl: 'H011', workSites: [{ id: SITE.shopMilano }], mandatoryNotices: { totalCount: 3 } });
    });
  });

  describe.each(NO_ROWS_CALLERS)('%s', (_role, caller) => {
    it('gets no entry point and no personal field', async () => {
      const res = await as(
        caller,
        `query($cf: FiscalCode!, $code: MandatoryNoticeCode!, $id: ID!) {
          employer(fiscalCode: $cf) { name } employers { totalCount } mandatoryNotice(code: $code) { contractType } employmentRelationship(id: $id) { startDate }
        }`,
        { cf: BUILDER, code: NOTICE_CODES.build[0], id: R.build },
      );
      expect(refused(res).sort()).toEqual(['employer', 'employers', 'employmentRelationship', 'mandatoryNotice']);
      expect(res.data).toEqual({ employer: null, employers: null, mandatoryNotice: null, employmentRelationship: null });
    });

    it('finds no row through _entities', async () => {
      const res = await as(caller, 'query($reps: [_Any!]!) { _entities(representations: $reps) { __typename } }', {
        reps: [
          { __typename: 'Employer', fiscalCode: BUILDER },
          { __typename: 'WorkSite', id: SITE.builderMilano },
          { __typename: 'EmploymentRelationship', id: R.build },
          { __typename: 'MandatoryNotice', code: NOTICE_CODES.build[0] },
          { __typename: 'Worker', fiscalCode: W_MI },
        ],
      });
      expect(res).toEqual({ data: { _entities: [null, null, null, null, null] } });
    });
  });

  describe('without a caller', () => {
    it('every entry point is FORBIDDEN, _entities and _service included', async () => {
      const res = await as(null, 'query($cf: FiscalCode!) { employer(fiscalCode: $cf) { name } employers { totalCount } }', { cf: BUILDER });
      expect(refused(res).sort()).toEqual(['employer', 'employers']);
      expect(res.data).toEqual({ employer: null, employers: null });
      const entities = await as(null, 'query($reps: [_Any!]!) { _entities(representations: $reps) { __typename } }', { reps: [{ __typename: 'Employer', fiscalCode: BUILDER }] });
      expect(refused(entities)).toEqual(['_entities']);
      expect(entities.data).toBeNull();
      const service = await as(null, '{ _service { sdl } }');
      expect(refused(service)).toEqual(['_service']);
    });

    it('cannot file a notice', async () => {
      const before = await graph.em().count(MandatoryNotice, {});
      const res = await graph.query('mutation($input: FileMandatoryNoticeInput!) { fileMandatoryNotice(input: $input) { id } }', { input: hireInput(SHOP, workerCode(950)) });
      expect(refused(res)).toEqual(['fileMandatoryNotice']);
      expect(await graph.em().count(MandatoryNotice, {})).toBe(before);
    });
  });

  describe('filing mandatory notices', () => {
    it.each([
      ['a job centre', CPI_MILANO],
      ['a Cassa Edile', CASSA],
      ['a citizen', CITIZEN_MI],
    ])('%s may not file, and nothing is written', async (_label, caller) => {
      const before = await graph.em().count(MandatoryNotice, {});
      const res = await file(graph, hireInput(SHOP, workerCode(951)), asCaller(caller));
      expect(refused(res)).toEqual(['fileMandatoryNotice']);
      expect(res.data).toEqual({ fileMandatoryNotice: null });
      expect(await graph.em().count(MandatoryNotice, {})).toBe(before);
    });

    it('a hire for an employer the credential does not act for is refused exactly as for an unknown employer', async () => {
      const headers = asCaller(SHOP_CONSULTANT);
      const before = await graph.em().count(EmploymentRelationship, {});
      const foreign = await file(graph, hireInput(FACTORY, workerCode(952)), headers);
      const unknown = await file(graph, hireInput(employerCode(959), workerCode(952)), headers);
      expect(visibleErrors(foreign)).toEqual(visibleErrors(unknown));
      expect(visibleErrors(foreign)[0]).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: 'input.employerFiscalCode', message: 'no employer has this fiscal code' }] });
      expect(foreign.data).toEqual(unknown.data);
      expect(await graph.em().count(EmploymentRelationship, {})).toBe(before);
    });

    it('a later notice of another employer’s relationship is refused exactly as for an unknown relationship', async () => {
      const headers = asCaller(SHOP_CONSULTANT);
      const termination = (relationshipId: string) => ({ type: 'TERMINATION', relationshipId, eventDate: day(0), terminationCause: 'LI' });
      const foreign = await file(graph, termination(R.factory), headers);
      const unknown = await file(graph, termination(UNKNOWN_UUID), headers);
      expect(visibleErrors(foreign)).toEqual(visibleErrors(unknown));
      expect(visibleErrors(foreign)[0]).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: 'input.relationshipId', message: 'no employment relationship has this id' }] });
      expect(await graph.em().findOneOrFail(EmploymentRelationship, { id: R.factory })).toMatchObject({ recordedStatus: 'ACTIVE', terminationDate: null });
    });

    it('a transfer to another employer’s work site is refused exactly as to an unknown site', async () => {
      const headers = asCaller(SHOP_CONSULTANT);
      // R_NODOM's notice carries no citizenship (the seeded worker is unknown), so the transfer gives it.
      const transfer = (workSiteId: string) => ({ type: 'TRANSFER', relationshipId: R.nodom, eventDate: day(0), workSiteId, workerCitizenship: '000' });
      const foreign = await file(graph, transfer(SITE.factoryCremona), headers);
      const unknown = await file(graph, transfer(UNKNOWN_UUID), headers);
      expect(visibleErrors(foreign)).toEqual(visibleErrors(unknown));
      expect(visibleErrors(foreign)[0]).toMatchObject({ code: 'BAD_USER_INPUT', problems: [{ path: 'input.workSiteId', message: 'is not a work site of the employer' }] });
    });

    it('an employer files for its own employer and reads the notice in full', async () => {
      const res = await file(graph, hireInput(SHOP, workerCode(953), { workerDomicileMunicipality: '015146' }), asCaller(SHOP_CONSULTANT));
      expect(res.errors).toBeUndefined();
      expect(res.data!.fileMandatoryNotice).toMatchObject({ type: 'HIRE', employer: { fiscalCode: SHOP }, worker: { fiscalCode: workerCode(953) }, relationship: { status: 'ACTIVE' } });
    });
  });
});
