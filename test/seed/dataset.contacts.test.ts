import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../scripts/seed/dataset';
import { checkEmail, checkItalianPhone } from '../../subgraphs/workers/contacts/worker-contacts.validation';
import { demoDataset, TODAY } from './fixture';

// The workers' contacts of the demo data set: clearly fictional, valid for the rules the
// person's own updates must follow, and deterministic from the seed.
describe('demo data set: contacts', () => {
  const data = demoDataset();
  const withContacts = data.workers.filter((w) => w.contacts);

  it('gives most workers contacts, each with a source and a time of recording', () => {
    expect(withContacts.length / data.workers.length).toBeGreaterThan(0.9);
    expect(withContacts.length).toBeLessThan(data.workers.length);
    const points = withContacts.flatMap((w) => [w.contacts!.phone, w.contacts!.mobilePhone, w.contacts!.email, w.contacts!.pec, w.contacts!.address]).filter((p) => p !== null);
    expect(new Set(points.map((p) => p.source))).toEqual(new Set(['SELF_DECLARED', 'JOB_CENTRE', 'SOCIAL_SERVICES', 'REGION']));
    for (const p of points) expect(p.updatedAt.slice(0, 10) <= TODAY && p.updatedAt >= '2019-01-01').toBe(true);
  });

  it('uses only reserved e-mail domains and patterned numbers, all of which the update rules accept', () => {
    for (const w of withContacts) {
      const c = w.contacts!;
      if (c.email) expect(c.email.value).toMatch(/^[a-z]+\.[a-z]+\.\d+@example\.org$/);
      if (c.pec) expect(c.pec.value).toMatch(/@pec\.example\.org$/);
      if (c.mobilePhone) expect(c.mobilePhone.value).toMatch(/^\+393000\d{6}$/);
      if (c.phone) expect(c.phone.value).toMatch(/^\+39020\d{7}$/);
      if (c.address) expect(c.address.postcode).toMatch(/^\d{5}$/);
      for (const [value, mobile] of [[c.phone?.value, false], [c.mobilePhone?.value, true]] as const) {
        if (value) expect(checkItalianPhone('p', value, mobile)).toEqual({ value, problems: [] });
      }
      for (const value of [c.email?.value, c.pec?.value]) if (value) expect(checkEmail('e', value)).toEqual({ value, problems: [] });
    }
  });

  it('is the same for the same seed and differs for another', () => {
    const again = generateDataset({ workers: 200, seed: 1, today: TODAY });
    const twice = generateDataset({ workers: 200, seed: 1, today: TODAY });
    const other = generateDataset({ workers: 200, seed: 2, today: TODAY });
    expect(twice.workers.map((w) => w.contacts)).toEqual(again.workers.map((w) => w.contacts));
    expect(other.workers.map((w) => w.contacts)).not.toEqual(again.workers.map((w) => w.contacts));
  });
});
