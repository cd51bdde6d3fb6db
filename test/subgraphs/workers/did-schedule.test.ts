import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../subgraphs/lib/config';
import { createLogger } from '../../../subgraphs/lib/logger';
import { workersSubgraph } from '../../../subgraphs/workers';
import { AvailabilityDeclaration, AvailabilityStatusChange, DidChannel, DidStatus } from '../../../subgraphs/workers/availability/availability.entity';
import { DID_SCHEDULE_PROPOSER, DidChangeKind, DidChangeProposal } from '../../../subgraphs/workers/availability/did-change-proposal.entity';
import { proposeDueResumptions } from '../../../subgraphs/workers/availability/did-schedule';
import { DEFAULT_DID_SCHEDULE_INTERVAL_MS, readDidScheduleSettings, runDidSchedule } from '../../../subgraphs/workers/availability/did-schedule.background';
import { EmploymentLink } from '../../../subgraphs/workers/employment-link/employment-link.entity';
import { applyEmploymentLinkEvent } from '../../../subgraphs/workers/employment-link/employment-link.events';
import { type WorkersLoaders } from '../../../subgraphs/workers/loaders';
import { Worker } from '../../../subgraphs/workers/worker/worker.entity';
import { asCaller, callerAs } from '../../utils/callers';
import { person } from '../../utils/people';
import { createTestSubgraph, type TestSubgraph } from '../../utils/subgraph';
import { addDirectory, DIRECTORY, EMPLOYERS } from './support';

// The natural end of a fixed-term job: a short job that suspended the DID reaches its planned
// end with no termination notice, and the DID schedule proposes RESUME (an operator decides).
const OPERATOR = callerAs('CPI_OPERATOR', 'EMPLOYMENT_SERVICES', { territory: ['015'], subject: 'OPERATOR-MI-1' });
const PLANNED_END = '2026-05-31';
const DAY_OF_END = new Date('2026-05-31T20:00:00.000Z'); // 22:00 in Rome, still the planned end
const DAY_AFTER = new Date('2026-05-31T22:30:00.000Z'); // 00:30 of 1 June in Rome

