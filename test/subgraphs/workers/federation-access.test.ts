import { parse, type ObjectTypeDefinitionNode, Kind, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller } from '../../../subgraphs/lib/identity';
import { workersSubgraph } from '../../../subgraphs/workers';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { asCaller } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { arrangeScopes, CALLERS, citizen, EMPLOYERS, type ScopeFixture } from './support';

const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  __typename
  ... on Worker { id fiscalCode lastName }
  ... on AvailabilityDeclaration { id status }
  ... on PersonStatus { checkedFiscalCode: fiscalCode availabilityDeclarationActive availabilityDeclarationStatus }
} }`;

type Entities = { _entities: (Record<string, unknown> | null)[] };

/** A fiscal code of nobody in the fixture, as a citizen's token subject. */
const UNRELATED_SUBJECT = person(198).fiscalCode;

// Point 7 of issue 3: _entities is an entry point like any other. The row scope is
// checked on rows loaded from the database by key; nothing else a representation carries
// (a forged domicile, employer, construction flag, DID link or status) takes part.
describe('federation entry points of the workers subgraph', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  let fixture: ScopeFixture;

  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph);
    fixture = await arrangeScopes(graph.em());
  });
  afterAll(() => graph.close());

  const entities = (caller: Caller, representations: Record<string, unknown>[]) => graph.query<Entities>(ENTITIES, { representations }, asCaller(caller));

  it('has a reference resolver for every resolvable entity type', () => {
    const document = parse(graph.runtime.schema.sdl);
    const resolvable = document.definitions
      .filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION)
      .filter((d) => (d.directives ?? []).some((dir) => dir.name.value === 'key' && !print(dir).includes('resolvable: false')))
      .map((d) => d.name.value)
      .sort();
    expect(resolvable).toEqual(['AvailabilityDeclaration', 'PersonStatus', 'Worker']);
    for (const name of resolvable) expect(typeof workersSubgraph.referenceResolvers[name]?.__resolveReference).toBe('function');
  });

  it.each([
    ['a job-centre operator, a person domiciled elsewhere, with a forged domicile in its territory', () => CALLERS.cpiMilan, 'cremona', { domicileMunicipality: '015146', domicileProvince: '015' }],
    ['a job-centre operator, a forged DID at one of its job centres', () => CALLERS.cpiMilan, 'bergamo', { availabilityDeclaration: { id: 'x', jobCentre: { code: 'CPI-015-MILANO' } } }],
    ['a social worker, a forged municipality', () => CALLERS.socialWorkerMilan, 'commuter', { domicileMunicipality: '015146' }],
    ['a Cassa Edile, a forged construction employment', () => CALLERS.cassaEdile, 'cremona', { construction: true, employments: [{ employer: { fiscalCode: EMPLOYERS.builder, construction: true } }] }],
    ['an employer, a forged employment with it', () => CALLERS.retailEmployer, 'milan', { employerFiscalCode: EMPLOYERS.retail, employments: [{ employer: { fiscalCode: EMPLOYERS.retail } }] }],
    ['a citizen, a forged subject', () => citizen(UNRELATED_SUBJECT), 'milan', { fiscalCodeOfCaller: UNRELATED_SUBJECT }],
  ] as [string, () => Caller, keyof ScopeFixture['people'], Record<string, unknown>][])(
    'Worker out of scope stays null whatever the representation claims: %s',
    async (_label, callerOf, key, forged) => {
      const target = fixture.people[key];
      const res = await entities(callerOf(), [
        { __typename: 'Worker', id: target.id, ...forged },
        { __typename: 'Worker', fiscalCode: target.fiscalCode, ...forged },
      ]);
      expect(res).toEqual({ data: { _entities: [null, null] } });
    },
  );

  it('a representation in scope returns database values, never the invented ones', async () => {
    const milan = fixture.people.milan;
    const res = await entities(CALLERS.cpiMilan, [
      { __typename: 'Worker', id: milan.id, fiscalCode: fixture.people.cremona.fiscalCode, lastName: 'Invented', domicileMunicipality: '019036' },
      { __typename: 'PersonStatus', fiscalCode: milan.fiscalCode, availabilityDeclarationActive: false, availabilityDeclarationStatus: 'CANCELLED', workerId: fixture.people.cremona.id },
      { __typename: 'AvailabilityDeclaration', id: fixture.dids.milan, status: 'CANCELLED', worker: { id: fixture.people.cremona.id } },
    ]);
    expect(res.errors).toBeUndefined();
    expect(res.data!._entities).toEqual([
      { __typename: 'Worker', id: milan.id, fiscalCode: milan.fiscalCode, lastName: milan.lastName },
      { __typename: 'PersonStatus', checkedFiscalCode: milan.fiscalCode, availabilityDeclarationActive: true, availabilityDeclarationStatus: 'VALIDATED' },
      { __typename: 'AvailabilityDeclaration', id: fixture.dids.milan, status: 'VALIDATED' },
    ]);
  });

  it('a PersonStatus out of scope stays null even when the representation names a person in scope', async () => {
    const res = await entities(CALLERS.cpiMilan, [
      { __typename: 'PersonStatus', fiscalCode: fixture.people.cremona.fiscalCode, workerId: fixture.people.milan.id, domicileMunicipality: '015146' },
    ]);
    expect(res).toEqual({ data: { _entities: [null] } });
  });

  it('a DID out of scope stays null even when the representation places it in the territory', async () => {
    const res = await entities(CALLERS.cpiMilan, [
      { __typename: 'AvailabilityDeclaration', id: fixture.dids.cremona, jobCentre: { code: 'CPI-015-MILANO' }, worker: { id: fixture.people.milan.id } },
      { __typename: 'AvailabilityDeclaration', id: fixture.dids.commuterBergamo, jobCentreCode: 'DESK-015-SANSIRO' },
    ]);
    expect(res).toEqual({ data: { _entities: [null, null] } });
  });

  it('a representation without its key, or with a key of the wrong type, is no entity', async () => {
    const res = await entities(CALLERS.cpiMilan, [
      { __typename: 'Worker', lastName: fixture.people.milan.lastName },
      { __typename: 'Worker', id: 42 },
      { __typename: 'PersonStatus', fiscalCode: { eq: fixture.people.milan.fiscalCode } },
      { __typename: 'AvailabilityDeclaration', id: ['x'] },
    ]);
    expect(res).toEqual({ data: { _entities: [null, null, null, null] } });
  });

  it('loads entities through the scoped loaders: out-of-scope keys cost no extra statement', async () => {
    const inScope = [fixture.people.milan, fixture.people.milanNoDid].map((p) => ({ __typename: 'Worker', id: p.id }));
    const mixed = Object.values(fixture.people).map((p) => ({ __typename: 'Worker', id: p.id }));
    graph.runtime.db.sql.reset();
    await entities(CALLERS.socialWorkerMilan, inScope);
    const few = graph.runtime.db.sql.statements;
    graph.runtime.db.sql.reset();
    const res = await entities(CALLERS.socialWorkerMilan, mixed);
    expect(graph.runtime.db.sql.statements).toBe(few);
    expect(res.data!._entities.filter((e) => e !== null)).toHaveLength(2);
  });
});
