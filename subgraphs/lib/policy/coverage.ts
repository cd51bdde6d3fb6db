import { getNullableType, type GraphQLSchema, isNonNullType, isObjectType } from 'graphql';
import { Role } from '../identity';
import { type SubgraphPolicy } from './model';

/** Object types of a subgraph schema that the policy must cover (introspection types excluded). */
export function policedTypes(schema: GraphQLSchema) {
  return Object.values(schema.getTypeMap()).filter((type) => isObjectType(type) && !type.name.startsWith('__'));
}

/**
 * Every way a subgraph schema and its policy disagree:
 * - an object type or field of the schema without a policy entry (it would be denied to
 *   everyone by `fallbackRule: deny`, silently);
 * - a policy entry naming a type or field the schema does not have;
 * - a restricted field (not readable by every caller) that is non-null, so a refusal
 *   would null its parent instead of itself;
 * - a field granted to a role that sees no row of its type (a grant that can never apply).
 */
export function policyCoverageProblems(schema: GraphQLSchema, policy: SubgraphPolicy): string[] {
  const problems: string[] = [];
  const where = policy.name;
  const types = policedTypes(schema);
  const typeNames = new Set(types.map((t) => t.name));
  for (const type of types) {
    if (!isObjectType(type)) continue;
    const typePolicy = policy.types[type.name];
    if (!typePolicy) {
      problems.push(`${where}: type ${type.name} has no policy entry`);
      continue;
    }
    const fields = type.getFields();
    for (const [name, field] of Object.entries(fields)) {
      const fieldPolicy = typePolicy.fields[name];
      if (!fieldPolicy) {
        problems.push(`${where}: field ${type.name}.${name} has no policy entry`);
        continue;
      }
      if (!fieldPolicy.everyone && isNonNullType(field.type)) {
        problems.push(`${where}: ${type.name}.${name} is restricted but non-null (${String(field.type)}); make it ${String(getNullableType(field.type))}`);
      }
      if (!fieldPolicy.everyone && typePolicy.rows) {
        for (const key of fieldPolicy.allowed) {
          const role = key.split(' ')[0] as Role;
          if (!typePolicy.rows[role]) problems.push(`${where}: ${type.name}.${name} is granted to ${role}, which sees no ${type.name} rows`);
        }
      }
    }
    for (const name of Object.keys(typePolicy.fields)) {
      if (!fields[name]) problems.push(`${where}: policy names ${type.name}.${name}, which the schema does not have`);
    }
  }
  for (const name of Object.keys(policy.types)) {
    if (!typeNames.has(name)) problems.push(`${where}: policy names type ${name}, which the schema does not have`);
  }
  return [...new Set(problems)];
}
