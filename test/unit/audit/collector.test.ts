import { describe, expect, it } from 'vitest';
import { AuditCollector, AuditKind } from '../../../subgraphs/lib/audit';
import { person } from '../../utils/people';

describe('the audit collector of a request', () => {
  it('gathers people, employers and coordinates once each, ignoring empty values', () => {
    const collector = new AuditCollector({ requestId: 'req-collect-01' });
    expect(collector.touched).toBe(false);
    collector.addPeople(person(1).fiscalCode, null, undefined, '', person(1).fiscalCode).addEmployers('00000000000');
    collector.refuse('Worker.birthDate').refuse('Worker.birthDate').release('Worker.lastName');
    expect([...collector.people]).toEqual([person(1).fiscalCode]);
    expect([...collector.employers]).toEqual(['00000000000']);
    expect([...collector.refused]).toEqual(['Worker.birthDate']);
    expect([...collector.released]).toEqual(['Worker.lastName']);
    expect(collector.touched).toBe(true);
  });

  it('is an ACCESS unless marked, and a mark forces a record', () => {
    const collector = new AuditCollector({ requestId: 'req-collect-02' });
    expect(collector).toMatchObject({ kind: AuditKind.ACCESS, detail: null, forced: false });
    collector.mark(AuditKind.SECURITY, 'RATE_LIMITED');
    expect(collector).toMatchObject({ kind: AuditKind.SECURITY, detail: 'RATE_LIMITED', forced: true });
  });
});
