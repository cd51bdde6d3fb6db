import { describe, expect, it } from 'vitest';
import { didProblems, OPEN_DID, servicePactProblems } from './dataset-rules';
import { demoDataset, tally, TODAY } from './fixture';

describe('demo data set: DIDs and service pacts', () => {
  const data = demoDataset();

  it('gives a DID to about 40% of the workers', () => {
    const holders = new Set(data.dids.map((d) => d.workerId));
    expect(holders.size / data.workers.length).toBeGreaterThan(0.3);
    expect(holders.size / data.workers.length).toBeLessThan(0.5);
  });

  it('follows the DID machine, one open DID per worker at most, jobs matching the state', () => {
    expect(didProblems(data, TODAY)).toEqual([]);
    const open = tally(data.dids.filter((d) => OPEN_DID.has(d.status)), (d) => d.workerId);
    expect(Math.max(...Object.values(open))).toBe(1);
  });

  it('shows every DID state and the transitions that jobs cause', () => {
    const states = tally(data.dids, (d) => d.status);
    for (const state of ['INSERTED', 'VALIDATED', 'SUSPENDED', 'LAPSED', 'REVOKED', 'CANCELLED']) expect(states[state] ?? 0).toBeGreaterThan(0);
    const transitions = new Set(data.dids.flatMap((d) => d.history.map((h) => `${h.fromStatus}>${h.toStatus}`)));
    for (const t of ['INSERTED>VALIDATED', 'VALIDATED>SUSPENDED', 'SUSPENDED>VALIDATED', 'VALIDATED>LAPSED', 'VALIDATED>REVOKED', 'INSERTED>CANCELLED']) {
      expect(transitions).toContain(t);
    }
    expect(data.dids.some((d) => d.channel === 'INPS_NASPI')).toBe(true);
    // Some people had an earlier DID, closed before the current one.
    expect(Object.values(tally(data.dids, (d) => d.workerId)).some((n) => n > 1)).toBe(true);
  });

  it('validates DIDs with service pacts whose states and dates agree with them', () => {
    expect(servicePactProblems(data, TODAY)).toEqual([]);
    const programmes = tally(data.servicePacts, (p) => p.programme);
    expect(programmes.GOL ?? 0).toBeGreaterThan(data.servicePacts.length / 4);
    for (const programme of ['ORDINARY', 'ADI', 'SFL']) expect(programmes[programme] ?? 0).toBeGreaterThan(0);
    expect(new Set(data.servicePacts.filter((p) => p.golPathway).map((p) => p.golPathway)).size).toBeGreaterThanOrEqual(4);
  });
});
