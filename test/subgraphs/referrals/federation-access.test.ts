import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { asCaller } from '../../utils/callers';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { CALLERS, insertAccessData, namesOf, ORG, PEOPLE, REFERRALS } from './access-fixtures';
import { POINTS } from './fixtures';

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { __typename
  ... on Referral { id state motivation legalBasis workerFiscalCode from { code } to { code } }
  ... on Worker { id referrals { id } }
  ... on ServicePoint { code name municipality } } }`;

type Entity = Record<string, unknown> | null;

// Point 7 of the issue: _entities is an entry point like any other. The decision is taken
// on rows loaded by key from the database; nothing else of a representation is read.
describe('federation entities under the row scopes', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph);
    await insertAccessData(graph.em());
  });
  afterAll(() => graph.close());

  async function entities(caller: keyof typeof CALLERS, representations: Record<string, unknown>[]): Promise<Entity[]> {
    const res = await graph.query<{ _entities: Entity[] }>(ENTITIES, { r: representations }, asCaller(CALLERS[caller]));
    expect(res.errors).toBeUndefined();
    return res.data!._entities;
  }

  it('answers a referral outside the scope exactly like an unknown id', async () => {
    const [outside, unknown] = await entities('cpiMilan', [
      { __typename: 'Referral', id: REFERRALS.cremona },
      { __typename: 'Referral', id: randomUUID() },
    ]);
    expect(outside).toBeNull();
    expect(unknown).toBeNull();
  });

  it.each([
    [
      'a job centre, with a sending point of its territory',
      'cpiMilan',
      { __typename: 'Referral', id: REFERRALS.cremona, from: { code: POINTS.jobCentre.code }, to: { code: POINTS.social.code }, municipality: '015146' },
    ],
    ['a citizen, with their own fiscal code', 'citizenA', { __typename: 'Referral', id: REFERRALS.cremona, workerFiscalCode: PEOPLE.a.fiscalCode }],
    [
      'a social desk, with its organisation and consent',
      'deskCgil',
      { __typename: 'Referral', id: REFERRALS.milan, createdByOrganisation: ORG.cgil, legalBasis: 'CONSENT', from: { code: POINTS.socialDesk.code } },
    ],
    ['a social desk, for a referral of its organisation without consent', 'deskCgil', { __typename: 'Referral', id: REFERRALS.deskNoConsent, legalBasis: 'CONSENT' }],
    ['social services, with a point of their municipality', 'socialMilan', { __typename: 'Referral', id: REFERRALS.inbox1, to: { code: POINTS.social.code, municipality: '015146' } }],
  ] as const)('ignores invented fields that would bring a referral into the scope of %s', async (_label, caller, representation) => {
    expect(await entities(caller, [representation])).toEqual([null]);
  });

  it('answers a referral in scope with the stored values, not those of the representation', async () => {
    const [referral] = await entities('cpiMilan', [
      { __typename: 'Referral', id: REFERRALS.milan, state: 'CLOSED', motivation: 'invented', legalBasis: 'CONSENT', workerFiscalCode: PEOPLE.b.fiscalCode, from: { code: POINTS.jobCentreCremona.code } },
    ]);
    expect(referral).toEqual({
      __typename: 'Referral',
      id: REFERRALS.milan,
      state: 'SENT',
      motivation: 'Needs beyond work emerged at the interview',
      legalBasis: 'LEGAL_OBLIGATION',
      workerFiscalCode: PEOPLE.a.fiscalCode,
      from: { code: POINTS.jobCentre.code },
      to: { code: POINTS.social.code },
    });
  });

  it("never gives a citizen someone else's worker, whatever the representation says", async () => {
    const result = await entities('citizenA', [
      { __typename: 'Worker', id: PEOPLE.b.workerId, fiscalCode: PEOPLE.a.fiscalCode },
      { __typename: 'Worker', id: PEOPLE.c.workerId, referrals: [{ id: REFERRALS.milan }] },
      { __typename: 'Worker', id: PEOPLE.a.workerId, referrals: [{ id: REFERRALS.cremona }] },
    ]);
    expect(result[0]).toBeNull();
    expect(result[1]).toBeNull();
    expect(result[2]).toMatchObject({ __typename: 'Worker', id: PEOPLE.a.workerId });
    expect(namesOf((result[2]!.referrals as { id: string }[]).map((r) => r.id))).toEqual(['deskOtherOrganisation', 'milan']);
  });

  it('builds a Worker stub from its key alone: invented fields change neither the stub nor its referrals', async () => {
    const [forged, plain] = await entities('cpiMilan', [
      { __typename: 'Worker', id: PEOPLE.b.workerId, domicileMunicipality: '015146', referrals: [{ id: REFERRALS.cremona }] },
      { __typename: 'Worker', id: PEOPLE.b.workerId },
    ]);
    expect(forged).toEqual(plain);
    expect(forged).toEqual({ __typename: 'Worker', id: PEOPLE.b.workerId, referrals: [{ id: REFERRALS.cross }] });
  });

  it('loads a ServicePoint by code from the database, ignoring invented values', async () => {
    const [point, unknown] = await entities('deskCgil', [
      { __typename: 'ServicePoint', code: POINTS.social.code, name: 'Invented', municipality: '019036' },
      { __typename: 'ServicePoint', code: 'NO-SUCH-POINT', name: 'Invented' },
    ]);
    expect(point).toEqual({ __typename: 'ServicePoint', code: POINTS.social.code, name: POINTS.social.name, municipality: POINTS.social.municipality });
    expect(unknown).toBeNull();
  });

  it('gives every entity type of the subgraph a reference resolver', () => {
    const resolvers = referralsSubgraph.referenceResolvers as Record<string, { __resolveReference?: unknown }>;
    const keyed = [...graph.runtime.schema.sdl.matchAll(/type (\w+)\s+@key/g)].map((m) => m[1]!);
    expect(keyed.sort()).toEqual(['Appointment', 'Referral', 'ServicePoint', 'Worker']);
    for (const type of keyed) expect(typeof resolvers[type]?.__resolveReference).toBe('function');
  });
});
