import { type EntityData } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Purpose, Role } from '../../subgraphs/lib/identity';
import { ServicePoint } from '../../subgraphs/referrals/service-point/service-point.entity';
import { Worker } from '../../subgraphs/workers/worker/worker.entity';
import { POINTS } from '../subgraphs/referrals/fixtures';
import { authHeaders } from '../utils/auth';
import { createTestGraph, type TestGraph } from '../utils/graph';
import { person } from '../utils/people';

// Issue 5 point 5 through the gateway, with real tokens: a job centre of Milan convenes a
// person at its desk in a public-housing neighbourhood and reads the person across the
// subgraphs; the person sees and confirms their own appointment, and nobody else's; a job
// centre of another territory sees nothing.
const PERSON = person(41);
const SOMEONE_ELSE = person(42);
let workerId = '';

const SCHEDULE = `mutation($input: ScheduleAppointmentInput!) { scheduleAppointment(input: $input) {
  id state kind noShow reminders { channel status } servicePoint { code publicHousingNeighbourhood }
  worker { id fiscalCode lastName } } }`;
const MINE = `{ myAppointments(first: 10) { totalCount nodes { id state scheduledAt servicePoint { name } reminders { channel status } } } }`;
const CONFIRM = `mutation($id: ID!) { confirmAppointment(id: $id) { id state confirmedAt } }`;
const GET = `query($id: ID!) { appointment(id: $id) { id state } }`;

const cpiMilan = () => authHeaders({ role: Role.CPI_OPERATOR, purposes: [Purpose.EMPLOYMENT_SERVICES], organisation: 'org-afol', subject: 'operator-cpi-mi', territory: ['015'] });
const cpiCremona = () => authHeaders({ role: Role.CPI_OPERATOR, purposes: [Purpose.EMPLOYMENT_SERVICES], organisation: 'org-cpi-cr', territory: ['019'] });
const citizen = (fiscalCode: string) => authHeaders({ role: Role.CITIZEN, purposes: [Purpose.SELF_SERVICE], organisation: 'org-spid', subject: fiscalCode, territory: [] });

describe('appointments through the gateway', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await createTestGraph({
      seed: async ({ referrals, workers }) => {
        await referrals!.insertMany(ServicePoint, [POINTS.jobCentre] as EntityData<ServicePoint>[]);
        await referrals!.insertMany(ServicePoint, [POINTS.desk] as EntityData<ServicePoint>[]);
        const worker = workers!.create(Worker, { ...PERSON, domicileMunicipality: '015146' } as Worker);
        await workers!.flush();
        workerId = worker.id;
      },
    });
  });
  afterAll(() => graph?.close());

  it('a job centre convenes a person at its ERP desk; the person sees and confirms it; others see nothing', async () => {
    const scheduledAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const scheduled = await graph.query<{ scheduleAppointment: { id: string; state: string; worker: { fiscalCode: string } } }>(SCHEDULE, {
      input: { servicePointCode: POINTS.desk.code, kind: 'CONVOCATION', workerId, fiscalCode: PERSON.fiscalCode, scheduledAt },
    }, await cpiMilan());
    expect(scheduled.errors).toBeUndefined();
    const appointment = scheduled.data!.scheduleAppointment;
    expect(appointment).toMatchObject({
      state: 'SCHEDULED', kind: 'CONVOCATION', noShow: false,
      servicePoint: { code: POINTS.desk.code, publicHousingNeighbourhood: true },
      worker: { id: workerId, fiscalCode: PERSON.fiscalCode, lastName: PERSON.lastName },
      reminders: [{ channel: 'SMS', status: 'PENDING' }, { channel: 'SMS', status: 'PENDING' }],
    });

    const mine = await graph.query<{ myAppointments: { totalCount: number; nodes: { id: string }[] } }>(MINE, {}, await citizen(PERSON.fiscalCode));
    expect(mine.errors).toBeUndefined();
    expect(mine.data!.myAppointments.totalCount).toBe(1);
    expect(mine.data!.myAppointments.nodes[0]).toMatchObject({ id: appointment.id, state: 'SCHEDULED', servicePoint: { name: POINTS.desk.name } });

    const other = await graph.query<{ myAppointments: { totalCount: number } }>(MINE, {}, await citizen(SOMEONE_ELSE.fiscalCode));
    expect(other.data!.myAppointments.totalCount).toBe(0);
    const notTheirs = await graph.query(CONFIRM, { id: appointment.id }, await citizen(SOMEONE_ELSE.fiscalCode));
    expect(notTheirs.errors![0]!.extensions!.code).toBe('NOT_FOUND');

    const confirmed = await graph.query<{ confirmAppointment: { state: string; confirmedAt: string | null } }>(CONFIRM, { id: appointment.id }, await citizen(PERSON.fiscalCode));
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmAppointment.state).toBe('CONFIRMED');
    expect(confirmed.data!.confirmAppointment.confirmedAt).not.toBeNull();

    const cremona = await graph.query<{ appointment: unknown }>(GET, { id: appointment.id }, await cpiCremona());
    expect(cremona.errors).toBeUndefined();
    expect(cremona.data!.appointment).toBeNull();
    const milan = await graph.query<{ appointment: { state: string } }>(GET, { id: appointment.id }, await cpiMilan());
    expect(milan.data!.appointment.state).toBe('CONFIRMED');

    // The person may not record an outcome of their own appointment.
    const outcome = await graph.query(`mutation($id: ID!) { recordAppointmentOutcome(input: { id: $id, outcome: ATTENDED }) { id } }`, { id: appointment.id }, await citizen(PERSON.fiscalCode));
    expect(outcome.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });
});
