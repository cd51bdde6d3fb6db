import { composeServices } from '@theguild/federation-composition';
import { buildASTSchema, type GraphQLError, lexicographicSortSchema, parse, printSchema } from 'graphql';
import { accessMatrix } from '../subgraphs/lib/policy/access-matrix';
import { accessPolicy } from '../subgraphs/lib/policy/model';
import { DEFAULT_PORTS } from '../subgraphs/lib/config';
import { buildModuleSchema, type SubgraphModule } from '../subgraphs/lib/subgraph';

/** One subgraph as composition sees it: its name, its printed SDL and where it is served. */
export interface SubgraphDefinition {
  name: string;
  sdl: string;
  url: string;
}

/** The output of `npm run compose`: the file contents of `schema/`. */
export interface ComposedGraph {
  /** `schema/<name>.graphql`, in registry order. */
  subgraphs: { name: string; sdl: string }[];
  /** `schema/supergraph.graphql`: what the gateway plans queries with. */
  supergraphSdl: string;
  /** `schema/api.graphql`: the client-facing schema, without federation internals, sorted. */
  apiSdl: string;
}

/** Composition failed; `errors` holds every problem composition reported. */
export class CompositionError extends Error {
  constructor(readonly errors: readonly GraphQLError[]) {
    super(`Supergraph composition failed with ${errors.length} error(s):\n${errors.map(describeCompositionError).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/** One composition error on one line, with its code when composition gives one. */
export function describeCompositionError(error: GraphQLError): string {
  const code = error.extensions?.code;
  return `  - ${typeof code === 'string' ? `[${code}] ` : ''}${error.message}`;
}

/** Where a subgraph listens by default (`http://localhost:4001/graphql` for workers...). */
export function defaultSubgraphUrl(name: string): string {
  return `http://localhost:${DEFAULT_PORTS[name] ?? 4100}/graphql`;
}

function withTrailingNewline(text: string): string {
  return `${text.trimEnd()}\n`;
}

/**
 * Composes printed subgraph SDLs into a supergraph and the public API schema.
 * Synchronous and free of I/O, so tests can compose with the URLs of in-process servers.
 * @throws {@link CompositionError} listing every composition error
 */
export function composeSubgraphs(subgraphs: readonly SubgraphDefinition[]): ComposedGraph {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, typeDefs: parse(s.sdl), url: s.url })));
  if (result.errors) throw new CompositionError(result.errors);
  // Sorted so that the committed file changes only when the API does, not when code moves.
  const api = lexicographicSortSchema(buildASTSchema(result.publicDocumentNode));
  return {
    subgraphs: subgraphs.map((s) => ({ name: s.name, sdl: withTrailingNewline(s.sdl) })),
    supergraphSdl: withTrailingNewline(result.supergraphSdl),
    apiSdl: withTrailingNewline(printSchema(api)),
  };
}

/**
 * Builds every module's subgraph SDL and composes them.
 * @param modules the registered subgraphs (`subgraphModules`)
 * @param urls where each subgraph is served; defaults to {@link defaultSubgraphUrl}
 */
export async function composeSupergraph(
  modules: readonly SubgraphModule[],
  urls: Readonly<Record<string, string>> = {},
): Promise<ComposedGraph> {
  const definitions: SubgraphDefinition[] = [];
  for (const module of modules) {
    const { sdl } = await buildModuleSchema(module);
    definitions.push({ name: module.name, sdl, url: urls[module.name] ?? defaultSubgraphUrl(module.name) });
  }
  return composeSubgraphs(definitions);
}

/** The files `npm run compose` writes, relative to `schema/`, with their contents. */
export function schemaFiles(graph: ComposedGraph): Map<string, string> {
  const files = new Map<string, string>();
  for (const subgraph of graph.subgraphs) files.set(`${subgraph.name}.graphql`, subgraph.sdl);
  files.set('supergraph.graphql', graph.supergraphSdl);
  files.set('api.graphql', graph.apiSdl);
  files.set('ACCESS.md', accessMatrix(accessPolicy(), graph.subgraphs));
  return files;
}
