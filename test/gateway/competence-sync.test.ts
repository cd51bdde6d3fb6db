import { type EntityData } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../subgraphs/lib/dates';
import { Purpose, Role } from '../../subgraphs/lib/identity';
import { OutboxEvent, OutboxStatus } from '../../subgraphs/lib/outbox/outbox-event.entity';
import { ServicePointDirectoryEntry } from '../../subgraphs/lib/service-point-directory.entity';
import { PersonCompetence } from '../../subgraphs/referrals/competence/person-competence.entity';
import { ServicePoint } from '../../subgraphs/referrals/service-point/service-point.entity';
import { Worker } from '../../subgraphs/workers/worker/worker.entity';
import { POINTS } from '../subgraphs/referrals/fixtures';
import { authHeaders } from '../utils/auth';
import { createTestGraph, type TestGraph } from '../utils/graph';
import { deliverEvents } from '../utils/outbox';
import { person } from '../utils/people';

// Issue 5 point 1 end to end: the competent job centre of a transfer is decided on the
// referrals subgraph's replica, which the workers and pacts subgraphs keep in sync through
// their outboxes. A person domiciled in Milan declares availability (DID) at the Cremona job
// centre: the social services of Milan send them there. Then a service pact is opened at a
// Milan job-centre desk: the pact holder comes first (domain.md §8.3).
const PERSON = person(71, { domicileMunicipality: '015146', domicileProvince: '015' });
const DID_HOLDER = POINTS.jobCentreCremona;
const PACT_HOLDER = POINTS.desk;

const REFER = `mutation($input: ReferHouseholdMembersToJobCentreInput!) {
  referHouseholdMembersToJobCentre(input: $input) { members { outcome competenceRule competentServicePoint { code } referral { id state from { code } to { code } } } }
}`;
const REGISTER_DID = `mutation($input: RegisterAvailabilityDeclarationInput!) { registerAvailabilityDeclaration(input: $input) { id status } }`;
const CREATE_PACT = `mutation($input: CreateServicePactInput!) { createServicePact(input: $input) { id state } }`;
const SIGN_PACT = `mutation($input: SignServicePactInput!) { signServicePact(input: $input) { id state } }`;

const socialWorkerMilan = () => authHeaders({ role: Role.SOCIAL_WORKER, purposes: [Purpose.REFERRAL], organisation: 'comune-milano', subject: 'sw-mi-sync', territory: ['015146'] });
// A job-centre operator for Milan and Cremona, so the Cremona DID of a Milanese is in its territory.
const cpiOperator = () => authHeaders({ role: Role.CPI_OPERATOR, purposes: [Purpose.EMPLOYMENT_SERVICES], organisation: 'org-cpi-lombardia', subject: 'operator-cpi-sync', territory: ['015', '019'] });

interface Member {
  outcome: string;
  competenceRule: string | null;
  competentServicePoint: { code: string } | null;
  referral: { id: string; state: string; from: { code: string }; to: { code: string } } | null;
}

