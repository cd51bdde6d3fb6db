import {
  type FragmentDefinitionNode,
  type GraphQLSchema,
  isAbstractType,
  isObjectType,
  type OperationDefinitionNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/** A field as the shield keys its rules: the object type that resolves it, and its name. */
export interface FieldCoordinate {
  type: string;
  field: string;
}

/**
 * Every field an operation can make an object type resolve: the fields of the operation
 * and of every fragment it spreads, directly or through other fragments. A field selected
 * on an interface counts for each object type implementing it, since the shield keys its
 * rules by object type. `@skip` and `@include` are ignored: a field counts if it can be
 * selected at all. Returns null when a field cannot be placed on a type of the schema
 * (never for a validated document), so that the caller treats the operation as unknown.
 */
export function operationFields(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): FieldCoordinate[] | null {
  const found = new Map<string, FieldCoordinate>();
  const pending: FragmentDefinitionNode[] = [];
  const seen = new Set<string>();
  let placed = true;
  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const name = node.name.value;
      if (name.startsWith('__')) return; // introspection meta-fields are not behind the shield
      const parent = typeInfo.getParentType();
      const owners = parent == null ? [] : isObjectType(parent) ? [parent] : isAbstractType(parent) ? schema.getPossibleTypes(parent) : [];
      if (owners.length === 0 || typeInfo.getFieldDef() == null) {
        placed = false;
        return;
      }
      for (const owner of owners) found.set(`${owner.name}.${name}`, { type: owner.name, field: name });
    },
    FragmentSpread(node) {
      const name = node.name.value;
      if (seen.has(name)) return;
      seen.add(name);
      const fragment = fragments[name];
      if (fragment) pending.push(fragment);
      else placed = false;
    },
  });
  visit(operation, visitor);
  for (let fragment = pending.pop(); fragment; fragment = pending.pop()) visit(fragment, visitor);
  return placed ? [...found.values()] : null;
}
