/**
 * What the generated matrix needs to know about the graph: the client-facing schema (to
 * select every field of a type), which subgraph owns each field (its policy decides it),
 * and the entity types with their key. Built from the SDL the running subgraphs serve.
 */
import {
  buildSchema,
  getNamedType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  parse,
  type GraphQLOutputType,
} from 'graphql';
import { composeSubgraphs } from '../../../gateway/compose';

export interface SchemaInfo {
  api: GraphQLSchema;
  /** `Type.field` -> the subgraphs that resolve it (not `@external`), in registry order. */
  owners: Map<string, string[]>;
  /** Entity types (a resolvable `@key` somewhere) -> the key field a selection asks for. */
  keys: Map<string, string>;
  /** `subgraph:Type` -> the key fields that subgraph declares for the type (resolvable or not). */
  localKeys: Map<string, string[]>;
}

/** The key a selection of a nested entity asks for (resolved by the subgraph that returned it). */
const PREFERRED_KEY: Record<string, string> = { Worker: 'id', Employer: 'fiscalCode', ServicePoint: 'code', PersonStatus: 'fiscalCode', MandatoryNotice: 'id' };

export function schemaInfo(subgraphs: readonly { name: string; sdl: string }[]): SchemaInfo {
  const composed = composeSubgraphs(subgraphs.map((s) => ({ ...s, url: `http://${s.name}.invalid/graphql` })));
  const api = buildSchema(composed.apiSdl);
  const owners = new Map<string, string[]>();
  const keys = new Map<string, string>();
  const localKeys = new Map<string, string[]>();
  for (const subgraph of subgraphs) {
    const document = parse(subgraph.sdl);
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      const node = definition as ObjectTypeDefinitionNode | ObjectTypeExtensionNode;
      const type = node.name.value;
      for (const directive of node.directives ?? []) {
        if (directive.name.value !== 'key') continue;
        const fields = directive.arguments?.find((a) => a.name.value === 'fields');
        const resolvable = directive.arguments?.find((a) => a.name.value === 'resolvable');
        if (fields?.value.kind === Kind.STRING) localKeys.set(`${subgraph.name}:${type}`, [...(localKeys.get(`${subgraph.name}:${type}`) ?? []), fields.value.value]);
        if (resolvable?.value.kind === Kind.BOOLEAN && !resolvable.value.value) continue;
        if (fields?.value.kind === Kind.STRING && !keys.has(type)) keys.set(type, PREFERRED_KEY[type] ?? fields.value.value.split(/\s+/)[0]!);
      }
      for (const field of node.fields ?? []) {
        if (field.directives?.some((d) => d.name.value === 'external')) continue;
        const key = `${type}.${field.name.value}`;
        owners.set(key, [...(owners.get(key) ?? []), subgraph.name]);
      }
    }
  }
  for (const [type, key] of Object.entries(PREFERRED_KEY)) if (keys.has(type)) keys.set(type, key);
  return { api, owners, keys, localKeys };
}

export function objectType(info: SchemaInfo, name: string): GraphQLObjectType {
  const type = info.api.getType(name);
  if (!type || !isObjectType(type)) throw new Error(`${name} is not an object type of the API schema`);
  return type;
}

/** Whether a field can be selected without arguments (none required without a default). */
export function selectable(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined);
}

export function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

export function namedType(type: GraphQLOutputType): GraphQLNamedType {
  return getNamedType(type);
}

/**
 * A selection of every field of a type: leaves as they are, value types expanded in full,
 * nested entities by their key only (the subgraph that returned them answers it, so a
 * nested entity costs no fetch and its own fields are checked by its own cases).
 * `narrow` replaces the selection of some `Type.field` (e.g. a list whose rows lie in
 * other people's scopes).
 */
export function selectAll(info: SchemaInfo, typeName: string, producer: string, narrow: Record<string, string> = {}, depth = 0): string {
  if (depth > 6) throw new Error(`selection of ${typeName} nests too deep`);
  const type = objectType(info, typeName);
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (!selectable(field)) continue;
    const narrowed = narrow[`${typeName}.${field.name}`];
    const inner = namedType(field.type);
    const owner = ownerOf(info, typeName, field.name, producer);
    if (narrowed !== undefined) parts.push(`${field.name} ${narrowed}`);
    else if (!isObjectType(inner)) parts.push(field.name);
    else if (info.keys.has(inner.name)) parts.push(`${field.name} { ${keyIn(info, owner, inner.name)} }`);
    else parts.push(`${field.name} { ${selectAll(info, inner.name, owner, narrow, depth + 1)} }`);
  }
  return parts.join(' ');
}

/** The subgraph that resolves `Type.field` for an object another subgraph returned: itself when it can. */
export function ownerOf(info: SchemaInfo, typeName: string, field: string, producer: string): string {
  const owners = info.owners.get(`${typeName}.${field}`);
  if (!owners?.length) throw new Error(`no subgraph resolves ${typeName}.${field}`);
  return owners.includes(producer) ? producer : owners[0]!;
}

/** A key of an entity that `subgraph` declares itself, so that selecting it costs no fetch. */
export function keyIn(info: SchemaInfo, subgraph: string, typeName: string): string {
  return info.localKeys.get(`${subgraph}:${typeName}`)?.[0] ?? info.keys.get(typeName)!;
}
