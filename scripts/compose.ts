import 'reflect-metadata';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CompositionError, composeSupergraph, schemaFiles } from '../gateway/compose';
import { subgraphModules } from '../subgraphs';

/**
 * `npm run compose`: prints every registered subgraph's SDL, composes them and writes
 * `schema/<subgraph>.graphql`, `schema/supergraph.graphql` and `schema/api.graphql`.
 * The supergraph names the default local URLs (ports 4001-4004); the gateway replaces
 * them at run time from its configuration. Fails, listing every composition error,
 * without touching the committed files.
 */
const SCHEMA_DIR = resolve(__dirname, '..', '..', 'schema');

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

async function main(): Promise<void> {
  const graph = await composeSupergraph(subgraphModules);
  mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const [file, content] of schemaFiles(graph)) {
    const path = join(SCHEMA_DIR, file);
    const changed = readOrEmpty(path) !== content;
    if (changed) writeFileSync(path, content);
    process.stdout.write(`schema/${file}${changed ? ' written' : ' unchanged'}\n`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof CompositionError) {
    process.stderr.write(`${error.message}\nNothing was written.\n`);
  } else {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
});
