/**
 * The synthetic Lombardy demo data set (see dataset.types.ts), built deterministically from
 * a seed. Everything scales with the number of workers: per 2,000 workers about 300
 * employers (a fifth in construction), 6,000 mandatory notices, 800 DIDs with their service
 * pacts, 600 households (60 with an inclusion pact) and 800 referrals.
 *
 * All people are synthetic: names are drawn from lists of common names and combined at
 * random, fiscal codes are computed from those invented data, addresses are generic.
 */
import { today as currentDay, validateIsoDate } from '../../subgraphs/lib/dates';
import { dayOf } from './calendar';
import { CareerBuilder } from './careers';
import { buildContacts } from './contacts';
import { type Dataset } from './dataset.types';
import { CodeRegistry, Geography, generateEmployers, generatePeople, Serial, trainingCourse, WINDOW_START } from './population';
import { Random } from './random';
import { buildServicePoints } from './reference';
import { buildDeskContacts } from './desks';
import { buildConvocationExclusions } from './exclusions';
import { buildHouseholds, buildReferrals } from './social';

/** Options of {@link generateDataset}. */
export interface DatasetOptions {
  /** Number of workers (a positive integer); everything else scales with it. */
  workers: number;
  /** Seed of the pseudo-random source: the same seed gives the same data set. Default 1. */
  seed?: number;
  /** The day the data set is "as of", `YYYY-MM-DD`: nothing happens after it. Default: today (UTC). */
  today?: string;
}

/** Employers per worker: 300 for 2,000 workers. */
const EMPLOYERS_PER_WORKER = 0.15;

/**
 * Builds the data set. Deterministic for given options: the same seed and day give the
 * same rows, ids included. About 3 s and 300 MB for 100,000 workers.
 * @throws RangeError for a non-positive or non-integer number of workers, or a bad day.
 */
export function generateDataset(options: DatasetOptions): Dataset {
  if (!Number.isSafeInteger(options.workers) || options.workers < 1) throw new RangeError('workers must be a positive integer');
  const seed = options.seed ?? 1;
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be an integer');
  const todayIso = options.today ?? currentDay();
  if (!validateIsoDate(todayIso).ok) throw new RangeError('today must be a date written YYYY-MM-DD');
  const today = dayOf(todayIso);
  if (today < WINDOW_START + 365) throw new RangeError('today must be 2020-01-01 or later');

  const random = new Random(seed);
  const geography = new Geography();
  const codes = new CodeRegistry();
  const serial = new Serial();
  const servicePoints = buildServicePoints();
  const employers = generateEmployers(random, Math.max(5, Math.round(options.workers * EMPLOYERS_PER_WORKER)), geography, codes);
  const people = generatePeople(random, options.workers, today, geography, codes, employers, serial);

  const careers = new CareerBuilder(random, today, employers);
  for (const person of people) careers.build(person);
  // Construction workers got their safety courses from the Cassa Edile school.
  for (const person of people) {
    if (person.construction && random.chance(0.5)) {
      person.worker.training.push(trainingCourse(random, person.minStart, today, { construction: true, foreign: false }, serial));
    }
  }

  const social = buildHouseholds(random, people, careers.facts, today);
  const referrals = buildReferrals(random, people, careers.facts, social.padMembers, today);
  const contacts = buildContacts(seed, people.map((p) => p.worker), WINDOW_START, today);
  people.forEach((p, i) => (p.worker.contacts = contacts[i] ?? null));

  return {
    workers: people.map((p) => p.worker),
    dids: careers.dids,
    servicePoints,
    employers: employers.map((e) => e.employer),
    notices: careers.notices,
    households: social.households,
    servicePacts: careers.servicePacts,
    inclusionPacts: social.inclusionPacts,
    referrals,
    // Their own random source: the rest of the data set is the same as before they existed.
    deskContacts: buildDeskContacts(new Random(seed + 3003), servicePoints, people.map((p) => p.worker), today),
    convocationExclusions: buildConvocationExclusions(social.households, social.inclusionPacts, people.map((p) => p.worker), todayIso),
  };
}
