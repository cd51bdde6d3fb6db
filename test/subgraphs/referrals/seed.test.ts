import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Dataset, type DatasetServicePoint } from '../../../scripts/seed/dataset.types';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { ConvocationExclusionReplica } from '../../../subgraphs/referrals/convocation-exclusion/convocation-exclusion-replica.entity';
import { DeskContact, DeskContactEvent } from '../../../subgraphs/referrals/desk-contact/desk-contact.entity';
import { Referral, ReferralEvent } from '../../../subgraphs/referrals/referral/referral.entity';
import { seedReferrals } from '../../../subgraphs/referrals/seed';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { FISCAL_CODE, REGION_OPERATOR } from './fixtures';

const WORKER = '6f1c1a52-3d4e-4b8a-9c0d-1e2f3a4b5c6d';
const point = (code: string, kind: DatasetServicePoint['kind'], parentCode: string | null = null): DatasetServicePoint => ({
  code,
  kind,
  name: `Point ${code}`,
  municipality: '015146',
  province: '015',
  address: 'Via Esempio 1',
  manager: 'AFOL Metropolitana',
  publicHousingNeighbourhood: kind === 'JOB_CENTRE_DESK',
  neighbourhood: kind === 'JOB_CENTRE_DESK' ? 'Ponte Lambro' : null,
  parentCode,
});

// The desk comes before its job centre: the seeder must order them itself.
const DATA: Dataset = {
  workers: [],
  dids: [],
  employers: [],
  notices: [],
  households: [],
  servicePacts: [],
  inclusionPacts: [],
  servicePoints: [point('DESK-PONTE-LAMBRO', 'JOB_CENTRE_DESK', 'CPI-MILANO'), point('CPI-MILANO', 'JOB_CENTRE'), point('SS-MILANO', 'SOCIAL_SERVICES')],
  referrals: [
    {
      id: '0b6f7f0e-8a5e-4d0c-9b7a-2f1e3d4c5b6a',
      workerId: WORKER,
      fiscalCode: FISCAL_CODE,
      fromCode: 'DESK-PONTE-LAMBRO',
      toCode: 'SS-MILANO',
      reason: 'SOCIAL_NEEDS',
      motivation: 'Housing emergency reported at the desk interview',
      legalBasis: 'LEGAL_OBLIGATION',
      state: 'CLOSED',
      createdAt: '2025-01-10T08:00:00.000Z',
      history: [
        { fromState: null, toState: 'DRAFT', at: '2025-01-10T08:00:00.000Z', note: null },
        { fromState: 'DRAFT', toState: 'SENT', at: '2025-01-10T08:05:00.000Z', note: null },
        { fromState: 'SENT', toState: 'ACCEPTED', at: '2025-01-14T10:00:00.000Z', note: null },
        { fromState: 'ACCEPTED', toState: 'APPOINTMENT_SET', at: '2025-01-15T10:00:00.000Z', note: null },
        { fromState: 'APPOINTMENT_SET', toState: 'TAKEN_IN_CHARGE', at: '2025-01-20T10:00:00.000Z', note: null },
        { fromState: 'TAKEN_IN_CHARGE', toState: 'CLOSED', at: '2025-03-01T10:00:00.000Z', note: 'PaIS signed' },
      ],
    },
    {
      id: '1c7a8b9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d',
      workerId: WORKER,
      fiscalCode: FISCAL_CODE,
      fromCode: 'SS-MILANO',
      toCode: 'CPI-MILANO',
      reason: 'WORK_ACTIVATION',
      motivation: null,
      legalBasis: 'LEGAL_OBLIGATION',
      state: 'REJECTED',
      createdAt: '2025-02-01T09:00:00.000Z',
      history: [
        { fromState: null, toState: 'DRAFT', at: '2025-02-01T09:00:00.000Z', note: null },
        { fromState: 'DRAFT', toState: 'SENT', at: '2025-02-01T09:00:00.000Z', note: null },
        { fromState: 'SENT', toState: 'REJECTED', at: '2025-02-03T09:00:00.000Z', note: 'Not resident in the area' },
      ],
    },
    {
      id: '2d8b9c0e-1f2a-4b3c-9d4e-5f6a7b8c9d0e',
      workerId: WORKER,
      fiscalCode: FISCAL_CODE,
      fromCode: 'CPI-MILANO',
      toCode: 'SS-MILANO',
      reason: 'SOCIAL_NEEDS',
      motivation: 'Care needs of a dependent household member',
      legalBasis: 'LEGAL_OBLIGATION',
      state: 'DRAFT',
      createdAt: '2025-02-05T09:00:00.000Z',
      history: [{ fromState: null, toState: 'DRAFT', at: '2025-02-05T09:00:00.000Z', note: null }],
    },
  ],
  deskContacts: [
    {
      id: '3e9c0d1f-2a3b-4c4d-8e5f-6a7b8c9d0e1f',
      deskCode: 'DESK-PONTE-LAMBRO',
      organisation: 'DESK-PONTE-LAMBRO',
      fiscalCode: FISCAL_CODE,
      workerId: WORKER,
      userType: 'UNEMPLOYED',
      need: 'JOB_SEARCH',
      outcome: 'ORIENTATION',
      contactedAt: '2025-01-09T10:00:00.000Z',
      consentRecordedAs: 'SIGNED_FORM',
      consentWithdrawnAt: null,
    },
    {
      id: '4fad1e20-3b4c-4d5e-9f60-7b8c9d0e1f2a',
      deskCode: 'DESK-PONTE-LAMBRO',
      organisation: 'DESK-PONTE-LAMBRO',
      fiscalCode: null,
      workerId: null,
      userType: 'PENSIONER',
      need: 'HOUSING',
      outcome: 'INFORMATION',
      contactedAt: '2025-01-11T10:00:00.000Z',
      consentRecordedAs: 'SPID_CONFIRMATION',
      consentWithdrawnAt: '2025-02-11T10:00:00.000Z',
    },
  ],
  convocationExclusions: [
    { id: '5abe2f31-4c5d-4e6f-8a71-8c9d0e1f2a3b', householdId: 'h-1', workerId: WORKER, fiscalCode: FISCAL_CODE, reason: 'AGED_60_OR_OVER', since: '2025-01-02' },
  ],
};

