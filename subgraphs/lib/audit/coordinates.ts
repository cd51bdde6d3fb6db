import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  type FieldNode,
} from 'graphql';
import { fragmentsOf, selectedFields, selectOperation } from '../selections';


/**
 * Every schema coordinate (`Type.field`) the operation selects, fragments included,
 * sorted; meta fields (`__typename`) left out. A field selected on an interface is
 * named on the interface.
 */
export function selectedCoordinates(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): string[] {
  const operation = selectOperation(document, operationName);
  if (!operation) return [];
  const fragments = fragmentsOf(document);
  const { fields } = selectedFields(schema, operation, (name) => fragments.get(name));
  return [...new Set(fields.filter((f) => f.parent).map((f) => `${f.parent!.name}.${f.name}`))].sort();
}

function fieldOf(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields()[name] : undefined;
}

/** Field nodes answering `key` in a selection set, with the type each is selected on. */
function fieldsAt(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  type: GraphQLCompositeType,
  key: string,
  fragments: Map<string, FragmentDefinitionNode>,
  seen: Set<string> = new Set(),
): { node: FieldNode; parent: GraphQLCompositeType }[] {
  const found: { node: FieldNode; parent: GraphQLCompositeType }[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if ((selection.alias?.value ?? selection.name.value) === key) found.push({ node: selection, parent: type });
      continue;
    }
    const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
    if (!fragment || (selection.kind === Kind.FRAGMENT_SPREAD && seen.has(selection.name.value))) continue;
    if (selection.kind === Kind.FRAGMENT_SPREAD) seen.add(selection.name.value);
    const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : type;
    if (!condition || !isCompositeType(condition)) continue;
    found.push(...fieldsAt(schema, fragment.selectionSet, condition, key, fragments, seen));
  }
  return found;
}

/**
 * The schema coordinate of a response path (`['worker', 'birthDate']` →
 * `Worker.birthDate`; list indexes skipped, aliases followed). When fragments on
 * several types of an abstract field answer the same key, the first one is named.
 * Null when the path does not lead to a field of the operation.
 */
export function coordinateOfPath(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  path: readonly (string | number)[],
): string | null {
  const operation = selectOperation(document, operationName);
  const root = operation ? schema.getRootType(operation.operation) : undefined;
  if (!operation || !root) return null;
  const fragments = fragmentsOf(document);
  let selectionSets: SelectionSetNode[] = [operation.selectionSet];
  let type: GraphQLCompositeType = root;
  let coordinate: string | null = null;
  for (const segment of path) {
    if (typeof segment === 'number') continue;
    const matches = selectionSets.flatMap((set) => fieldsAt(schema, set, type, segment, fragments));
    const match = matches.find((m) => fieldOf(m.parent, m.node.name.value));
    if (!match) return null;
    const field = fieldOf(match.parent, match.node.name.value)!;
    coordinate = `${match.parent.name}.${field.name}`;
    const next = getNamedType(field.type);
    selectionSets = matches.filter((m) => m.parent === match.parent && m.node.selectionSet).map((m) => m.node.selectionSet!);
    if (!isCompositeType(next)) {
      type = match.parent;
      continue;
    }
    type = next;
  }
  return coordinate;
}

/** The coordinates the operation selects, minus those refused: what the response released. */
export function releasedCoordinates(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  refused: Iterable<string>,
): string[] {
  const excluded = new Set(refused);
  return selectedCoordinates(schema, document, operationName).filter((c) => !excluded.has(c));
}
