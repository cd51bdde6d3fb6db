import { type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { deny, rule, shield } from 'graphql-shield';
import { type IRule, type IRules } from 'graphql-shield/typings/types';
import { forbidden } from '../errors';
import { type Caller } from '../identity';
import { type FieldPolicy, grantKey, type SubgraphPolicy } from './model';

interface PolicyContext {
  caller: Caller | null;
}

/**
 * One rule per distinct set of allowed (role, purpose) pairs. The rules read nothing
 * but the verified caller, so the `contextual` cache evaluates each once per request
 * however many rows a list holds.
 */
function ruleFor(field: FieldPolicy, rules: Map<string, IRule>) {
  const key = field.everyone ? '*' : [...field.allowed].sort().join(',');
  let found = rules.get(key);
  if (!found) {
    const name = `policy-${rules.size}`;
    found = field.everyone
      ? rule(name, { cache: 'contextual' })((_parent, _args, context: PolicyContext) => context.caller != null)
      : rule(name, { cache: 'contextual' })(
          (_parent, _args, context: PolicyContext) =>
            context.caller != null && field.allowed.has(grantKey(context.caller.role, context.caller.purpose)),
        );
    rules.set(key, found);
  }
  return found;
}

/** The refusal of one field: null in the data, a FORBIDDEN error at its path. No reason is given. */
export function fieldRefusal(info: GraphQLResolveInfo) {
  return forbidden(`Not allowed to read ${info.parentType.name}.${info.fieldName} for the declared role and purpose`);
}

/**
 * The graphql-shield rule tree of one subgraph, generated from its policy: every field
 * named in the policy gets the rule of its audiences; anything else falls to `deny`.
 */
export function policyRules(policy: SubgraphPolicy): IRules {
  const cache = new Map<string, IRule>();
  const tree: Record<string, Record<string, IRule>> = {};
  for (const type of Object.values(policy.types)) {
    tree[type.name] = Object.fromEntries(Object.entries(type.fields).map(([name, field]) => [name, ruleFor(field, cache)]));
  }
  return tree as unknown as IRules;
}

/**
 * Wraps a subgraph schema with the shield generated from its policy: `fallbackRule:
 * deny`, refusals as FORBIDDEN at the field's path, resolver errors (BAD_USER_INPUT,
 * NOT_FOUND, CONFLICT...) passed through unchanged.
 */
export function applyPolicy(schema: GraphQLSchema, policy: SubgraphPolicy): GraphQLSchema {
  const middleware = shield(policyRules(policy), {
    fallbackRule: deny,
    allowExternalErrors: true,
    debug: false,
    fallbackError: async (_thrown, _parent, _args, _context, info) => fieldRefusal(info),
  });
  return applyMiddleware(schema, middleware);
}
