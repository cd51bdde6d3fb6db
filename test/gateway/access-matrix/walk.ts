/**
 * Checks one gateway answer against the access policy, field by field: walks the
 * operation's selection over the answer and, for every field of every object present,
 * decides what the policy and the row scopes say it must be, then compares.
 *
 * - `RELEASED`: no error at the field; its value equals the data set's where a mapper
 *   knows it; an entity it leads to is there when that row is in the caller's scope, and
 *   not there (null, or left out of the list) when it is not.
 * - `FORBIDDEN`: the field is null and an error with `extensions.code` FORBIDDEN names
 *   exactly its path.
 * - `ABSENT`: the object the field belongs to is not a row for the caller in the subgraph
 *   that resolves the field (no row of the type for the role, or outside its scope), so
 *   the field is null with no error.
 *
 * Any error the walk did not expect is a finding too.
 */
import { type FieldNode, type GraphQLObjectType, isObjectType, Kind, type OperationDefinitionNode, parse, type SelectionSetNode } from 'graphql';
import { type AccessPolicy, grantKey } from '../../../subgraphs/lib/policy/model';
import { isList, namedType, objectType, ownerOf, type SchemaInfo } from './schema-info';
import { keyValue, LEAF, RELATIONS, sameValue, SKIP } from './values';
import { type Profile, type World, type WorldRecord } from './world';

export type Outcome = 'RELEASED' | 'FORBIDDEN' | 'ABSENT';

