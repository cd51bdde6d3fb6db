import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { Purpose, Role } from '../identity';

/**
 * The access policy (architecture.md §5): one declarative description, in
 * `schema/policy/`, of which (role, purpose) pairs may read every field of every
 * subgraph and which row scope applies to each role on each type. The graphql-shield
 * rules of the subgraphs, the row filters' choice and `schema/ACCESS.md` all come from
 * it. Nothing is allowed that it does not name.
 *
 * Files:
 * - `audiences.yaml`: named sets of (role, purpose) pairs;
 * - `scopes.yaml`: the row scopes, each with its meaning;
 * - `<subgraph>.yaml`: for every object type of that subgraph, its row scopes per role
 *   (`rows`, absent for types that are not rows of their own) and, for every field, the
 *   audiences or `ROLE PURPOSE` pairs that may read it.
 */

/** One (role, purpose) pair, e.g. `CPI_OPERATOR EMPLOYMENT_SERVICES`. */
export interface Grant {
  role: Role;
  purpose: Purpose;
}

/** A named set of grants. `anyone` is every verified caller, whatever its role and purpose. */
export interface Audience {
  name: string;
  description: string;
  /** Every grant of the audience; for `anyone` the full cross product. */
  grants: Grant[];
  everyone: boolean;
}

export interface ScopeDefinition {
  name: string;
  description: string;
}

export interface FieldPolicy {
  /** Audience names and single `ROLE PURPOSE` pairs, as written. */
  entries: string[];
  /** Keys `ROLE PURPOSE` of every pair allowed. */
  allowed: ReadonlySet<string>;
  /** True when every verified caller may read it (no field-level restriction). */
  everyone: boolean;
}

export interface TypePolicy {
  name: string;
  subgraph: string;
  description?: string;
  /** Row scope per role; a role absent here sees no row of the type. Undefined: not a row type. */
  rows?: Partial<Record<Role, string>>;
  fields: Record<string, FieldPolicy>;
}

export interface SubgraphPolicy {
  name: string;
  types: Record<string, TypePolicy>;
}

export interface AccessPolicy {
  audiences: Record<string, Audience>;
  scopes: Record<string, ScopeDefinition>;
  subgraphs: Record<string, SubgraphPolicy>;
}

/** The policy files are invalid; the message lists every problem with its file and path. */
export class PolicyError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid access policy:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PolicyError';
  }
}

/** The scope every row type grants without restriction. */
export const ALL_ROWS = 'all';
/** The audience of every verified caller. */
export const ANYONE = 'anyone';

const roles = Object.values(Role) as Role[];
const purposes = Object.values(Purpose) as Purpose[];

export function grantKey(role: Role | string, purpose: Purpose | string): string {
  return `${role} ${purpose}`;
}

const AudienceFile = z.record(
  z.string().regex(/^[a-z][a-z0-9-]*$/, 'audience names are lower-case words joined by dashes'),
  z.strictObject({
    description: z.string().min(1),
    grants: z.union([z.literal('*'), z.array(z.string()).min(1)]),
  }),
);

const ScopeFile = z.record(z.string().regex(/^[a-z][a-z0-9-]*$/), z.strictObject({ description: z.string().min(1) }));

const FieldEntry = z.union([z.string(), z.array(z.string()).min(1)]);
const SubgraphFile = z.record(
  z.string().regex(/^[_A-Za-z][_0-9A-Za-z]*$/),
  z.strictObject({
    description: z.string().optional(),
    rows: z.record(z.string(), z.string()).optional(),
    fields: z.record(z.string().regex(/^[_A-Za-z][_0-9A-Za-z]*$/), FieldEntry),
  }),
);

/** Where the policy lives: `schema/policy/` of the project (also from `dist/`). */
export function defaultPolicyDirectory(): string {
  let dir = __dirname;
  // subgraphs/lib/policy (source) or dist/subgraphs/lib/policy (build): climb to the project root.
  for (let i = 0; i < 6; i += 1) {
    dir = resolve(dir, '..');
    try {
      readdirSync(join(dir, 'schema', 'policy'));
      return join(dir, 'schema', 'policy');
    } catch {
      // keep climbing
    }
  }
  throw new PolicyError([`schema/policy/ not found above ${__dirname}`]);
}

