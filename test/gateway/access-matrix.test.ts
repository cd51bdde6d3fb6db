/**
 * Access-matrix suite (issue 3 point 12): every role, with the purposes it declares,
 * against every field of every entity type, through the gateway, on a seeded synthetic
 * data set; plus the whole-request refusals of points 1, 3 and 10.
 *
 * test/gateway/access-matrix/:
 * - world.ts: the data set (fixed seed), the callers, and an oracle of the row scopes;
 * - generated.ts: per role and purpose, per entity type, a row in scope and one outside,
 *   every field selected; expectations computed from the policy (walk.ts checks them);
 * - cases.ts: hand-written key cases whose expectations are stated literally;
 * - request-errors.ts: the refused credentials and purposes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Purpose, Role } from '../../subgraphs/lib/identity';
import { ExtractionGuard, loadExtractionGuardConfig } from '../../subgraphs/lib/security';
import { keyCases } from './access-matrix/cases';
import { checkExpectations } from './access-matrix/check';
import { generatedCases } from './access-matrix/generated';
import { headersFor, type MatrixGraph, profileHeaders, rawPost, startMatrixGraph } from './access-matrix/harness';
import { REQUEST_ERROR_CASES } from './access-matrix/request-errors';
import { objectType, selectable } from './access-matrix/schema-info';
import { pickSubjects } from './access-matrix/subjects';
import { type Checked, checkAnswer } from './access-matrix/walk';
import { ENTITY_TYPES, World } from './access-matrix/world';

const world = new World();
const subjects = pickSubjects(world);
const generated = generatedCases(world);
const key = keyCases(world, subjects);

describe('access matrix through the gateway', () => {
  let m: MatrixGraph;
  const checked: Checked[] = [];
  beforeAll(async () => {
    // With its audit trail: a person's access log (Worker.accessLog) is one of the fields.
    m = await startMatrixGraph(world, { audit: true });
  });
  afterAll(() => m?.graph.close());

  describe(`generated from the policy: ${world.profiles.length} profiles x ${ENTITY_TYPES.length} entity types (${generated.length} cases)`, () => {
    const title = (c: (typeof generated)[number]) =>
      `${c.profile.id} reads a ${c.reach.type} (${c.kind}${c.granted ? '' : ', no granted way'}${c.reach.path.length > 1 ? ` via ${c.reach.path.map((p) => p.split(' ')[1]).join(' > ')}` : ''})`;
    it.each(generated.map((c) => [title(c), c] as const))('%s', async (_, c) => {
      const operation = c.reach.operation(m.env.info);
      const answer = await m.graph.query(operation, c.reach.variables(c.target, world), await profileHeaders(c.profile));
      expect(answer.status).toBe(200);
      const result = checkAnswer(m.env, c.profile, operation, answer, { type: c.reach.rootType, record: c.reach.rootRecord(c.target, world) });
      checked.push(...result.checked);
      expect(result.findings).toEqual([]);
    });

    it('asserted every field of every entity type for every role that can reach rows of it', ({ skip }) => {
      // It reads what the cases above checked: run alone (a -t filter), it has nothing to judge.
      if (checked.length === 0) skip();
      const missing: string[] = [];
      for (const profile of world.profiles) {
        for (const type of ENTITY_TYPES) {
          // A role with no rows of the type, or no granted way to them, is covered by the refusal its cases assert.
          const reachable = generated.some((c) => c.profile === profile && c.reach.type === type && c.kind !== 'no rows' && c.granted);
          if (!reachable) continue;
          const mine = new Set(checked.filter((c) => c.profile === profile.id).map((c) => c.field));
          for (const field of Object.values(objectType(m.env.info, type).getFields()).filter(selectable)) {
            if (!mine.has(`${type}.${field.name}`)) missing.push(`${profile.id} ${type}.${field.name}`);
          }
        }
      }
      expect(missing).toEqual([]);
      const tally = (outcome: string) => checked.filter((c) => c.outcome === outcome).length;
      const kinds = (kind: string) => generated.filter((c) => c.kind === kind).length;
      console.info(
        `access matrix: ${generated.length} generated cases (${kinds('in scope')} in scope, ${kinds('out of scope')} out of scope, ${kinds('no rows')} without rows), ` +
          `${checked.length} field checks: ${tally('RELEASED')} released, ${tally('FORBIDDEN')} forbidden, ${tally('ABSENT')} absent`,
      );
    });
  });

  describe(`hand-written key cases (${key.length})`, () => {
    it.each(key.map((c) => [c.name, c] as const))('%s', async (_, c) => {
      const headers = await headersFor(c.role, c.purpose, c.token);
      const answer = await m.graph.query(c.query, c.variables, headers);
      expect(answer.status).toBe(200);
      expect(checkExpectations(c.expect, answer)).toEqual([]);
    });
  });

  describe('refused before anything is read (points 1 and 3)', () => {
    it.each(REQUEST_ERROR_CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
      const headers = await c.headers();
      m.resetRequests();
      const answer = await rawPost(m.graph.gatewayUrl, '{ workers(first: 5) { nodes { fiscalCode firstName } } }', headers);
      expect(answer.status).toBe(c.status);
      expect(answer.body?.data).toBeUndefined();
      expect(answer.body?.errors).toHaveLength(1);
      expect(answer.body?.errors?.[0]?.extensions?.code).toBe(c.code);
      expect(answer.body?.errors?.[0]?.message).toMatch(c.message);
      if (c.status === 401) expect(answer.headers.get('www-authenticate')).toBe('Bearer');
      expect(m.requests()).toBe(0);
    });
  });
});

describe('no mass extraction: request-rate limits and daily budgets (point 10)', () => {
  // Limits as the documented variables set them (loadExtractionGuardConfig reads them, as each
  // process does from its environment): REFERRAL 3 requests a minute, every other purpose
  // without a built-in default 5; 2 distinct people a day for SOCIAL_INCLUSION. The guard is
  // handed to the test graph (gateway and every subgraph share its counters).
  const REFERRAL_LIMIT = 3;
  const GLOBAL_LIMIT = 5;
  const PEOPLE_BUDGET = 2;
  let m: MatrixGraph;
  beforeAll(async () => {
    const config = loadExtractionGuardConfig({
      RATE_LIMIT_PER_MINUTE: String(GLOBAL_LIMIT),
      RATE_LIMIT_PER_MINUTE_REFERRAL: String(REFERRAL_LIMIT),
      DAILY_PEOPLE_BUDGET_SOCIAL_INCLUSION: String(PEOPLE_BUDGET),
    });
    m = await startMatrixGraph(world, { audit: true, extractionGuard: new ExtractionGuard({ limits: config.limits, scope: 'gateway' }) });
  });
  afterAll(() => m?.graph.close());

  const QUERY = 'query($id: ID!) { referral(id: $id) { id state } }';
  const token = { territory: ['015'], organisation: 'matrix-rate-org', subject: 'matrix-rate-operator' };

  it('refuses the request past the limit with 429 RATE_LIMITED, reads nothing and releases nothing', async () => {
    const headers = await headersFor(Role.CPI_OPERATOR, Purpose.REFERRAL, token, [Purpose.REFERRAL, Purpose.EMPLOYMENT_SERVICES]);
    for (let i = 0; i < REFERRAL_LIMIT; i += 1) {
      const ok = await rawPost(m.graph.gatewayUrl, QUERY, headers, { id: subjects.cpiReferral.id });
      expect(ok.status, `request ${i + 1}`).toBe(200);
      expect((ok.body?.data?.referral as { id: string } | null)?.id).toBe(subjects.cpiReferral.id);
    }
    m.resetRequests();
    const refused = await rawPost(m.graph.gatewayUrl, QUERY, headers, { id: subjects.cpiReferral.id });
    expect(refused.status).toBe(429);
    expect(refused.body?.data).toBeUndefined();
    expect(refused.body?.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'REQUEST_RATE', max: REFERRAL_LIMIT });
    expect(refused.body?.errors?.[0]?.message).toMatch(/rate limit/i);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(m.requests()).toBe(0);
  });

  it('counts per user: another operator of the same organisation is not limited', async () => {
    const headers = await headersFor(Role.CPI_OPERATOR, Purpose.REFERRAL, { ...token, subject: 'matrix-rate-colleague' });
    const answer = await rawPost(m.graph.gatewayUrl, QUERY, headers, { id: subjects.cpiReferral.id });
    expect(answer.status).toBe(200);
  });

  it('counts per organisation: the same user name in another organisation is not limited', async () => {
    const headers = await headersFor(Role.CPI_OPERATOR, Purpose.REFERRAL, { ...token, organisation: 'matrix-rate-other-org' });
    const answer = await rawPost(m.graph.gatewayUrl, QUERY, headers, { id: subjects.cpiReferral.id });
    expect(answer.status).toBe(200);
  });

  it('counts per purpose, each with its own limit: the same user declaring EMPLOYMENT_SERVICES gets the global limit', async () => {
    const headers = await headersFor(Role.CPI_OPERATOR, Purpose.EMPLOYMENT_SERVICES, token, [Purpose.REFERRAL, Purpose.EMPLOYMENT_SERVICES]);
    const query = 'query($cf: FiscalCode!) { worker(fiscalCode: $cf) { id } }';
    for (let i = 0; i < GLOBAL_LIMIT; i += 1) {
      const ok = await rawPost(m.graph.gatewayUrl, query, headers, { cf: subjects.cpiWorker.fiscalCode });
      expect(ok.status, `request ${i + 1}`).toBe(200);
    }
    m.resetRequests();
    const refused = await rawPost(m.graph.gatewayUrl, query, headers, { cf: subjects.cpiWorker.fiscalCode });
    expect(refused.status).toBe(429);
    expect(refused.body?.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', max: GLOBAL_LIMIT });
    expect(m.requests()).toBe(0);
  });

  it('keeps the built-in limit of STATISTICS (30 a minute) over the global variable', async () => {
    const headers = await headersFor(Role.MINISTRY_ANALYST, Purpose.STATISTICS, { organisation: 'matrix-rate-org', subject: 'matrix-rate-analyst' });
    for (let i = 0; i < GLOBAL_LIMIT + 1; i += 1) {
      const ok = await rawPost(m.graph.gatewayUrl, '{ purposes { code } }', headers);
      expect(ok.status, `request ${i + 1}`).toBe(200);
    }
  });

  it("refuses with RATE_LIMITED a response that would take the day's distinct people past the budget, and releases none of it", async () => {
    const people = world.data.workers.filter((w) => w.domicileMunicipality === world.socialMunicipality).slice(0, PEOPLE_BUDGET + 1);
    expect(people).toHaveLength(PEOPLE_BUDGET + 1);
    const headers = await headersFor(Role.SOCIAL_WORKER, Purpose.SOCIAL_INCLUSION, { territory: [world.socialMunicipality], organisation: 'matrix-budget-org', subject: 'matrix-budget-worker' });
    const query = 'query($cf: FiscalCode!) { worker(fiscalCode: $cf) { fiscalCode lastName } }';
    for (const person of people.slice(0, PEOPLE_BUDGET)) {
      const ok = await rawPost(m.graph.gatewayUrl, query, headers, { cf: person.fiscalCode });
      expect(ok.status).toBe(200);
      expect((ok.body?.data?.worker as { lastName: string } | null)?.lastName).toBe(person.lastName);
    }
    const over = people[PEOPLE_BUDGET]!;
    const refused = await rawPost(m.graph.gatewayUrl, query, headers, { cf: over.fiscalCode });
    expect([200, 429]).toContain(refused.status);
    expect(JSON.stringify(refused.body?.data ?? null)).not.toContain(over.lastName);
    expect(refused.body?.errors?.some((e) => e.extensions?.code === 'RATE_LIMITED' && e.extensions?.limit === 'DAILY_BUDGET')).toBe(true);
    // A person already counted today is not a new one.
    const again = await rawPost(m.graph.gatewayUrl, query, headers, { cf: people[0]!.fiscalCode });
    expect((again.body?.data?.worker as { lastName: string } | null)?.lastName).toBe(people[0]!.lastName);
  });
});
