import { type FragmentDefinitionNode, type GraphQLSchema, isAbstractType, isObjectType, type OperationDefinitionNode } from 'graphql';
import { selectedFields } from '../selections';

/** A field as the shield keys its rules: the object type that resolves it, and its name. */
export interface FieldCoordinate {
  type: string;
  field: string;
}

/**
 * Every field an operation can make an object type resolve (see `selectedFields`). A
 * field selected on an interface counts for each object type implementing it, since the
 * shield keys its rules by object type. Returns null when a field cannot be placed on a
 * type of the schema or a spread names no fragment (never for a validated document), so
 * that the caller treats the operation as unknown.
 */
export function operationFields(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): FieldCoordinate[] | null {
  const { fields, complete } = selectedFields(schema, operation, (name) => fragments[name]);
  if (!complete) return null;
  const found = new Map<string, FieldCoordinate>();
  for (const { parent, name, known } of fields) {
    const owners = parent == null ? [] : isObjectType(parent) ? [parent] : isAbstractType(parent) ? schema.getPossibleTypes(parent) : [];
    if (owners.length === 0 || !known) return null;
    for (const owner of owners) found.set(`${owner.name}.${name}`, { type: owner.name, field: name });
  }
  return [...found.values()];
}
