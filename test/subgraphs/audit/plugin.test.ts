import { ApolloServer, type GraphQLResponse, HeaderMap } from '@apollo/server';
import { type EntityManager } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AUDIT_UNAVAILABLE_MESSAGE,
  type AuditAppender,
  AuditCollector,
  AuditKind,
  auditPlugin,
  type AuditRecord,
  type AuditRecordInput,
  type AuditStore,
  auditSubscriber,
  bindCollector,
  verifyChain,
} from '../../../subgraphs/lib/audit';
import { type Caller } from '../../../subgraphs/lib/identity';
import { type Database } from '../../../subgraphs/lib/orm';
import { callerAs } from '../../utils/callers';
import { testPlatform } from '../../utils/database';
import { person } from '../../utils/people';
import { AuditedPerson, createPeopleDatabase, PEOPLE, registry } from './fixtures';
import { type AuditTestDatabase, createAuditDatabase, employer } from './support';

interface Context {
  em: EntityManager;
  collector: AuditCollector;
  caller: Caller;
}

const typeDefs = `#graphql
  type Query { people: [Person!]!  person(fiscalCode: String!): Person  version: String!  busy: Boolean! }
  type Mutation { touch: Boolean! }
  type Person { fiscalCode: String! lastName: String birthDate: String employerCode: String }
`;

// Person.birthDate stands for a field the policy refuses outside EMPLOYMENT_SERVICES.
const resolvers = {
  Query: {
    people: (_: unknown, __: unknown, { em }: Context) => em.find(AuditedPerson, {}, { orderBy: { id: 'asc' } }),
    person: (_: unknown, args: { fiscalCode: string }, { em }: Context) => em.findOne(AuditedPerson, { fiscalCode: args.fiscalCode }),
    version: () => '1',
    busy: (_: unknown, __: unknown, { collector }: Context) => (collector.mark(AuditKind.SECURITY, 'RATE_LIMITED'), true),
  },
  Mutation: { touch: () => true },
  Person: {
    birthDate: (row: AuditedPerson, _: unknown, { caller }: Context) => {
      if (caller.purpose !== 'EMPLOYMENT_SERVICES') throw new GraphQLError('Not allowed to read Person.birthDate', { extensions: { code: 'FORBIDDEN' } });
      return row.birthDate;
    },
  },
};

const operator = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { organisation: 'org-cpi-milano', subject: 'OPERATOR-7', tokenId: 'jti-0007', trackingEvidence: 'eyJhbGciOiJFUzI1NiJ9.e30.sig' });
const referrer = callerAs('SOCIAL_WORKER', 'REFERRAL', { organisation: 'org-comune', subject: 'OPERATOR-8' });

/** A store double whose appends the test holds, releases or fails. */
class HeldStore implements AuditAppender {
  readonly appended: AuditRecordInput[] = [];
  private waiting: (() => void)[] = [];
  failWith: Error | null = null;
  private arrived: (() => void) | null = null;

  append(record: AuditRecordInput): Promise<AuditRecord> {
    this.appended.push(record);
    this.arrived?.();
    if (this.failWith) return Promise.reject(this.failWith);
    return new Promise((resolve) => this.waiting.push(() => resolve({ ...record, seq: this.appended.length } as AuditRecord)));
  }

  /** Resolves once an append has arrived. */
  nextAppend(): Promise<void> {
    return new Promise((resolve) => (this.arrived = resolve));
  }

  release(): void {
    for (const go of this.waiting.splice(0)) go();
  }
}

