import { type ConstDirectiveNode, type DocumentNode, Kind, parse, visit } from 'graphql';

const JOIN_GRAPH_ENUM = 'join__Graph';
const JOIN_GRAPH_DIRECTIVE = 'join__graph';

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((a) => a.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

/** The subgraphs a supergraph routes to, by name, with the URL written in it. */
export function subgraphUrlsOf(supergraph: DocumentNode): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const definition of supergraph.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== JOIN_GRAPH_ENUM) continue;
    for (const value of definition.values ?? []) {
      const directive = value.directives?.find((d) => d.name.value === JOIN_GRAPH_DIRECTIVE);
      const name = directive && stringArgument(directive, 'name');
      const url = directive && stringArgument(directive, 'url');
      if (name && url) urls[name] = url;
    }
  }
  return urls;
}

/**
 * Replaces the URLs in `@join__graph(name:, url:)` of the named subgraphs, so one
 * committed supergraph serves every deployment (the URLs come from the configuration).
 */
export function withSubgraphUrls(supergraph: DocumentNode, overrides: Readonly<Record<string, string>>): DocumentNode {
  return visit(supergraph, {
    Directive(node) {
      if (node.name.value !== JOIN_GRAPH_DIRECTIVE) return undefined;
      const name = stringArgument(node as ConstDirectiveNode, 'name');
      const url = name === undefined ? undefined : overrides[name];
      if (url === undefined) return undefined;
      return {
        ...node,
        arguments: node.arguments?.map((a) => (a.name.value === 'url' ? { ...a, value: { kind: Kind.STRING, value: url } } : a)),
      };
    },
  });
}

/** Parses a supergraph and applies the URL overrides. */
export function loadSupergraph(sdl: string, overrides: Readonly<Record<string, string>> = {}): { document: DocumentNode; urls: Record<string, string> } {
  const document = withSubgraphUrls(parse(sdl), overrides);
  return { document, urls: subgraphUrlsOf(document) };
}
