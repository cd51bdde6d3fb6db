import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { type GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type DocumentNode, type GraphQLSchema, Kind, parse } from 'graphql';
import { buildSchema, type BuildSchemaOptions, createResolversMap } from 'type-graphql';

/** Federation 2 version and directives every subgraph imports. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", ' +
  'import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])';

/** Descriptions of the root types, the same in every subgraph (type-graphql cannot set them). */
export const ROOT_DESCRIPTIONS: Record<string, string> = {
  Query: 'Entry points for reading the labour graph. Every field is released only to the roles and purposes the access policy allows.',
  Mutation: 'Entry points for writing to the labour graph. Each mutation validates its input and its state transition, and writes nothing when either is refused.',
};

function describeRootTypes(document: DocumentNode): DocumentNode {
  return {
    ...document,
    definitions: document.definitions.map((definition) =>
      definition.kind === Kind.OBJECT_TYPE_DEFINITION && !definition.description && ROOT_DESCRIPTIONS[definition.name.value]
        ? { ...definition, description: { kind: Kind.STRING, value: ROOT_DESCRIPTIONS[definition.name.value]!, block: true } }
        : definition,
    ),
  };
}

/** Resolvers for `_entities`, keyed by type name. */
export type ReferenceResolvers = Record<
  string,
  { __resolveReference: (reference: never, context: never, info: never) => unknown }
>;

export interface FederatedSchemaOptions {
  resolvers: BuildSchemaOptions['resolvers'];
  orphanedTypes?: BuildSchemaOptions['orphanedTypes'];
  referenceResolvers: ReferenceResolvers;
}

export interface FederatedSchema {
  /** The executable subgraph schema (with `_service` and `_entities`). */
  schema: GraphQLSchema;
  /** The subgraph SDL as composition sees it (`schema/<name>.graphql`). */
  sdl: string;
}

/**
 * Builds a Federation 2 subgraph from type-graphql classes, keeping every directive.
 * type-graphql's own printer drops directives (and `@key` with them), so the schema is
 * printed with graphql-tools and rebuilt by `buildSubgraphSchema`.
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<FederatedSchema> {
  const typeGraphQLSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    skipCheck: true,
    validate: false,
    emitSchemaFile: false,
  });
  const resolvers = createResolversMap(typeGraphQLSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(options.referenceResolvers)) {
    const existing = (resolvers[typeName] ?? {}) as Record<string, unknown>;
    resolvers[typeName] = { ...existing, ...reference } as GraphQLResolverMap<unknown>[string];
  }
  const typeDefs = describeRootTypes(parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeGraphQLSchema)}`));
  const schema = buildSubgraphSchema({ typeDefs, resolvers });
  return { schema, sdl: printSubgraphSchema(schema) };
}
