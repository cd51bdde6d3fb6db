import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse } from 'graphql';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badUserInput } from '../../../subgraphs/lib/errors';
import { type Caller } from '../../../subgraphs/lib/identity';
import { loadPolicy, type SubgraphPolicy } from '../../../subgraphs/lib/policy/model';
import { applyPolicy } from '../../../subgraphs/lib/policy/shield';
import { callerAs } from '../../utils/callers';

// A small federated schema behind the generated shield: the semantics every subgraph
// gets (null + FORBIDDEN at the path, the rest of the answer, deny by default,
// resolver errors unchanged, reference resolvers kept).
const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
  type Query { person(id: ID!): Person  failing: String  unlisted: String  named: [Named] }
  interface Named { name: String }
  type Person implements Named @key(fields: "id") { id: ID!  name: String  birthDate: String  secret: String }
  type Pet implements Named { name: String }
`;

const POLICY = `
Query:
  fields:
    person: [CPI_OPERATOR EMPLOYMENT_SERVICES, CITIZEN SELF_SERVICE]
    named: [CPI_OPERATOR EMPLOYMENT_SERVICES, CITIZEN SELF_SERVICE]
    failing: anyone
    _entities: anyone
    _service: anyone
_Service:
  fields:
    sdl: anyone
Person:
  rows: { CPI_OPERATOR: all, CITIZEN: all }
  fields:
    id: anyone
    name: [CPI_OPERATOR EMPLOYMENT_SERVICES, CITIZEN SELF_SERVICE]
    birthDate: CPI_OPERATOR EMPLOYMENT_SERVICES
Pet:
  fields:
    name: CPI_OPERATOR EMPLOYMENT_SERVICES
