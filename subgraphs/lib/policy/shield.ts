import {
  defaultFieldResolver,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  isIntrospectionType,
  isObjectType,
  type OperationDefinitionNode,
} from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { deny, rule, shield } from 'graphql-shield';
import { type IRule, type IRules } from 'graphql-shield/typings/types';
import { forbidden } from '../errors';
import { type Caller } from '../identity';
import { type FieldPolicy, grantKey, type SubgraphPolicy } from './model';
import { operationFields } from './operation';

interface PolicyContext {
  caller: Caller | null;
}

/**
 * Whether the policy lets a caller read a field: the one decision behind both the
 * generated shield rules and the per-operation check below. A field the policy does not
 * name (undefined) is refused, as the shield's fallback rule refuses it.
 */
export function fieldAllowed(field: FieldPolicy | undefined, caller: Caller | null): boolean {
  if (field == null || caller == null) return false;
  return field.everyone || field.allowed.has(grantKey(caller.role, caller.purpose));
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
    found = rule(`policy-${rules.size}`, { cache: 'contextual' })((_parent, _args, context: PolicyContext) => fieldAllowed(field, context.caller));
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
 * Whether a caller may read every field an operation can select. Cached per parsed
 * operation (Apollo Server keeps parsed documents, so a client's repeated query is walked
 * once) and per (role, purpose), the only inputs of the decision.
 */
function operationCheck(policy: SubgraphPolicy) {
  const decisions = new WeakMap<OperationDefinitionNode, Map<string, boolean>>();
  return (caller: Caller | null, info: GraphQLResolveInfo): boolean => {
    if (caller == null) return false;
    let byGrant = decisions.get(info.operation);
    if (!byGrant) decisions.set(info.operation, (byGrant = new Map()));
    const key = grantKey(caller.role, caller.purpose);
    let allowed = byGrant.get(key);
    if (allowed === undefined) {
      const fields = operationFields(info.schema, info.operation, info.fragments);
      allowed = fields != null && fields.every(({ type, field }) => fieldAllowed(policy.types[type]?.fields[field], caller));
      byGrant.set(key, allowed);
    }
    return allowed;
  };
}

const DECISION = Symbol('policy decision of the operation');

interface DecidedContext extends PolicyContext {
  [DECISION]?: { operation: OperationDefinitionNode; caller: Caller | null; allowed: boolean };
}

/**
 * Wraps a subgraph schema with the shield generated from its policy: `fallbackRule:
 * deny`, refusals as FORBIDDEN at the field's path, resolver errors (BAD_USER_INPUT,
 * NOT_FOUND, CONFLICT...) passed through unchanged.
 *
 * The shield's middleware turns every field into a promise, which on a list of 500 rows
 * halved throughput. Since every decision depends only on the field and the caller's
 * (role, purpose), the operation is checked once, with the same decision function, the
 * first time one of its fields resolves: when the caller may read every field it can
 * select, the shield would let each of them through, so the fields resolve with their own
 * resolvers; otherwise every field goes through the shield, which refuses field by field.
 */
export function applyPolicy(schema: GraphQLSchema, policy: SubgraphPolicy): GraphQLSchema {
  const middleware = shield(policyRules(policy), {
    fallbackRule: deny,
    allowExternalErrors: true,
    debug: false,
    fallbackError: async (_thrown, _parent, _args, _context, info) => fieldRefusal(info),
  });
  const shielded = applyMiddleware(schema, middleware);
  const check = operationCheck(policy);
  const allowed = (context: DecidedContext, info: GraphQLResolveInfo) => {
    const decided = context[DECISION];
    if (decided && decided.operation === info.operation && decided.caller === context.caller) return decided.allowed;
    const fresh = { operation: info.operation, caller: context.caller, allowed: check(context.caller, info) };
    context[DECISION] = fresh;
    return fresh.allowed;
  };
  for (const type of Object.values(shielded.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const own = schema.getType(type.name);
    if (!isObjectType(own)) continue;
    const ownFields = own.getFields();
    for (const field of Object.values(type.getFields())) {
      const guarded = field.resolve;
      if (!guarded) continue;
      const bare: GraphQLFieldResolver<unknown, DecidedContext> = ownFields[field.name]?.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, context: DecidedContext, info) =>
        allowed(context, info) ? bare(parent, args, context, info) : guarded(parent, args, context, info);
    }
  }
  return shielded;
}
