import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';

/** The operation a request executes: the named one, or the only one. */
export function selectOperation(document: DocumentNode, operationName?: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/** The fragment definitions of a document, by name. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return fragments;
}

/** One field an operation selects: the type it is selected on, its name, and whether that type has it. */
export interface SelectedField {
  parent: GraphQLCompositeType | null;
  name: string;
  known: boolean;
}

/**
 * Every field an operation selects, in the operation and in every fragment it spreads,
 * directly or through other fragments; meta fields (`__typename`) left out. `@skip` and
 * `@include` are ignored: a field counts if it can be selected at all. `complete` is false
 * when a spread names a fragment the document does not define (never in a validated one).
 */
export function selectedFields(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragmentNamed: (name: string) => FragmentDefinitionNode | undefined,
): { fields: SelectedField[]; complete: boolean } {
  const used = new Map<string, FragmentDefinitionNode>();
  let complete = true;
  const queue: SelectionSetNode[] = [operation.selectionSet];
  while (queue.length > 0) {
    visit(queue.pop()!, {
      FragmentSpread(node) {
        const name = node.name.value;
        if (used.has(name)) return;
        const fragment = fragmentNamed(name);
        if (!fragment) {
          complete = false;
          return;
        }
        used.set(name, fragment);
        queue.push(fragment.selectionSet);
      },
    });
  }
  const fields: SelectedField[] = [];
  const typeInfo = new TypeInfo(schema);
  const scoped: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...used.values()] };
  visit(
    scoped,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (node.name.value.startsWith('__')) return;
        fields.push({ parent: typeInfo.getParentType() ?? null, name: node.name.value, known: typeInfo.getFieldDef() != null });
      },
    }),
  );
  return { fields, complete };
}