export interface GraphQLErrorLike {
  message: string;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

/** One asserted field: who, which field, what was expected. */
export interface Checked {
  profile: string;
  field: string;
  outcome: Outcome;
}

export interface WalkEnv {
  info: SchemaInfo;
  policy: AccessPolicy;
  world: World;
}

export interface WalkResult {
  findings: string[];
  checked: Checked[];
}

/** The row scope `subgraph` applies to the role for a type: undefined when the type has no rows there (a value type or a stub). */
function rowsOf(env: WalkEnv, subgraph: string, type: string, profile: Profile): { none: boolean; scope?: string } {
  const rows = env.policy.subgraphs[subgraph]?.types[type]?.rows;
  if (!rows) return { none: false };
  const scope = rows[profile.role];
  return scope ? { none: false, scope } : { none: true };
}

/** Whether a row of `type` exists for the caller in `subgraph` (its policy's scope for the role, read by the oracle). */
export function rowVisible(env: WalkEnv, profile: Profile, subgraph: string, type: string, record: WorldRecord | undefined): boolean {
  const rows = rowsOf(env, subgraph, type, profile);
  if (rows.none) return false;
  if (!rows.scope || !record) return true;
  return env.world.inScope(profile, type, record, rows.scope, subgraph);
}

/** What the policy says about one field of an object another subgraph (`producer`) returned. */
export function fieldOutcome(env: WalkEnv, profile: Profile, type: string, field: string, producer: string, record: WorldRecord | undefined): { outcome: Outcome; owner: string; why: string } {
  const owner = ownerOf(env.info, type, field, producer);
  if (owner !== producer && !rowVisible(env, profile, owner, type, record)) {
    return { outcome: 'ABSENT', owner, why: `${owner} has no ${type} row for the caller` };
  }
  const policy = env.policy.subgraphs[owner]?.types[type]?.fields[field];
  if (!policy) return { outcome: 'FORBIDDEN', owner, why: `no policy entry for ${owner} ${type}.${field}` };
  return policy.allowed.has(grantKey(profile.role, profile.purpose))
    ? { outcome: 'RELEASED', owner, why: `${owner} grants ${type}.${field}` }
    : { outcome: 'FORBIDDEN', owner, why: `${owner} does not grant ${type}.${field}` };
}

const show = (v: unknown) => (v === undefined ? 'undefined' : JSON.stringify(v)?.slice(0, 160));
const pathText = (path: readonly (string | number)[]) => path.join('.');

interface Walker {
  env: WalkEnv;
  profile: Profile;
  errors: GraphQLErrorLike[];
  used: Set<GraphQLErrorLike>;
  result: WalkResult;
}

function errorsAt(w: Walker, path: readonly (string | number)[], below = false): GraphQLErrorLike[] {
  const text = pathText(path);
  return w.errors.filter((e) => {
    const at = pathText(e.path ?? []);
    return at === text || (below && at.startsWith(`${text}.`));
  });
}

function finding(w: Walker, path: readonly (string | number)[], message: string): void {
  w.result.findings.push(`${w.profile.id} at ${pathText(path)}: ${message}`);
}

/**
 * Walks `selection` on the object `value` of `type`, returned by `producer`, whose data-set
 * row is `record` (undefined when the walk does not know it).
 */
function walkObject(
  w: Walker,
  type: GraphQLObjectType,
  selection: SelectionSetNode,
  value: Record<string, unknown>,
  path: (string | number)[],
  producer: string,
  record: WorldRecord | undefined,
  index?: number,
): void {
  for (const node of selection.selections) {
    if (node.kind !== Kind.FIELD) throw new Error('the matrix uses plain field selections only');
    walkField(w, type, node, value, path, producer, record, index);
  }
}

function walkField(
  w: Walker,
  type: GraphQLObjectType,
  node: FieldNode,
  parent: Record<string, unknown>,
  parentPath: (string | number)[],
  producer: string,
  record: WorldRecord | undefined,
  index?: number,
): void {
  const name = node.name.value;
  if (name === '__typename') return;
  const alias = node.alias?.value ?? name;
  const field = type.getFields()[name];
  if (!field) throw new Error(`${type.name}.${name} is not in the API schema`);
  const path = [...parentPath, alias];
  const actual = parent[alias];
  const { outcome, owner, why } = fieldOutcome(w.env, w.profile, type.name, name, producer, record);
  w.result.checked.push({ profile: w.profile.id, field: `${type.name}.${name}`, outcome });
  const here = errorsAt(w, path);

  if (outcome === 'FORBIDDEN') {
    const forbidden = here.find((e) => e.extensions?.code === 'FORBIDDEN');
    if (actual !== null) finding(w, path, `expected null + FORBIDDEN (${why}), got the value ${show(actual)}`);
    if (!forbidden) finding(w, path, `expected a FORBIDDEN error at this path (${why}); errors here: ${show(here.map((e) => e.extensions?.code))}`);
    here.forEach((e) => e.extensions?.code === 'FORBIDDEN' && w.used.add(e));
    return;
  }
  if (outcome === 'ABSENT') {
    const anyError = errorsAt(w, path, true);
    if (actual !== null && actual !== undefined) finding(w, path, `expected null with no error (${why}), got ${show(actual)}`);
    if (anyError.length) finding(w, path, `expected no error (${why}), got ${show(anyError.map((e) => [e.extensions?.code, e.message]))}`);
    return;
  }
  // RELEASED
  if (here.length) finding(w, path, `expected the field released (${why}), got errors ${show(here.map((e) => [e.extensions?.code, e.message]))}`);
  here.forEach((e) => w.used.add(e));
  const key = `${type.name}.${name}`;
  const inner = namedType(field.type);
  if (!isObjectType(inner)) {
    const mapper = LEAF[key];
    if (mapper && record) {
      const expected = mapper({ record, world: w.env.world, index, parent });
      if (expected !== SKIP && !sameValue(actual, expected)) finding(w, path, `expected the data-set value ${show(expected)}, got ${show(actual)}`);
    }
    return;
  }
  if (!node.selectionSet) throw new Error(`${key} needs a selection`);
  const relation = RELATIONS[key];
  const isEntity = w.env.info.keys.has(inner.name);
  const childType = objectType(w.env.info, inner.name);
  if (isList(field.type)) {
    if (actual === null || actual === undefined) {
      if (relation && record) {
        const rows = (relation.rows(record, w.env.world) as WorldRecord[]).filter((r) => rowVisible(w.env, w.profile, owner, inner.name, r));
        if (rows.length) finding(w, path, `expected ${rows.length} row(s) in scope, got ${show(actual)}`);
      }
      return;
    }
    const list = actual as Record<string, unknown>[];
    let expectedRows: WorldRecord[] | undefined;
    let keyField: string | undefined;
    if (relation && record && isEntity) {
      keyField = (node.selectionSet.selections.find((s) => s.kind === Kind.FIELD && w.env.info.localKeys.get(`${owner}:${inner.name}`)?.includes((s as FieldNode).name.value)) as FieldNode | undefined)?.name.value;
      if (keyField) {
        const all = relation.rows(record, w.env.world) as WorldRecord[];
        expectedRows = all.filter((r) => rowVisible(w.env, w.profile, owner, inner.name, r));
        const want = expectedRows.map((r) => String(keyValue(inner.name, keyField!, r))).sort();
        const got = list.map((item) => String(item?.[keyField!])).sort();
        if (JSON.stringify(want) !== JSON.stringify(got)) {
          const leaked = got.filter((k) => !want.includes(k));
          finding(w, path, `expected the ${want.length} row(s) in the caller's scope ${show(want)}, got ${show(got)}${leaked.length ? ` (out of scope or unknown: ${show(leaked)})` : ''}`);
        }
      }
    }
    list.forEach((item, i) => {
      if (item === null) return;
      let childRecord: WorldRecord | undefined = isEntity ? undefined : record;
      if (expectedRows && keyField) childRecord = expectedRows.find((r) => String(keyValue(inner.name, keyField!, r)) === String(item[keyField!]));
      walkObject(w, childType, node.selectionSet!, item, [...path, i], owner, childRecord, isEntity ? undefined : i);
    });
    return;
  }
  // a single object
  let childRecord: WorldRecord | undefined = isEntity ? undefined : record;
  if (relation && record) {
    const target = relation.rows(record, w.env.world) as WorldRecord | null;
    const visible = target !== null && rowVisible(w.env, w.profile, owner, inner.name, target);
    if (!visible && actual !== null) finding(w, path, target ? `expected null: the ${inner.name} is outside the caller's scope, got ${show(actual)}` : `expected null (no such row in the data set), got ${show(actual)}`);
    if (visible && actual === null) finding(w, path, `expected the ${inner.name} in the caller's scope, got null`);
    childRecord = visible ? target! : undefined;
  }
  if (actual === null || actual === undefined) return;
  walkObject(w, childType, node.selectionSet, actual as Record<string, unknown>, path, owner, childRecord);
}

/**
 * Checks an answer to `operation` (one query, plain field selections) for `profile`. The
 * root field's row is `root` (the data-set row the variables name), or undefined when the
 * walk should not judge which row the root field returns.
 */
export function checkAnswer(
  env: WalkEnv,
  profile: Profile,
  operation: string,
  answer: { data?: Record<string, unknown> | null; errors?: GraphQLErrorLike[] },
  root: { type: string; record: WorldRecord | null } | undefined,
): WalkResult {
  const result: WalkResult = { findings: [], checked: [] };
  const w: Walker = { env, profile, errors: answer.errors ?? [], used: new Set(), result };
  const document = parse(operation);
  const op = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const queryType = env.info.api.getQueryType()!;
  const data = answer.data ?? {};
  if (!answer.data) result.findings.push(`${profile.id}: the answer has no data (${show(answer.errors)})`);
  for (const node of op.selectionSet.selections) {
    if (node.kind !== Kind.FIELD) throw new Error('plain field selections only');
    const name = node.name.value;
    const alias = node.alias?.value ?? name;
    const owner = (env.info.owners.get(`Query.${name}`) ?? [])[0]!;
    const policy = env.policy.subgraphs[owner]?.types.Query?.fields[name];
    const granted = !!policy?.allowed.has(grantKey(profile.role, profile.purpose));
    const path = [alias];
    const actual = data[alias];
    result.checked.push({ profile: profile.id, field: `Query.${name}`, outcome: granted ? 'RELEASED' : 'FORBIDDEN' });
    const here = errorsAt(w, path);
    if (!granted) {
      if (actual !== null) finding(w, path, `expected null + FORBIDDEN (Query.${name} not granted), got ${show(actual)}`);
      if (!here.some((e) => e.extensions?.code === 'FORBIDDEN')) finding(w, path, `expected a FORBIDDEN error; errors here: ${show(here.map((e) => e.extensions?.code))}`);
      here.forEach((e) => e.extensions?.code === 'FORBIDDEN' && w.used.add(e));
      continue;
    }
    if (here.length) finding(w, path, `expected Query.${name} released, got errors ${show(here.map((e) => [e.extensions?.code, e.message]))}`);
    here.forEach((e) => w.used.add(e));
    const fieldType = queryType.getFields()[name]!.type;
    const inner = namedType(fieldType);
    if (!isObjectType(inner) || !node.selectionSet) continue;
    let record: WorldRecord | undefined;
    if (root) {
      const visible = root.record !== null && rowVisible(env, profile, owner, root.type, root.record);
      if (!visible) {
        const anyError = errorsAt(w, path, true);
        if (actual !== null) finding(w, path, `expected no row (outside the caller's scope), got ${show(actual)}`);
        if (anyError.length) finding(w, path, `expected no error for a row outside the scope, got ${show(anyError.map((e) => [e.extensions?.code, e.message]))}`);
        anyError.forEach((e) => w.used.add(e));
        result.checked.push({ profile: profile.id, field: `${root.type}(row)`, outcome: 'ABSENT' });
        continue;
      }
      if (actual === null) {
        finding(w, path, `expected the ${root.type} in the caller's scope, got null`);
        continue;
      }
      record = root.record!;
    }
    if (actual === null || actual === undefined) continue;
    if (isList(fieldType)) {
      (actual as Record<string, unknown>[]).forEach((item, i) => walkObject(w, inner, node.selectionSet!, item, [alias, i], owner, undefined));
    } else {
      walkObject(w, inner, node.selectionSet, actual as Record<string, unknown>, path, owner, record);
    }
  }
  for (const error of w.errors) {
    if (!w.used.has(error)) result.findings.push(`${profile.id}: unexpected error at ${pathText(error.path ?? [])}: ${error.extensions?.code} ${error.message}`);
  }
  return result;
}
