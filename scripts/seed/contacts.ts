/**
 * The workers' contacts (recapiti) of the synthetic data set: clearly fictional and
 * deterministic. E-mail and PEC addresses are on example.org (reserved for examples, RFC
 * 2606); telephone numbers are a visible series, the worker's position after a run of
 * zeros (mobile 3000nnnnnn, landline 020nnnnnnn), since Italy reserves no range for
 * fiction: the demo never calls or writes to anyone. Drawn from their own random stream,
 * so that adding them changed no other value of the data set.
 */
import { isoOf } from './calendar';
import { type DatasetContacts, type DatasetWorker } from './dataset.types';
import { STREET_NAMES } from './names';
import { Random } from './random';

/** Offset of the contacts' random stream from the data set's seed. */
const CONTACTS_STREAM = 0x5eed_c0;

/** The generic postcode of each province's capital (the demo does not map every municipality's CAP). */
const PROVINCE_POSTCODES: Readonly<Record<string, string>> = {
  '012': '21100', '013': '22100', '014': '23100', '015': '20100', '016': '24100', '017': '25100',
  '018': '27100', '019': '26100', '020': '46100', '097': '23900', '098': '26900', '108': '20900',
};

const SOURCES = [['SELF_DECLARED', 50], ['JOB_CENTRE', 30], ['SOCIAL_SERVICES', 10], ['REGION', 10]] as const;

/** Lower-case ASCII letters of a name, for the local part of a fictional address. */
function mailName(name: string): string {
  return name.normalize('NFD').toLowerCase().replace(/[^a-z]/g, '');
}

/**
 * Contacts for most workers: a mobile for about 85%, an e-mail for 70%, a landline for 30%,
 * a PEC for 10%, a street address for 90%, each with a source and a time of recording
 * between `from` and `today` (day numbers). About 5% have none at all (null).
 */
export function buildContacts(seed: number, workers: readonly DatasetWorker[], from: number, today: number): (DatasetContacts | null)[] {
  const random = new Random(seed + CONTACTS_STREAM);
  return workers.map((worker, index) => {
    if (random.chance(0.05)) return null;
    const recorded = () => ({ source: random.weighted(SOURCES), updatedAt: `${isoOf(random.int(from, today))}T09:00:00.000Z` });
    const serial = String((index + 1) % 1_000_000).padStart(6, '0');
    const local = `${mailName(worker.firstName)}.${mailName(worker.lastName)}.${index + 1}`;
    return {
      mobilePhone: random.chance(0.85) ? { value: `+393000${serial}`, ...recorded() } : null,
      phone: random.chance(0.3) ? { value: `+39020${serial.padStart(7, '0')}`, ...recorded() } : null,
      email: random.chance(0.7) ? { value: `${local}@example.org`, ...recorded() } : null,
      pec: random.chance(0.1) ? { value: `${local}@pec.example.org`, ...recorded() } : null,
      address: random.chance(0.9)
        ? { street: random.pick(STREET_NAMES), streetNumber: String(random.int(1, 180)), postcode: PROVINCE_POSTCODES[worker.domicileProvince] ?? '20100', ...recorded() }
        : null,
    };
  });
}
