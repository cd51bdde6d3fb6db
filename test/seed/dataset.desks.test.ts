import { describe, expect, it } from 'vitest';
import { takesDeskContacts } from '../../scripts/seed/desks';
import { generateDataset } from '../../scripts/seed/dataset';
import { addDays } from '../../subgraphs/lib/dates';
import { ConsentRecording, DeskNeed, DeskUserType, OrientationOutcome } from '../../subgraphs/referrals/desk-contact/desk-contact.codes';
import { demoDataset, tally, TODAY } from './fixture';

describe('demo data set: contacts at the social desks and the neighbourhood desks', () => {
  const data = demoDataset();
  const points = new Map(data.servicePoints.map((p) => [p.code, p]));
  const workers = new Map(data.workers.map((w) => [w.id, w]));

  it('gives every desk that takes contacts, and only those, contacts of the two years before the day', () => {
    const desks = data.servicePoints.filter(takesDeskContacts).map((p) => p.code).sort();
    expect(desks.length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(tally(data.deskContacts, (c) => c.deskCode)).sort()).toEqual(desks);
    for (const contact of data.deskContacts) {
      expect(takesDeskContacts(points.get(contact.deskCode)!)).toBe(true);
      expect(contact.organisation).toBe(contact.deskCode);
      const day = contact.contactedAt.slice(0, 10);
      expect(day < TODAY && day >= addDays(TODAY, -730)).toBe(true);
    }
  });

  it('uses only the coded lists the graph accepts, with several values of each', () => {
    const coded: [keyof (typeof data.deskContacts)[number], object][] = [['userType', DeskUserType], ['need', DeskNeed], ['outcome', OrientationOutcome], ['consentRecordedAs', ConsentRecording]];
    for (const [field, codes] of coded) {
      const used = new Set(data.deskContacts.map((c) => c[field] as string));
      for (const value of used) expect(Object.values(codes)).toContain(value);
      expect(used.size).toBeGreaterThanOrEqual(3);
    }
  });

  it('names real people of the data set, anonymous contacts besides, and erases the identity after a withdrawal', () => {
    const identified = data.deskContacts.filter((c) => c.fiscalCode != null);
    expect(identified.length).toBeGreaterThan(data.deskContacts.length / 2);
    expect(identified.length).toBeLessThan(data.deskContacts.length);
    for (const contact of identified) expect(workers.get(contact.workerId!)?.fiscalCode).toBe(contact.fiscalCode);
    const withdrawn = data.deskContacts.filter((c) => c.consentWithdrawnAt != null);
    expect(withdrawn.length).toBeGreaterThan(0);
    for (const contact of withdrawn) {
      expect([contact.fiscalCode, contact.workerId]).toEqual([null, null]);
      expect(contact.consentWithdrawnAt! > contact.contactedAt).toBe(true);
      expect(contact.consentWithdrawnAt!.slice(0, 10) <= TODAY).toBe(true);
    }
  });

  it('is the same for the same seed, and draws from its own random source', () => {
    const again = generateDataset({ workers: 2000, seed: 1, today: TODAY });
    expect(again.deskContacts).toEqual(data.deskContacts);
    const other = generateDataset({ workers: 2000, seed: 2, today: TODAY });
    expect(other.deskContacts.map((c) => c.id)).not.toEqual(data.deskContacts.map((c) => c.id));
  });
});