describe('the competence of a transfer follows DIDs and service pacts through the outboxes', () => {
  let graph: TestGraph;
  let workerId = '';
  beforeAll(async () => {
    graph = await createTestGraph({
      seed: async ({ referrals, workers, pacts }) => {
        const points = [POINTS.jobCentre, POINTS.desk, POINTS.jobCentreCremona, POINTS.social];
        await referrals!.insertMany(ServicePoint, points as EntityData<ServicePoint>[]);
        for (const em of [workers!, pacts!]) {
          for (const p of points) em.create(ServicePointDirectoryEntry, { code: p.code, kind: p.kind, municipality: p.municipality, province: p.province });
        }
        workerId = workers!.create(Worker, PERSON as Worker).id;
        await Promise.all([workers!.flush(), pacts!.flush()]);
      },
    });
  });
  afterAll(() => graph?.close());

  const refer = async (): Promise<Member> => {
    const res = await graph.query<{ referHouseholdMembersToJobCentre: { members: Member[] } }>(REFER, { input: { members: [{ fiscalCode: PERSON.fiscalCode }] } }, await socialWorkerMilan());
    expect(res.errors).toBeUndefined();
    return res.data!.referHouseholdMembersToJobCentre.members[0]!;
  };
  const pending = (from: 'workers' | 'pacts', topic: string) => graph.subgraphs[from]!.runtime.db.orm.em.fork().count(OutboxEvent, { topic, status: OutboxStatus.PENDING });

  it('a DID registered at a job centre, once its event is delivered, makes that job centre competent', async () => {
    // Nothing in the replica yet: unknown to the referrals subgraph.
    expect((await refer()).outcome).toBe('NOT_FOUND');

    const did = await graph.query<{ registerAvailabilityDeclaration: { status: string } }>(
      REGISTER_DID,
      { input: { fiscalCode: PERSON.fiscalCode, declaredOn: today(), channel: 'JOB_CENTRE', jobCentreCode: DID_HOLDER.code } },
      await cpiOperator(),
    );
    expect(did.errors).toBeUndefined();
    expect(did.data!.registerAvailabilityDeclaration.status).toBe('INSERTED');
    // Queued with the DID, in its transaction; the replica changes only when it is delivered.
    expect(await pending('workers', 'competence.workers')).toBe(1);
    expect((await refer()).outcome).toBe('NOT_FOUND');

    await deliverEvents(graph, 'workers', 'competence.workers');
    expect(await pending('workers', 'competence.workers')).toBe(0);

    const member = await refer();
    expect(member).toMatchObject({
      outcome: 'SENT',
      competenceRule: 'AVAILABILITY_DECLARATION',
      competentServicePoint: { code: DID_HOLDER.code },
      referral: { state: 'SENT', from: { code: POINTS.social.code }, to: { code: DID_HOLDER.code } },
    });
    // Withdrawn, so that the next transfer is a new one.
    const withdrawn = await graph.query('mutation($id: ID!) { withdrawReferral(id: $id) { state } }', { id: member.referral!.id }, await socialWorkerMilan());
    expect(withdrawn.errors).toBeUndefined();
  });

  it('a service pact opened at another job centre, once delivered, moves the competence to the pact holder', async () => {
    const created = await graph.query<{ createServicePact: { id: string; state: string } }>(
      CREATE_PACT,
      { input: { workerId, fiscalCode: PERSON.fiscalCode, jobCentreCode: PACT_HOLDER.code, programme: 'ORDINARY', proposedOn: today() } },
      await cpiOperator(),
    );
    expect(created.errors).toBeUndefined();
    const signed = await graph.query<{ signServicePact: { state: string } }>(SIGN_PACT, { input: { id: created.data!.createServicePact.id, signedOn: today() } }, await cpiOperator());
    expect(signed.errors).toBeUndefined();
    expect(signed.data!.signServicePact.state).toBe('SIGNED');
    // One snapshot per change (proposal, signature), each queued in its mutation's transaction.
    expect(await pending('pacts', 'competence.pacts')).toBe(2);

    await deliverEvents(graph, 'pacts', 'competence.pacts');
    expect(await pending('pacts', 'competence.pacts')).toBe(0);

    // The pacts event changed the pacts facts only: the DID holder is still known.
    const replica = await graph.subgraphs.referrals!.runtime.db.orm.em.fork().findOneOrFail(PersonCompetence, { fiscalCode: PERSON.fiscalCode });
    expect(replica).toMatchObject({ workerId, availabilityJobCentre: DID_HOLDER.code, servicePactJobCentre: PACT_HOLDER.code });
    // The pact holder comes before the DID holder (domain.md §8.3).
    expect(await refer()).toMatchObject({
      outcome: 'SENT',
      competenceRule: 'SERVICE_PACT',
      competentServicePoint: { code: PACT_HOLDER.code },
      referral: { state: 'SENT', from: { code: POINTS.social.code }, to: { code: PACT_HOLDER.code } },
    });
  });
});
