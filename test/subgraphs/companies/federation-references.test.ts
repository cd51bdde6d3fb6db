import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { companiesSubgraph } from '../../../subgraphs/companies';
import { type CompaniesLoaders } from '../../../subgraphs/companies/loaders';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addEmployer, employerCaller, employerCode, type FiledNotice, fileOk, hireInput, workerCode } from './fixtures';

const EMPLOYER = employerCode(61);
const WORKER = workerCode(61);
const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Employer { fiscalCode name }
  ... on WorkSite { id address employer { fiscalCode } }
  ... on MandatoryNotice { id code type employer { fiscalCode } }
  ... on EmploymentRelationship { id status worker { fiscalCode } }
  ... on Worker { person: fiscalCode employments { id } mandatoryNotices { code } }
} }`;

describe('federation: keys and _entities', () => {
  let graph: TestSubgraph<CompaniesLoaders>;
  let hire: FiledNotice;
  let siteId: string;

  const entities = async (reps: Record<string, unknown>[]) => {
    const res = await graph.query<{ _entities: (Record<string, unknown> | null)[] }>(ENTITIES, { reps });
    expect(res.errors).toBeUndefined();
    return res.data!._entities;
  };

  beforeAll(async () => {
    graph = await createTestSubgraph(companiesSubgraph, { caller: employerCaller(EMPLOYER) });
    siteId = (await addEmployer(graph.em(), EMPLOYER, { name: 'Federata S.r.l.' })).sites[0]!.id;
    hire = await fileOk(graph, hireInput(EMPLOYER, WORKER));
  });
  afterAll(() => graph.close());

  it('declares the keys the other subgraphs rely on', () => {
    const sdl = graph.runtime.schema.sdl;
    expect(sdl).toMatch(/type Employer\s+@key\(fields: "fiscalCode"\)\s*\{[^}]*fiscalCode: FiscalCode!/);
    expect(sdl).toMatch(/type MandatoryNotice\s+@key\(fields: "id"\)\s+@key\(fields: "code"\)/);
    expect(sdl).toMatch(/type EmploymentRelationship\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type WorkSite\s+@key\(fields: "id"\)/);
    expect(sdl).toMatch(/type Worker\s+@key\(fields: "fiscalCode"\)\s*\{[^}]*fiscalCode: FiscalCode\n/);
  });

  it('resolves an Employer by fiscal code, null when unknown', async () => {
    expect(await entities([{ __typename: 'Employer', fiscalCode: EMPLOYER }, { __typename: 'Employer', fiscalCode: employerCode(69) }])).toEqual([
      { fiscalCode: EMPLOYER, name: 'Federata S.r.l.' },
      null,
    ]);
  });

  it('resolves a MandatoryNotice by id or by code, null when unknown or malformed', async () => {
    const expected = { id: hire.id, code: hire.code, type: 'HIRE', employer: { fiscalCode: EMPLOYER } };
    expect(
      await entities([
        { __typename: 'MandatoryNotice', id: hire.id },
        { __typename: 'MandatoryNotice', code: hire.code },
        { __typename: 'MandatoryNotice', id: UNKNOWN_UUID },
        { __typename: 'MandatoryNotice', code: '9999999999999999' },
        { __typename: 'MandatoryNotice', id: 'not-an-id' },
      ]),
    ).toEqual([expected, expected, null, null, null]);
  });

  it('resolves an EmploymentRelationship by id, null when unknown or malformed', async () => {
    expect(
      await entities([
        { __typename: 'EmploymentRelationship', id: hire.relationship.id },
        { __typename: 'EmploymentRelationship', id: UNKNOWN_UUID },
        { __typename: 'EmploymentRelationship', id: 'not-an-id' },
      ]),
    ).toEqual([{ id: hire.relationship.id, status: 'ACTIVE', worker: { fiscalCode: WORKER } }, null, null]);
  });

  it('resolves a WorkSite by id, null when unknown', async () => {
    expect(await entities([{ __typename: 'WorkSite', id: siteId }, { __typename: 'WorkSite', id: UNKNOWN_UUID }])).toEqual([
      { id: siteId, address: 'Via Demo 1', employer: { fiscalCode: EMPLOYER } },
      null,
    ]);
  });

  it('extends a Worker by fiscal code with employments and notices; a person with none has empty lists', async () => {
    const other = workerCode(69);
    expect(await entities([{ __typename: 'Worker', fiscalCode: WORKER }, { __typename: 'Worker', fiscalCode: other }])).toEqual([
      { person: WORKER, employments: [{ id: hire.relationship.id }], mandatoryNotices: [{ code: hire.code }] },
      { person: other, employments: [], mandatoryNotices: [] },
    ]);
  });

  it('resolves many representations of mixed types in one batch per type', async () => {
    graph.runtime.db.sql.reset();
    await entities([
      { __typename: 'Employer', fiscalCode: EMPLOYER },
      { __typename: 'Employer', fiscalCode: employerCode(68) },
      { __typename: 'EmploymentRelationship', id: hire.relationship.id },
      { __typename: 'EmploymentRelationship', id: UNKNOWN_UUID },
    ]);
    // One query for the employers (also serving the notices' and sites' employer), one for the relationships.
    expect(graph.runtime.db.sql.statements).toBe(2);
  });
});
