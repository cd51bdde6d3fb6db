import { type EntityManager } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AvailabilityDeclaration, DidChannel, DidStatus } from '../../../subgraphs/workers/availability/availability.entity';
import { EmploymentLink } from '../../../subgraphs/workers/employment-link/employment-link.entity';
import { Worker } from '../../../subgraphs/workers/worker/worker.entity';
import { person } from '../../utils/people';
import { insertDirectoryReplica, JENNER, PLAIN_DESK, SANSIRO } from '../referrals/neighbourhood-fixtures';

export const PLACEMENTS = `query($year: Int!) { neighbourhoodDeskPlacements(year: $year) { indicator total totalSuppressed minimumCellCount cells { desk quarter count suppressed } } }`;

/** A hire of `worker` (an employment link of the replica) starting on `startDate`. */
function hire(em: EntityManager, worker: Worker, startDate: string): void {
  em.create(EmploymentLink, { id: randomUUID(), worker, employerFiscalCode: '01234567890', construction: false, cassaEdileCode: null, startDate, endDate: null });
}

/**
 * One person per row: a DID at a desk on a day, and their hires. Expected for 2025:
 * San Siro Q1 4 (three at five months, one of them hired twice, and one on the last day
 * of the six months); not counted there: a hire at seven months, one before the DID, one
 * on the DID day. San Siro Q3 3 (DIDs of 31 August, hired on 28 February 2026, the end of
 * their window; one hired on 1 March is not). The desk with no neighbourhood is never
 * counted. 2024: one placement at Jenner Q4 (a small cell).
 */
export async function insertPlacementFixtures(em: EntityManager): Promise<void> {
  await insertDirectoryReplica(em);
  const spec: [desk: string, declaredOn: string, hires: string[]][] = [
    [SANSIRO, '2025-02-03', ['2025-07-03']],
    [SANSIRO, '2025-02-03', ['2025-07-03']],
    [SANSIRO, '2025-02-10', ['2025-04-01', '2025-07-10']],
    [SANSIRO, '2025-03-31', ['2025-09-30']],
    [SANSIRO, '2025-02-03', ['2025-09-03']],
    [SANSIRO, '2025-02-03', ['2025-01-10']],
    [SANSIRO, '2025-02-03', ['2025-02-03']],
    [SANSIRO, '2025-08-31', ['2026-02-28']],
    [SANSIRO, '2025-08-31', ['2026-02-28']],
    [SANSIRO, '2025-08-31', ['2026-02-28']],
    [SANSIRO, '2025-08-31', ['2026-03-01']],
    [PLAIN_DESK, '2025-02-03', ['2025-03-03']],
    [PLAIN_DESK, '2025-02-03', ['2025-03-03']],
    [PLAIN_DESK, '2025-02-03', ['2025-03-03']],
    [JENNER, '2024-11-15', ['2025-01-15']],
  ];
  let n = 600;
  for (const [jobCentre, declaredOn, hires] of spec) {
    const worker = em.create(Worker, person((n += 1), { domicileMunicipality: '015146', domicileProvince: '015' }) as Worker);
    em.create(AvailabilityDeclaration, { worker, declaredOn, channel: DidChannel.JOB_CENTRE, status: DidStatus.INSERTED, statusDate: declaredOn, jobCentre });
    for (const startDate of hires) hire(em, worker, startDate);
  }
  await em.flush();
}

/**
 * For the yearly report, on top of `insertNeighbourhoodDids`: three of the people of its San
 * Siro DIDs of 3 February 2025 hired five months later, a fourth seven months later (not a
 * placement within six months). Expected: San Siro Q1 3, total 3.
 */
export async function insertReportPlacements(em: EntityManager): Promise<void> {
  const dids = await em.find(AvailabilityDeclaration, { jobCentre: SANSIRO, declaredOn: '2025-02-03' }, { populate: ['worker'], orderBy: { id: 'asc' } });
  dids.forEach((did, i) => hire(em, did.worker, i < 3 ? '2025-07-03' : '2025-09-03'));
  await em.flush();
}
