import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { coordinateOfPath, releasedCoordinates, selectedCoordinates } from '../../../subgraphs/lib/audit';

const schema = buildSchema(`
  interface Party { name: String }
  type Worker implements Party { id: ID! name: String birthDate: String employer: Employer employments: [Employment!]! }
  type Employer implements Party { fiscalCode: String! name: String employees: [Worker!]! }
  type Employment { startDate: String employer: Employer }
  union Entity = Worker | Employer
  type Query { worker(id: ID!): Worker  workers: [Worker!]!  parties: [Party!]!  _entities: [Entity]!  unused: String }
  type Mutation { renameWorker(id: ID!, name: String!): Worker }
`);

describe('schema coordinates of an operation', () => {
  it('lists every field the chosen operation selects, through fragments and inline fragments, without meta fields', () => {
    const document = parse(`
      query A { workers { __typename ...W employments { ... on Employment { startDate } } } }
      query B { unused }
      fragment W on Worker { name employer { ...E } }
      fragment E on Employer { fiscalCode }
      fragment NotUsed on Worker { birthDate }
    `);
    expect(selectedCoordinates(schema, document, 'A')).toEqual([
      'Employer.fiscalCode', 'Employment.startDate', 'Query.workers', 'Worker.employer', 'Worker.employments', 'Worker.name',
    ]);
    expect(selectedCoordinates(schema, document, 'B')).toEqual(['Query.unused']);
    expect(selectedCoordinates(schema, document, 'C')).toEqual([]);
    expect(selectedCoordinates(schema, document)).toEqual([]);
  });

  it('names a field selected on an interface on the interface, and on a concrete type through a fragment', () => {
    const document = parse('{ parties { name ... on Worker { birthDate } } one: worker(id: "1") { id } }');
    expect(selectedCoordinates(schema, document)).toEqual(['Party.name', 'Query.parties', 'Query.worker', 'Worker.birthDate', 'Worker.id']);
  });

  it('maps a response path to the coordinate it names: aliases followed, list indexes skipped', () => {
    const document = parse('query Q { w: worker(id: "1") { born: birthDate employments { employer { n: name } } } }');
    expect(coordinateOfPath(schema, document, 'Q', ['w', 'born'])).toBe('Worker.birthDate');
    expect(coordinateOfPath(schema, document, 'Q', ['w', 'employments', 3, 'employer', 'n'])).toBe('Employer.name');
    expect(coordinateOfPath(schema, document, 'Q', ['w'])).toBe('Query.worker');
    expect(coordinateOfPath(schema, document, 'Q', ['w', 'nothing'])).toBeNull();
    expect(coordinateOfPath(schema, document, 'Other', ['w'])).toBeNull();
  });

  it('maps a path through _entities and named fragments to the concrete type', () => {
    const document = parse(`
      query { _entities { ... on Employer { fiscalCode } ...WorkerFields } }
      fragment WorkerFields on Worker { birthDate employer { name } }
    `);
    expect(coordinateOfPath(schema, document, undefined, ['_entities', 0, 'birthDate'])).toBe('Worker.birthDate');
    expect(coordinateOfPath(schema, document, undefined, ['_entities', 1, 'fiscalCode'])).toBe('Employer.fiscalCode');
    expect(coordinateOfPath(schema, document, undefined, ['_entities', 0, 'employer', 'name'])).toBe('Employer.name');
  });

  it('reports what was released: selected minus refused', () => {
    const document = parse('mutation { renameWorker(id: "1", name: "x") { name birthDate } }');
    expect(releasedCoordinates(schema, document, undefined, ['Worker.birthDate'])).toEqual(['Mutation.renameWorker', 'Worker.name']);
  });
});
