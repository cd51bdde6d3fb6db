import { Kind, parse, type ObjectTypeDefinitionNode, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { subgraphModules } from '../../subgraphs';
import { buildModuleSchema } from '../../subgraphs/lib/subgraph';

/** Types of a subgraph SDL with a resolvable @key (resolvable: false stubs excluded). */
function resolvableEntities(sdl: string): string[] {
  return parse(sdl)
    .definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION as never)
    .filter((d) => (d.directives ?? []).some((dir) => dir.name.value === 'key' && !/resolvable:\s*false/.test(print(dir))))
    .map((d) => d.name.value);
}

// Without a reference resolver @apollo/subgraph answers _entities with the caller's own
// representation, so invented field values would come back as if they were data
// (privacy.md §4.4, "representation forgery"). Every resolvable entity must load by key.
describe.each(subgraphModules.map((m) => [m.name, m] as const))('the %s subgraph', (_name, module) => {
  it('has a reference resolver for every resolvable entity type, and the schema keeps it', async () => {
    const { sdl, schema } = await buildModuleSchema(module);
    const entities = resolvableEntities(sdl);
    expect(entities.length).toBeGreaterThan(0);
    for (const name of entities) {
      expect(module.referenceResolvers[name]?.__resolveReference, `${module.name}: ${name} has no reference resolver`).toBeTypeOf('function');
      const type = schema.getType(name) as { resolveReference?: unknown; extensions?: { apollo?: { subgraph?: { resolveReference?: unknown } } } };
      expect(type.extensions?.apollo?.subgraph?.resolveReference ?? type.resolveReference, `${module.name}: ${name} lost its reference resolver`).toBeTypeOf('function');
    }
  });
});