describe(`the audit plugin, on ${testPlatform()}`, () => {
  let people: { db: Database; close: () => Promise<void> };
  let database: AuditTestDatabase;
  let store: AuditStore;
  let server: ApolloServer<Context>;
  let held: HeldStore;
  let heldServer: ApolloServer<Context>;
  let failures: unknown[];
  let requests = 0;

  function context(caller: Caller = operator): Context {
    const em = people.db.orm.em.fork() as EntityManager;
    const collector = new AuditCollector({ requestId: `req-plugin-${String((requests += 1)).padStart(4, '0')}` });
    bindCollector(em, collector);
    return { em, collector, caller };
  }

  function plugin(target: AuditAppender) {
    return auditPlugin<Context>({
      store: target,
      subgraph: 'workers',
      collectorOf: (c) => c.collector,
      callerOf: (c) => c.caller,
      onError: (error) => failures.push(error),
    });
  }

  beforeAll(async () => {
    people = await createPeopleDatabase('audit_plugin_people');
    people.db.orm.em.getEventManager().registerSubscriber(auditSubscriber(registry));
    database = await createAuditDatabase('audit_plugin');
    store = await database.open();
    server = new ApolloServer<Context>({ typeDefs, resolvers, plugins: [plugin(store)] });
    held = new HeldStore();
    heldServer = new ApolloServer<Context>({ typeDefs, resolvers, plugins: [plugin(held)] });
    await Promise.all([server.start(), heldServer.start()]);
  });
  afterAll(async () => {
    await Promise.all([server.stop(), heldServer.stop()]);
    await store.close();
    await database.drop();
    await people.close();
  });
  beforeEach(() => {
    failures = [];
    held.failWith = null;
  });

  async function run(target: ApolloServer<Context>, query: string, options: { variables?: Record<string, unknown>; caller?: Caller } = {}) {
    const contextValue = context(options.caller);
    const response = await target.executeOperation({ query, variables: options.variables }, { contextValue });
    return { response, requestId: contextValue.collector.requestId };
  }

  function single(response: GraphQLResponse) {
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  }

  async function recordOf(requestId: string) {
    const { records } = await store.query({}, { first: 50 });
    return records.filter((r) => r.requestId === requestId);
  }

  it('appends one ACCESS record naming the caller, the people and employers loaded and the fields released', async () => {
    const { response, requestId } = await run(server, 'query ListPeople { people { fiscalCode lastName } }');
    expect(single(response).errors).toBeUndefined();
    expect(single(response).data).toEqual({ people: PEOPLE.map((p) => ({ fiscalCode: p.fiscalCode, lastName: p.lastName })) });
    const [record, ...others] = await recordOf(requestId);
    expect(others).toHaveLength(0);
    expect(record).toMatchObject({
      kind: AuditKind.ACCESS,
      subgraph: 'workers',
      organisation: 'org-cpi-milano',
      subject: 'OPERATOR-7',
      role: 'CPI_OPERATOR',
      purpose: 'EMPLOYMENT_SERVICES',
      operationName: 'ListPeople',
      tokenId: 'jti-0007',
      trackingEvidence: 'eyJhbGciOiJFUzI1NiJ9.e30.sig',
      people: PEOPLE.map((p) => p.fiscalCode).sort(),
      employers: [employer(1)],
      fieldsReleased: ['Person.fiscalCode', 'Person.lastName', 'Query.people'],
      fieldsRefused: [],
      detail: null,
    });
  });

  it('appends nothing for a request that touched no one', async () => {
    const before = await store.head();
    const { response } = await run(server, '{ version }');
    expect(single(response).data).toEqual({ version: '1' });
    expect(await store.head()).toEqual(before);
  });

  it('records a refused field by its coordinate, through fragments and aliases, and leaves it out of the released ones', async () => {
    const query = 'query One($cf: String!) { person(fiscalCode: $cf) { ...Names dob: birthDate } } fragment Names on Person { lastName }';
    const { response, requestId } = await run(server, query, { variables: { cf: person(3).fiscalCode }, caller: referrer });
    expect(single(response).data).toEqual({ person: { lastName: PEOPLE[2]!.lastName, dob: null } });
    expect(single(response).errors).toMatchObject([{ path: ['person', 'dob'], extensions: { code: 'FORBIDDEN' } }]);
    expect(await recordOf(requestId)).toMatchObject([
      { purpose: 'REFERRAL', people: [person(3).fiscalCode], employers: [], fieldsReleased: ['Person.lastName', 'Query.person'], fieldsRefused: ['Person.birthDate'] },
    ]);
  });

  it('records a mutation even when it touched no one', async () => {
    const { requestId } = await run(server, 'mutation Touch { touch }');
    expect(await recordOf(requestId)).toMatchObject([{ kind: AuditKind.ACCESS, operationName: 'Touch', people: [], fieldsReleased: ['Mutation.touch'] }]);
  });

  it('records a request the collector was marked on, with its kind and coded detail', async () => {
    const { requestId } = await run(server, '{ busy }');
    expect(await recordOf(requestId)).toMatchObject([{ kind: AuditKind.SECURITY, detail: 'RATE_LIMITED', operationName: null }]);
  });

  it('keeps the chain valid across requests', async () => {
    expect(await verifyChain(store)).toMatchObject({ ok: true });
  });

  it('holds the response until the record is written', async () => {
    let answered = false;
    const arrived = held.nextAppend();
    const pending = run(heldServer, '{ people { fiscalCode } }').then((result) => ((answered = true), result));
    await arrived;
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(answered).toBe(false);
    held.release();
    const { response } = await pending;
    expect(answered).toBe(true);
    expect(single(response).data).toMatchObject({ people: expect.any(Array) });
  });

  it('withholds the data when the record cannot be written: an INTERNAL_SERVER_ERROR with HTTP 503, no data', async () => {
    held.failWith = new Error('audit database unreachable');
    const { response } = await run(heldServer, 'query ListPeople { people { fiscalCode lastName } }');
    expect(response.http.status).toBe(503);
    expect(single(response)).toEqual({ errors: [{ message: AUDIT_UNAVAILABLE_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect(JSON.stringify(single(response))).not.toContain(person(1).fiscalCode);
    expect(failures).toEqual([held.failWith]);

    const http = await heldServer.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers: new HeaderMap([['content-type', 'application/json']]),
        search: '',
        body: { query: '{ people { fiscalCode } }' },
      },
      context: async () => context(),
    });
    expect(http.status).toBe(503);
    expect(http.body.kind === 'complete' && JSON.parse(http.body.string)).toEqual({
      errors: [{ message: AUDIT_UNAVAILABLE_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
  });
});
