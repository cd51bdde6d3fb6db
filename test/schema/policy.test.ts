import { describe, expect, it } from 'vitest';
import { subgraphModules } from '../../subgraphs';
import { policyCoverageProblems } from '../../subgraphs/lib/policy/coverage';
import { accessPolicy, subgraphPolicy } from '../../subgraphs/lib/policy/model';
import { scopeCoverageProblems } from '../../subgraphs/lib/policy/scope';
import { buildModuleSchema } from '../../subgraphs/lib/subgraph';

// The access policy of schema/policy/ against the subgraphs as they are built: deny by
// default is only honest if every field is named, so a field without an entry fails here.
describe.each(subgraphModules.map((module) => [module.name, module] as const))('access policy of the %s subgraph', (_name, module) => {
  it('names every object type and field of the schema, and nothing else', async () => {
    const { schema } = await buildModuleSchema(module);
    expect(policyCoverageProblems(schema, subgraphPolicy(module.name, accessPolicy()))).toEqual([]);
  });

  it('has a database filter for every row scope it names, and no unused one', () => {
    expect(scopeCoverageProblems(subgraphPolicy(module.name, accessPolicy()), module.rowScopes)).toEqual([]);
  });
});

describe('access policy', () => {
  it('has one file per registered subgraph and no other', () => {
    expect(Object.keys(accessPolicy().subgraphs).sort()).toEqual(subgraphModules.map((m) => m.name).sort());
  });
});