describe('the DID schedule proposes RESUME when a suspending fixed-term job reaches its planned end', () => {
  let graph: TestSubgraph<WorkersLoaders>;
  let n = 760;

  beforeAll(async () => {
    graph = await createTestSubgraph(workersSubgraph, { caller: OPERATOR });
    await addDirectory(graph.em());
  });
  afterAll(() => graph.close());

  const confirm = (id: string) =>
    graph.query<{ confirmDidChangeProposal: { declaration: { status: string } } }>(
      'mutation($id: ID!) { confirmDidChangeProposal(input: { id: $id }) { declaration { status } } }',
      { id },
      asCaller(OPERATOR),
    );

  /** A VALIDATED DID suspended (proposal confirmed) by a short job with a planned end; returns the DID and the relationship. */
  async function suspendedByShortJob(extra: Record<string, unknown> = {}) {
    const em = graph.em();
    const worker = em.create(Worker, person(n++, { domicileMunicipality: '015146', domicileProvince: '015' }) as Worker);
    const did = em.create(AvailabilityDeclaration, { worker, declaredOn: '2025-01-10', channel: DidChannel.JOB_CENTRE, status: DidStatus.VALIDATED, statusDate: '2025-02-01', jobCentre: DIRECTORY.milanJobCentre.code });
    em.create(AvailabilityStatusChange, { declaration: did, toStatus: DidStatus.VALIDATED, effectiveOn: '2025-02-01', recordedBy: 'OPERATOR-TEST-9' });
    await em.flush();
    const event = {
      relationshipId: randomUUID(),
      workerFiscalCode: worker.fiscalCode,
      employerFiscalCode: EMPLOYERS.retail,
      construction: false,
      cassaEdileCode: null,
      startDate: '2026-03-02',
      endDate: PLANNED_END,
      plannedEndDate: PLANNED_END,
      terminationDate: null,
      annulled: false,
      noticeCode: '1500000000000021',
      ...extra,
    };
    expect(await applyEmploymentLinkEvent(graph.em(), event)).toBe('created; proposed SUSPEND');
    const suspend = await graph.em().findOneOrFail(DidChangeProposal, { declaration: did.id, kind: DidChangeKind.SUSPEND });
    expect((await confirm(suspend.id)).data?.confirmDidChangeProposal.declaration.status).toBe('SUSPENDED');
    return { didId: did.id, event };
  }
  const resumptionsOf = (didId: string) => graph.em().find(DidChangeProposal, { declaration: didId, kind: DidChangeKind.RESUME });

  it('the replica keeps the planned end and the termination apart', async () => {
    const { event } = await suspendedByShortJob();
    expect(await graph.em().findOneOrFail(EmploymentLink, event.relationshipId)).toMatchObject({ plannedEndDate: PLANNED_END, terminationDate: null, endDate: PLANNED_END });
  });

  it('proposes nothing on the planned end itself; the day after, one RESUME effective that day, idempotently, which an operator confirms', async () => {
    const { didId, event } = await suspendedByShortJob();
    await proposeDueResumptions(graph.em(), DAY_OF_END);
    expect(await resumptionsOf(didId)).toEqual([]);

    const first = await proposeDueResumptions(graph.em(), DAY_AFTER);
    expect(first.proposed).toBeGreaterThanOrEqual(1);
    const [resume] = await resumptionsOf(didId);
    expect(resume).toMatchObject({
      status: 'PENDING',
      toStatus: 'VALIDATED',
      causeReference: event.relationshipId,
      effectiveOn: '2026-06-01',
      proposedBy: DID_SCHEDULE_PROPOSER,
      declarationVersion: 2,
      proposalReason: `the fixed-term job that suspended the DID reached its planned end on ${PLANNED_END} with no termination notice`,
    });
    expect((await graph.em().findOneOrFail(AvailabilityDeclaration, didId)).status).toBe(DidStatus.SUSPENDED);

    expect((await proposeDueResumptions(graph.em(), DAY_AFTER)).proposed).toBe(0);
    expect(await resumptionsOf(didId)).toHaveLength(1);
    expect((await confirm(resume!.id)).data?.confirmDidChangeProposal.declaration.status).toBe('VALIDATED');
    expect((await proposeDueResumptions(graph.em(), DAY_AFTER)).proposed).toBe(0);
  });

  it('a RESUME the operator rejected is not proposed again', async () => {
    const { didId } = await suspendedByShortJob();
    await proposeDueResumptions(graph.em(), DAY_AFTER);
    const [resume] = await resumptionsOf(didId);
    const rejected = await graph.query('mutation($id: ID!) { rejectDidChangeProposal(input: { id: $id, reason: "the contract was extended" }) { status } }', { id: resume!.id }, asCaller(OPERATOR));
    expect(rejected.errors).toBeUndefined();
    await proposeDueResumptions(graph.em(), new Date('2026-07-01T10:00:00.000Z'));
    expect((await resumptionsOf(didId)).map((p) => p.status)).toEqual(['REJECTED']);
  });

  it('a terminated job is left to its termination notice (RESUME effective on the termination date), a longer planned end waits', async () => {
    const terminated = await suspendedByShortJob();
    expect(await applyEmploymentLinkEvent(graph.em(), { ...terminated.event, terminationDate: '2026-04-30', endDate: '2026-04-30' })).toBe('updated; proposed RESUME');
    const extended = await suspendedByShortJob();
    // An extension (prorogation) moves the planned end: nothing is due yet.
    await applyEmploymentLinkEvent(graph.em(), { ...extended.event, plannedEndDate: '2026-08-15', endDate: '2026-08-15' });
    await proposeDueResumptions(graph.em(), DAY_AFTER);
    expect((await resumptionsOf(terminated.didId)).map((p) => p.effectiveOn)).toEqual(['2026-04-30']);
    expect(await resumptionsOf(extended.didId)).toEqual([]);
  });

  it('two runs at once propose one RESUME', async () => {
    const { didId } = await suspendedByShortJob();
    const runs = await Promise.all([proposeDueResumptions(graph.em(), DAY_AFTER), proposeDueResumptions(graph.em(), DAY_AFTER)]);
    expect(runs[0]!.proposed + runs[1]!.proposed).toBe(1);
    expect(await resumptionsOf(didId)).toHaveLength(1);
  });

  it('runs in the workers background at DID_SCHEDULE_INTERVAL_MS (validated, hourly by default)', async () => {
    expect(readDidScheduleSettings({})).toEqual({ intervalMs: DEFAULT_DID_SCHEDULE_INTERVAL_MS });
    expect(readDidScheduleSettings({ DID_SCHEDULE_INTERVAL_MS: '60000' })).toEqual({ intervalMs: 60_000 });
    const process = { db: graph.runtime.db, logger: createLogger('workers-test', 'silent'), production: false };
    expect(() => runDidSchedule({ ...process, env: { DID_SCHEDULE_INTERVAL_MS: 'soon' } })).toThrow(ConfigError);
    expect(() => workersSubgraph.background!({ ...process, env: { DID_SCHEDULE_INTERVAL_MS: '0' } })).toThrow(/DID_SCHEDULE_INTERVAL_MS/);

    // A job whose planned end is already past: the first run, at start, proposes its RESUME.
    const { didId } = await suspendedByShortJob({ startDate: '2026-01-05', plannedEndDate: '2026-02-27', endDate: '2026-02-27' });
    const work = runDidSchedule({ ...process, env: {} })!;
    await new Promise((resolve) => setImmediate(resolve));
    await work.stop();
    expect((await resumptionsOf(didId)).map((p) => [p.status, p.effectiveOn])).toEqual([['PENDING', '2026-02-28']]);
  });
});
