import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadEventError } from '../../../subgraphs/lib/subgraph';
import { referralsSubgraph } from '../../../subgraphs/referrals';
import { applyPactsCompetenceEvent, applyWorkersCompetenceEvent } from '../../../subgraphs/referrals/competence/competence.events';
import { PersonCompetence } from '../../../subgraphs/referrals/competence/person-competence.entity';
import { type ReferralsLoaders } from '../../../subgraphs/referrals/loaders';
import { asCaller, callerAs } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { insertServicePoints, POINTS } from './fixtures';

// The competence replica follows the workers and pacts subgraphs through their events:
// snapshots of each source's facts, applied whatever the order they arrive in.
const MILAN_SOCIAL_WORKER = callerAs('SOCIAL_WORKER', 'REFERRAL', { subject: 'social-worker-mi-02', organisation: 'comune-milano', territory: ['015146'] });

const TO_JOB_CENTRE = `mutation($input: ReferHouseholdMembersToJobCentreInput!) {
  referHouseholdMembersToJobCentre(input: $input) { members { outcome competenceRule competentServicePoint { code } referral { worker { id } } } }
}`;

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 9, minutes)).toISOString();

const workersFacts = (fiscalCode: string, workerId: string, extra: Record<string, unknown> = {}) => ({
  fiscalCode,
  workerId,
  domicileMunicipality: '015146',
  availabilityJobCentre: null,
  recordJobCentre: null,
  changedAt: at(0),
  ...extra,
});
const pactsFacts = (fiscalCode: string, extra: Record<string, unknown> = {}) => ({
  fiscalCode,
  servicePactJobCentre: null,
  inclusionPactMunicipality: null,
  changedAt: at(0),
  ...extra,
});