`;

let dir: string;
let policy: SubgraphPolicy;
let referenceCalls: unknown[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shield-'));
  writeFileSync(join(dir, 'audiences.yaml'), "anyone:\n  description: all\n  grants: '*'\n");
  writeFileSync(join(dir, 'scopes.yaml'), 'all:\n  description: all\n');
  writeFileSync(join(dir, 'demo.yaml'), POLICY);
  policy = loadPolicy(dir).subgraphs.demo!;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function guardedSchema() {
  referenceCalls = [];
  const people: Record<string, { id: string; name: string; birthDate: string; secret: string }> = {
    p1: { id: 'p1', name: 'Name One', birthDate: '1990-01-01', secret: 's' },
  };
  const schema = buildSubgraphSchema({
    typeDefs: parse(SDL),
    resolvers: {
      Query: {
        person: (_: unknown, args: { id: string }) => people[args.id] ?? null,
        failing: () => {
          throw badUserInput([{ path: 'x', message: 'is wrong' }]);
        },
        unlisted: () => 'should never be released',
        named: () => [
          { __typename: 'Person', ...people.p1 },
          { __typename: 'Pet', name: 'Pet One' },
        ],
      },
      Named: { __resolveType: (value: { __typename: string }) => value.__typename },
      Person: {
        __resolveReference: (reference: { id: string }) => {
          referenceCalls.push(reference);
          return people[reference.id] ?? null;
        },
      },
    } as never,
  });
  return applyPolicy(schema, policy);
}

async function run(caller: Caller | null, query: string, variableValues?: Record<string, unknown>) {
  const result = await execute({ schema: guardedSchema(), document: parse(query), contextValue: { caller }, variableValues });
  return JSON.parse(JSON.stringify(result)) as { data?: Record<string, unknown> | null; errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[] };
}

describe('generated shield', () => {
  it('releases the fields granted to the role and purpose', async () => {
    const result = await run(callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES'), '{ person(id: "p1") { id name birthDate } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ person: { id: 'p1', name: 'Name One', birthDate: '1990-01-01' } });
  });

  it('nulls a refused field with FORBIDDEN at its path, and still answers the rest', async () => {
    const result = await run(callerAs('CITIZEN', 'SELF_SERVICE'), '{ person(id: "p1") { id name birthDate } }');
    expect(result.data).toEqual({ person: { id: 'p1', name: 'Name One', birthDate: null } });
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.path).toEqual(['person', 'birthDate']);
    expect(result.errors?.[0]?.message).not.toContain('1990');
  });

  it('denies a field the policy does not name (fallbackRule deny), even to a role that reads its type', async () => {
    const result = await run(callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES'), '{ unlisted person(id: "p1") { secret } }');
    expect(result.data).toEqual({ unlisted: null, person: { secret: null } });
    expect(result.errors?.map((e) => [e.path?.join('.'), e.extensions?.code]).sort()).toEqual([
      ['person.secret', 'FORBIDDEN'],
      ['unlisted', 'FORBIDDEN'],
    ]);
  });

  it('refuses the same role with another purpose', async () => {
    const result = await run(callerAs('CPI_OPERATOR', 'REFERRAL'), '{ person(id: "p1") { id } }');
    expect(result.data).toEqual({ person: null });
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0]?.path).toEqual(['person']);
  });

  it('refuses everything to a request without a verified caller', async () => {
    const result = await run(null, '{ person(id: "p1") { id } failing }');
    expect(result.data).toEqual({ person: null, failing: null });
    expect(result.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
  });

  it('passes resolver errors through with their own code', async () => {
    const result = await run(callerAs('CITIZEN', 'SELF_SERVICE'), '{ failing }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.path).toEqual(['failing']);
  });

  it('keeps reference resolvers: _entities loads by key and the field rules still apply', async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id name birthDate } } }';
    const forged = [{ __typename: 'Person', id: 'p1', name: 'Forged', birthDate: '2000-01-01' }];
    const result = await run(callerAs('CITIZEN', 'SELF_SERVICE'), query, { r: forged });
    expect(referenceCalls).toHaveLength(1);
    expect(result.data).toEqual({ _entities: [{ id: 'p1', name: 'Name One', birthDate: null }] });
    expect(result.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['_entities.0.birthDate', 'FORBIDDEN']]);
  });
});

// The shield's middleware makes every field a promise; an operation whose every field the
// caller may read skips it, and anything else goes through it field by field.
describe('per-operation check in front of the shield', () => {
  const execution = (caller: Caller | null, query: string, contextValue: Record<string, unknown> = { caller }) =>
    execute({ schema: guardedSchema(), document: parse(query), contextValue });

  it('resolves an operation the caller may read in full without the shield (no promise per field)', async () => {
    const context: Record<string, unknown> = { caller: callerAs('CITIZEN', 'SELF_SERVICE') };
    const result = execution(null, '{ person(id: "p1") { id name } }', context);
    expect(result).not.toBeInstanceOf(Promise);
    expect(context._shield).toBeUndefined();
    expect(JSON.parse(JSON.stringify(await result))).toEqual({ data: { person: { id: 'p1', name: 'Name One' } } });
  });

  it('sends the whole operation through the shield when a fragment spread, however deep, selects a refused field', async () => {
    const query = `{ person(id: "p1") { ...Outer } }
      fragment Outer on Person { id ...Inner }
      fragment Inner on Person { name birthDate }`;
    const result = execution(callerAs('CITIZEN', 'SELF_SERVICE'), query);
    expect(result).toBeInstanceOf(Promise);
    const settled = JSON.parse(JSON.stringify(await result)) as Awaited<ReturnType<typeof run>>;
    expect(settled.data).toEqual({ person: { id: 'p1', name: 'Name One', birthDate: null } });
    expect(settled.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['person.birthDate', 'FORBIDDEN']]);
  });

  it('checks a field selected on an interface against every type implementing it', async () => {
    const operator = await run(callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES'), '{ named { name } }');
    expect(operator).toEqual({ data: { named: [{ name: 'Name One' }, { name: 'Pet One' }] } });
    const citizen = await run(callerAs('CITIZEN', 'SELF_SERVICE'), '{ named { name } }');
    expect(citizen.data).toEqual({ named: [{ name: 'Name One' }, { name: null }] });
    expect(citizen.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['named.1.name', 'FORBIDDEN']]);
  });

  it('counts a field under @skip, so a refused field never takes the unchecked path', async () => {
    const result = execution(callerAs('CITIZEN', 'SELF_SERVICE'), '{ person(id: "p1") { id birthDate @skip(if: true) } }');
    expect(result).toBeInstanceOf(Promise);
    expect(JSON.parse(JSON.stringify(await result))).toEqual({ data: { person: { id: 'p1' } } });
  });

  it('decides again when a context is reused for another operation or another caller', async () => {
    const schema = guardedSchema();
    const document = parse('{ person(id: "p1") { id } }');
    const context: Record<string, unknown> = { caller: callerAs('CITIZEN', 'SELF_SERVICE') };
    expect((await execute({ schema, document, contextValue: context })).errors).toBeUndefined();
    context.caller = callerAs('CPI_OPERATOR', 'REFERRAL');
    const otherCaller = await execute({ schema, document, contextValue: context });
    expect(otherCaller.data).toEqual({ person: null });
    expect(otherCaller.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);

    const reused: Record<string, unknown> = { caller: callerAs('CITIZEN', 'SELF_SERVICE') };
    expect((await execute({ schema, document, contextValue: reused })).errors).toBeUndefined();
    const otherOperation = await execute({ schema, document: parse('{ person(id: "p1") { id birthDate } }'), contextValue: reused });
    expect(otherOperation.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['person.birthDate', 'FORBIDDEN']]);
  });
});
