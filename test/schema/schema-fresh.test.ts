import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph, schemaFiles } from '../../gateway/compose';
import { subgraphModules } from '../../subgraphs';

const SCHEMA_DIR = resolve(__dirname, '..', '..', 'schema');

function committed(file: string): string | undefined {
  try {
    return readFileSync(join(SCHEMA_DIR, file), 'utf8');
  } catch {
    return undefined;
  }
}

describe('committed schema files', () => {
  let expected: Map<string, string>;
  beforeAll(async () => {
    expected = schemaFiles(await composeSupergraph(subgraphModules));
  });

  it('match a fresh composition of the registered subgraphs (run npm run compose)', () => {
    const stale = [...expected].filter(([file, content]) => committed(file) !== content).map(([file]) => `schema/${file}`);
    expect(stale, `stale or missing: ${stale.join(', ')}; run npm run compose`).toEqual([]);
  });

  it('include one file per registered subgraph, the supergraph and the API schema', () => {
    const present = readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.graphql'));
    const names = [...subgraphModules.map((m) => `${m.name}.graphql`), 'supergraph.graphql', 'api.graphql'];
    expect(present, 'run npm run compose').toEqual(expect.arrayContaining(names));
  });

  it('route the supergraph to the default local ports', () => {
    const supergraph = expected.get('supergraph.graphql') ?? '';
    for (const module of subgraphModules) {
      expect(supergraph).toMatch(new RegExp(`@join__graph\\(name: "${module.name}", url: "http://localhost:40\\d\\d/graphql"\\)`));
    }
  });

  it('keep federation internals out of the API schema', () => {
    const api = expected.get('api.graphql') ?? '';
    expect(api).not.toMatch(/join__|link__|@link|_entities|_service|_Any|@key/);
    expect(api).toMatch(/^type Query \{/m);
  });
});