describe('the competence replica follows the workers and pacts events', () => {
  let graph: TestSubgraph<ReferralsLoaders>;
  beforeAll(async () => {
    graph = await createTestSubgraph(referralsSubgraph, { caller: MILAN_SOCIAL_WORKER });
    await insertServicePoints(graph.em());
  });
  afterAll(() => graph.close());

  const row = (fiscalCode: string) => graph.em().findOne(PersonCompetence, { fiscalCode });
  const refer = async (fiscalCode: string) => {
    const res = await graph.query<{ referHouseholdMembersToJobCentre: { members: { outcome: string; competenceRule: string | null; competentServicePoint: { code: string } | null; referral: { worker: { id: string } } | null }[] } }>(
      TO_JOB_CENTRE,
      { input: { members: [{ fiscalCode }] } },
      asCaller(MILAN_SOCIAL_WORKER),
    );
    expect(res.errors).toBeUndefined();
    return res.data!.referHouseholdMembersToJobCentre.members[0]!;
  };

  it('a workers event creates the row; the same event again changes nothing', async () => {
    const fiscalCode = person(61).fiscalCode;
    const workerId = randomUUID();
    const event = workersFacts(fiscalCode, workerId, { availabilityJobCentre: POINTS.jobCentreCremona.code, changedAt: at(5) });
    expect(await applyWorkersCompetenceEvent(graph.em(), event)).toBe('created');
    const first = await row(fiscalCode);
    expect(first).toMatchObject({ workerId, domicileMunicipality: '015146', availabilityJobCentre: POINTS.jobCentreCremona.code, recordJobCentre: null, servicePactJobCentre: null });
    expect(first!.workersChangedAt!.toISOString()).toBe(at(5));
    expect(first!.pactsChangedAt).toBeNull();

    expect(await applyWorkersCompetenceEvent(graph.em(), event)).toMatch(/^ignored/);
    expect(await graph.em().count(PersonCompetence, { fiscalCode })).toBe(1);
    expect((await row(fiscalCode))!.updatedAt.getTime()).toBe(first!.updatedAt.getTime());
  });

  it('an older event arriving after a newer one is ignored, for each source', async () => {
    const fiscalCode = person(62).fiscalCode;
    const workerId = randomUUID();
    await applyWorkersCompetenceEvent(graph.em(), workersFacts(fiscalCode, workerId, { availabilityJobCentre: null, changedAt: at(20) }));
    await applyPactsCompetenceEvent(graph.em(), pactsFacts(fiscalCode, { servicePactJobCentre: POINTS.desk.code, changedAt: at(20) }));

    // Written before the DID lapsed and before the pact closed, delivered late.
    expect(await applyWorkersCompetenceEvent(graph.em(), workersFacts(fiscalCode, workerId, { availabilityJobCentre: POINTS.jobCentreCremona.code, changedAt: at(10) }))).toMatch(/^ignored/);
    expect(await applyPactsCompetenceEvent(graph.em(), pactsFacts(fiscalCode, { servicePactJobCentre: POINTS.jobCentreCremona.code, changedAt: at(10) }))).toMatch(/^ignored/);
    expect(await row(fiscalCode)).toMatchObject({ availabilityJobCentre: null, servicePactJobCentre: POINTS.desk.code });

    // A newer one applies.
    expect(await applyPactsCompetenceEvent(graph.em(), pactsFacts(fiscalCode, { servicePactJobCentre: null, changedAt: at(30) }))).toBe('updated');
    expect(await row(fiscalCode)).toMatchObject({ availabilityJobCentre: null, servicePactJobCentre: null });
  });

  it('a pacts event before the workers one is kept; the person is unknown until the workers facts arrive', async () => {
    const fiscalCode = person(63).fiscalCode;
    const workerId = randomUUID();
    expect(await applyPactsCompetenceEvent(graph.em(), pactsFacts(fiscalCode, { servicePactJobCentre: POINTS.jobCentreCremona.code, inclusionPactMunicipality: '015146', changedAt: at(40) }))).toBe('created');
    expect(await row(fiscalCode)).toMatchObject({ workerId: null, domicileMunicipality: null, servicePactJobCentre: POINTS.jobCentreCremona.code });
    expect(await refer(fiscalCode)).toMatchObject({ outcome: 'NOT_FOUND', competenceRule: null, competentServicePoint: null, referral: null });

    // The workers facts, read earlier than the pacts ones: each source has its own clock.
    expect(await applyWorkersCompetenceEvent(graph.em(), workersFacts(fiscalCode, workerId, { availabilityJobCentre: POINTS.jobCentre.code, changedAt: at(1) }))).toBe('updated');
    expect(await row(fiscalCode)).toMatchObject({ workerId, domicileMunicipality: '015146', availabilityJobCentre: POINTS.jobCentre.code, servicePactJobCentre: POINTS.jobCentreCremona.code, inclusionPactMunicipality: '015146' });
    // The service-pact holder comes before the DID holder (domain.md §8.3).
    expect(await refer(fiscalCode)).toMatchObject({ outcome: 'SENT', competenceRule: 'SERVICE_PACT', competentServicePoint: { code: POINTS.jobCentreCremona.code }, referral: { worker: { id: workerId } } });
  });

  it('a seeded row (no stamps) takes the first event of each source', async () => {
    const fiscalCode = person(64).fiscalCode;
    const workerId = randomUUID();
    await graph.em().insert(PersonCompetence, { fiscalCode, workerId, domicileMunicipality: '019036', availabilityJobCentre: POINTS.jobCentreCremona.code, updatedAt: new Date() });
    expect(await applyWorkersCompetenceEvent(graph.em(), workersFacts(fiscalCode, workerId, { domicileMunicipality: '015146', changedAt: at(2) }))).toBe('updated');
    expect(await applyPactsCompetenceEvent(graph.em(), pactsFacts(fiscalCode, { inclusionPactMunicipality: '015146', changedAt: at(2) }))).toBe('updated');
    expect(await row(fiscalCode)).toMatchObject({ workerId, domicileMunicipality: '015146', availabilityJobCentre: null, inclusionPactMunicipality: '015146' });
  });

  it('a malformed event is a BadEventError and writes nothing', async () => {
    const fiscalCode = person(65).fiscalCode;
    const malformed: [string, (em: ReturnType<typeof graph.em>, payload: unknown) => Promise<string>, unknown][] = [
      ['not an object', applyWorkersCompetenceEvent, 'competence'],
      ['no changedAt', applyWorkersCompetenceEvent, { ...workersFacts(fiscalCode, randomUUID()), changedAt: undefined }],
      ['a worker id that is not a UUID', applyWorkersCompetenceEvent, workersFacts(fiscalCode, 'worker-1')],
      ['a domicile that is not an ISTAT code', applyWorkersCompetenceEvent, workersFacts(fiscalCode, randomUUID(), { domicileMunicipality: 'Milano' })],
      ['a changedAt that is not a timestamp', applyPactsCompetenceEvent, pactsFacts(fiscalCode, { changedAt: 'yesterday' })],
      ['no fiscal code', applyPactsCompetenceEvent, { ...pactsFacts(fiscalCode), fiscalCode: undefined }],
      ['a municipality that is not an ISTAT code', applyPactsCompetenceEvent, pactsFacts(fiscalCode, { inclusionPactMunicipality: 15146 })],
    ];
    for (const [what, apply, payload] of malformed) {
      await expect(apply(graph.em(), payload), what).rejects.toBeInstanceOf(BadEventError);
    }
    expect(await graph.em().count(PersonCompetence, { fiscalCode })).toBe(0);
  });
});