function readYaml(dir: string, file: string, problems: string[]): unknown {
  try {
    return parseYaml(readFileSync(join(dir, file), 'utf8'));
  } catch (error) {
    problems.push(`${file}: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
}

function zodProblems(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
}

function parsePair(text: string): Grant | undefined {
  const [role, purpose, ...rest] = text.trim().split(/\s+/);
  if (rest.length > 0 || !roles.includes(role as Role) || !purposes.includes(purpose as Purpose)) return undefined;
  return { role: role as Role, purpose: purpose as Purpose };
}

/**
 * Reads and checks the policy. Every problem (unknown role, purpose, audience or scope,
 * malformed entry) is collected and reported together with its file and path.
 */
export function loadPolicy(dir: string = defaultPolicyDirectory()): AccessPolicy {
  const problems: string[] = [];
  const audiences: Record<string, Audience> = {};
  const scopes: Record<string, ScopeDefinition> = {};

  const audienceFile = AudienceFile.safeParse(readYaml(dir, 'audiences.yaml', problems));
  if (!audienceFile.success) problems.push(...zodProblems('audiences.yaml', audienceFile.error));
  else {
    for (const [name, entry] of Object.entries(audienceFile.data)) {
      if (entry.grants === '*') {
        audiences[name] = {
          name,
          description: entry.description,
          everyone: true,
          grants: roles.flatMap((role) => purposes.map((purpose) => ({ role, purpose }))),
        };
        continue;
      }
      const grants: Grant[] = [];
      entry.grants.forEach((text, index) => {
        const grant = parsePair(text);
        if (grant) grants.push(grant);
        else problems.push(`audiences.yaml: ${name}.grants.${index}: "${text}" is not "ROLE PURPOSE" with codes of the catalogue`);
      });
      audiences[name] = { name, description: entry.description, everyone: false, grants };
    }
  }
  if (!audiences[ANYONE]?.everyone) problems.push(`audiences.yaml: the audience "${ANYONE}" must exist with grants: '*'`);

  const scopeFile = ScopeFile.safeParse(readYaml(dir, 'scopes.yaml', problems));
  if (!scopeFile.success) problems.push(...zodProblems('scopes.yaml', scopeFile.error));
  else for (const [name, entry] of Object.entries(scopeFile.data)) scopes[name] = { name, description: entry.description };
  if (!scopes[ALL_ROWS]) problems.push(`scopes.yaml: the scope "${ALL_ROWS}" must exist`);

  const subgraphs: Record<string, SubgraphPolicy> = {};
  const subgraphFiles = readdirSync(dir)
    .filter((file) => file.endsWith('.yaml') && file !== 'audiences.yaml' && file !== 'scopes.yaml')
    .sort();
  for (const file of subgraphFiles) {
    const name = file.replace(/\.yaml$/, '');
    const parsed = SubgraphFile.safeParse(readYaml(dir, file, problems));
    if (!parsed.success) {
      problems.push(...zodProblems(file, parsed.error));
      continue;
    }
    const types: Record<string, TypePolicy> = {};
    for (const [typeName, entry] of Object.entries(parsed.data)) {
      let rows: Partial<Record<Role, string>> | undefined;
      if (entry.rows) {
        rows = {};
        for (const [role, scope] of Object.entries(entry.rows)) {
          if (!roles.includes(role as Role)) problems.push(`${file}: ${typeName}.rows: unknown role "${role}"`);
          else if (!scopes[scope]) problems.push(`${file}: ${typeName}.rows.${role}: unknown scope "${scope}"`);
          else rows[role as Role] = scope;
        }
      }
      const fields: Record<string, FieldPolicy> = {};
      for (const [fieldName, value] of Object.entries(entry.fields)) {
        const entries = typeof value === 'string' ? [value] : value;
        const allowed = new Set<string>();
        let everyone = false;
        for (const text of entries) {
          const audience = audiences[text];
          const pair = audience ? undefined : parsePair(text);
          if (audience) {
            everyone ||= audience.everyone;
            for (const grant of audience.grants) allowed.add(grantKey(grant.role, grant.purpose));
          } else if (pair) allowed.add(grantKey(pair.role, pair.purpose));
          else problems.push(`${file}: ${typeName}.fields.${fieldName}: "${text}" is neither an audience nor "ROLE PURPOSE"`);
        }
        fields[fieldName] = { entries, allowed, everyone };
      }
      types[typeName] = { name: typeName, subgraph: name, description: entry.description, rows, fields };
    }
    subgraphs[name] = { name, types };
  }

  if (problems.length > 0) throw new PolicyError(problems);
  return { audiences, scopes, subgraphs };
}

let cached: AccessPolicy | undefined;

/** The project's policy, read once per process. */
export function accessPolicy(): AccessPolicy {
  cached ??= loadPolicy();
  return cached;
}

/** The policy of one subgraph; a subgraph without one is a configuration error. */
export function subgraphPolicy(name: string, policy: AccessPolicy = accessPolicy()): SubgraphPolicy {
  const found = policy.subgraphs[name];
  if (!found) throw new PolicyError([`no policy file schema/policy/${name}.yaml for subgraph "${name}"`]);
  return found;
}
