import { timestampOf } from './calendar';
import { type DatasetDeskContact, type DatasetServicePoint, type DatasetWorker } from './dataset.types';
import { type Random } from './random';

/** Contacts per desk per 2,000 workers over the two years before the data set's day. */
const CONTACTS_PER_DESK_PER_2000 = 40;
const WINDOW_DAYS = 730;

const USER_TYPES = [['UNEMPLOYED', 35], ['WORKER', 20], ['PENSIONER', 20], ['MIGRANT', 12], ['STUDENT', 5], ['OTHER', 8]] as const;
const NEEDS = [['JOB_SEARCH', 30], ['INCOME_SUPPORT', 22], ['HOUSING', 18], ['HEALTH_CARE', 10], ['TRAINING', 10], ['CONSTRUCTION_SECTOR_BENEFITS', 4], ['OTHER', 6]] as const;
const OUTCOMES = [['INFORMATION', 35], ['ORIENTATION', 35], ['ACCOMPANIMENT', 15], ['NO_FOLLOW_UP', 15]] as const;
const CONSENTS = [['SIGNED_FORM', 70], ['ELECTRONIC_SIGNATURE', 15], ['SPID_CONFIRMATION', 15]] as const;

/** Desks that take contacts on consent: the sportelli sociali and the job-centre desks in public-housing neighbourhoods. */
export function takesDeskContacts(point: DatasetServicePoint): boolean {
  return point.kind === 'SOCIAL_DESK' || (point.kind === 'JOB_CENTRE_DESK' && point.publicHousingNeighbourhood);
}

/**
 * The contacts of the desks (seed 003 and 004) over the two years before `today`, with
 * coded user types, needs and outcomes. About two in three people give their fiscal code
 * (a person of the desk's province when there is one); one in twenty later withdraws
 * consent, which erases the identity and leaves the coded record (as
 * `withdrawDeskContactConsent` does). The writing organisation is the desk's code, as for
 * the seeded referrals (a demo token `--org <desk code>` sees that desk's contacts). Drawn
 * from their own random source, so adding them changes nothing else of the data set.
 */
export function buildDeskContacts(random: Random, servicePoints: readonly DatasetServicePoint[], workers: readonly DatasetWorker[], today: number): DatasetDeskContact[] {
  const perDesk = Math.max(6, Math.round((workers.length / 2000) * CONTACTS_PER_DESK_PER_2000));
  const byProvince = new Map<string, DatasetWorker[]>();
  for (const worker of workers) {
    if (worker.provisionalFiscalCode) continue;
    const list = byProvince.get(worker.domicileProvince) ?? [];
    list.push(worker);
    byProvince.set(worker.domicileProvince, list);
  }
  const contacts: DatasetDeskContact[] = [];
  for (const desk of servicePoints.filter(takesDeskContacts)) {
    const local = byProvince.get(desk.province) ?? workers.filter((w) => !w.provisionalFiscalCode);
    for (let i = 0; i < perDesk; i++) {
      const day = today - random.int(1, WINDOW_DAYS);
      const contactedAt = timestampOf(day, random.int(9 * 3600, 17 * 3600));
      const person = local.length && random.chance(0.65) ? random.pick(local) : null;
      const withdrawnDay = person && random.chance(0.05) ? Math.min(today, day + random.int(1, 90)) : null;
      contacts.push({
        id: random.uuid(),
        deskCode: desk.code,
        organisation: desk.code,
        fiscalCode: withdrawnDay == null ? (person?.fiscalCode ?? null) : null,
        workerId: withdrawnDay == null ? (person?.id ?? null) : null,
        userType: random.weighted(USER_TYPES),
        need: random.weighted(NEEDS),
        outcome: random.weighted(OUTCOMES),
        contactedAt,
        consentRecordedAs: random.weighted(CONSENTS),
        consentWithdrawnAt: withdrawnDay == null ? null : timestampOf(withdrawnDay, random.int(9 * 3600, 17 * 3600)),
      });
    }
  }
  return contacts;
}
