import { describe, expect, it } from 'vitest';
import { CompositionError, composeSubgraphs } from '../../gateway/compose';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])';

describe('composition', () => {
  it('reports every composition error, each on its own line with its code', () => {
    const a = `${LINK}\ntype Query { a: Money b: Label }\ntype Money { amount: Int }\ntype Label { text: String }`;
    const b = `${LINK}\ntype Query { c: Money d: Label }\ntype Money { amount: Int }\ntype Label { text: String }`;
    let error: unknown;
    try {
      composeSubgraphs([
        { name: 'alpha', sdl: a, url: 'http://localhost:4001/graphql' },
        { name: 'beta', sdl: b, url: 'http://localhost:4002/graphql' },
      ]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CompositionError);
    const { errors, message } = error as CompositionError;
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(message).toContain('"Money.amount"');
    expect(message).toContain('"Label.text"');
    expect(message.split('\n').filter((l) => l.startsWith('  - [INVALID_FIELD_SHARING]'))).toHaveLength(2);
  });

  it('writes a sorted API schema without federation internals, ending with a newline', () => {
    const sdl = `${LINK}\ntype Query { zeta: Item alpha: Int }\ntype Item @key(fields: "id") { id: ID! name: String }`;
    const graph = composeSubgraphs([{ name: 'only', sdl, url: 'http://localhost:4001/graphql' }]);
    expect(graph.apiSdl).toBe('type Item {\n  id: ID!\n  name: String\n}\n\ntype Query {\n  alpha: Int\n  zeta: Item\n}\n');
    expect(graph.supergraphSdl).toContain('@join__graph(name: "only", url: "http://localhost:4001/graphql")');
    expect(graph.supergraphSdl.endsWith('}\n')).toBe(true);
    expect(graph.subgraphs).toEqual([{ name: 'only', sdl: `${sdl}\n` }]);
  });
});