describe('seeding the referrals subgraph', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph, { caller: REGION_OPERATOR });
    await seedReferrals(graph.em(), DATA);
  });
  afterAll(() => graph.close());

  it('stores the service points with their parents and neighbourhoods', async () => {
    const res = await graph.query<{ servicePoints: { nodes: { code: string; kind: string; publicHousingNeighbourhood: boolean; neighbourhood: string | null; parent: { code: string } | null }[] } }>(
      '{ servicePoints { nodes { code kind publicHousingNeighbourhood neighbourhood parent { code } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.servicePoints.nodes).toEqual([
      { code: 'CPI-MILANO', kind: 'JOB_CENTRE', publicHousingNeighbourhood: false, neighbourhood: null, parent: null },
      { code: 'DESK-PONTE-LAMBRO', kind: 'JOB_CENTRE_DESK', publicHousingNeighbourhood: true, neighbourhood: 'Ponte Lambro', parent: { code: 'CPI-MILANO' } },
      { code: 'SS-MILANO', kind: 'SOCIAL_SERVICES', publicHousingNeighbourhood: false, neighbourhood: null, parent: null },
    ]);
  });

  it('stores the referrals with their history and the fields derived from it', async () => {
    const res = await graph.query<{ _entities: { referrals: Record<string, unknown>[] }[] }>(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Worker { referrals {
        id state workerFiscalCode from { code } to { code } motivation createdAt updatedAt sentAt dueBy rejectionReason outcome
        history { sequence fromState toState at note } } } } }`,
      { r: [{ __typename: 'Worker', id: WORKER }] },
    );
    expect(res.errors).toBeUndefined();
    const [draft, rejected, closed] = res.data!._entities[0]!.referrals;
    expect(closed).toMatchObject({
      id: DATA.referrals[0]!.id,
      state: 'CLOSED',
      workerFiscalCode: FISCAL_CODE,
      from: { code: 'DESK-PONTE-LAMBRO' },
      to: { code: 'SS-MILANO' },
      createdAt: '2025-01-10T08:00:00.000Z',
      updatedAt: '2025-03-01T10:00:00.000Z',
      sentAt: '2025-01-10T08:05:00.000Z',
      dueBy: '2025-02-09',
      rejectionReason: null,
      outcome: 'PaIS signed',
    });
    expect(closed!.history).toEqual(DATA.referrals[0]!.history.map((e, i) => ({ sequence: i + 1, ...e })));
    expect(rejected).toMatchObject({ state: 'REJECTED', rejectionReason: 'Not resident in the area', outcome: null, dueBy: '2025-03-03' });
    expect(draft).toMatchObject({ state: 'DRAFT', sentAt: null, dueBy: null });
  });

  it("records the sending service point's code as the organisation that wrote each referral", async () => {
    const rows = await graph.em().find(Referral, {}, { orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => [r.id, r.createdByOrganisation])).toEqual(DATA.referrals.map((r) => [r.id, r.fromCode]));
  });

  it('stores one history row per event', async () => {
    expect(await graph.em().count(ReferralEvent)).toBe(DATA.referrals.reduce((n, r) => n + r.history.length, 0));
  });

  it('stores the desk contacts with the history registerDeskContact and a withdrawal of consent write', async () => {
    const em = graph.em();
    const contacts = await em.find(DeskContact, {}, { orderBy: { contactedAt: 'asc' } });
    expect(contacts.map((c) => [c.id, c.desk.code, c.organisation, c.fiscalCode, c.workerId, c.need, c.consentWithdrawnAt?.toISOString() ?? null])).toEqual([
      [DATA.deskContacts[0]!.id, 'DESK-PONTE-LAMBRO', 'DESK-PONTE-LAMBRO', FISCAL_CODE, WORKER, 'JOB_SEARCH', null],
      [DATA.deskContacts[1]!.id, 'DESK-PONTE-LAMBRO', 'DESK-PONTE-LAMBRO', null, null, 'HOUSING', '2025-02-11T10:00:00.000Z'],
    ]);
    expect(contacts[0]!.consentGivenAt.toISOString()).toBe('2025-01-09T10:00:00.000Z');
    const events = await em.find(DeskContactEvent, {}, { orderBy: { at: 'asc' } });
    expect(events.map((e) => [e.contact.id, e.sequence, e.action, e.purpose, e.organisation])).toEqual([
      [DATA.deskContacts[0]!.id, 1, 'REGISTERED', 'REFERRAL', 'DESK-PONTE-LAMBRO'],
      [DATA.deskContacts[1]!.id, 1, 'REGISTERED', 'REFERRAL', 'DESK-PONTE-LAMBRO'],
      [DATA.deskContacts[1]!.id, 2, 'CONSENT_WITHDRAWN', 'REFERRAL', 'DESK-PONTE-LAMBRO'],
    ]);
  });

  it("stores the pacts subgraph's do-not-convene decisions in the replica the appointments check", async () => {
    const rows = await graph.em().find(ConvocationExclusionReplica, {});
    expect(rows.map((r) => [r.exclusionId, r.fiscalCode, r.reason, r.since, r.endedOn])).toEqual([['5abe2f31-4c5d-4e6f-8a71-8c9d0e1f2a3b', FISCAL_CODE, 'AGED_60_OR_OVER', '2025-01-02', null]]);
  });
});
