/**
 * The social side of the data set: households of people living in the same municipality,
 * social-inclusion pacts (PaIS) for some of them, and referrals between service points.
 */
import { anniversary, dayOf, isoOf, timestampOf } from './calendar';
import {
  type DatasetHousehold,
  type DatasetHouseholdMember,
  type DatasetInclusionPact,
  type DatasetReferral,
  type DatasetReferralEvent,
  type DatasetServicePact,
} from './dataset.types';
import { type CareerFacts } from './careers';
import { type Person } from './population';
import { type Random } from './random';
import { jobCentreCodeFor, REFERRAL_MOTIVATIONS, SERVICE_POINT_CODES, socialServicesCodeFor } from './reference';

const ADI_PAD_FIRST = dayOf('2024-01-08');

/** Households and the facts the referrals need about them. */
export interface SocialResult {
  households: DatasetHousehold[];
  inclusionPacts: DatasetInclusionPact[];
  /** Members of households with an inclusion pact, with the day of the PAD. */
  padMembers: { person: number; padDay: number }[];
}

/**
 * About 0.3 households per person, grouping people of the same municipality: singles,
 * couples of similar age and families whose children are at least 18 years younger than the
 * applicant. Holders of an ADI service pact head households first, since the PAD is signed
 * for the whole household. About 10% of households get an inclusion pact.
 */
export function buildHouseholds(random: Random, people: readonly Person[], facts: CareerFacts, today: number): SocialResult {
  const target = Math.round(people.length * 0.3);
  const used = new Uint8Array(people.length);
  const byMunicipality = new Map<string, number[]>();
  for (const p of people) {
    const list = byMunicipality.get(p.worker.domicileMunicipality) ?? [];
    list.push(p.index);
    byMunicipality.set(p.worker.domicileMunicipality, list);
  }
  for (const list of byMunicipality.values()) random.shuffle(list);
  const cursors = new Map<string, number>();

  const households: DatasetHousehold[] = [];
  const member = (index: number, relation: string): DatasetHouseholdMember => {
    used[index] = 1;
    const w = people[index]!.worker;
    return { workerId: w.id, fiscalCode: w.fiscalCode, relation };
  };
  /** An unused person of the municipality satisfying `fits`, looking at a bounded number of candidates. */
  const find = (municipality: string, fits: (p: Person) => boolean): number | null => {
    const list = byMunicipality.get(municipality) ?? [];
    const from = cursors.get(municipality) ?? 0;
    for (let i = from, seen = 0; i < list.length && seen < 60; i++) {
      const index = list[i]!;
      if (used[index]) continue;
      seen += 1;
      if (fits(people[index]!)) return index;
    }
    return null;
  };
  const form = (applicant: number): void => {
    const head = people[applicant]!;
    const municipality = head.worker.domicileMunicipality;
    const members = [member(applicant, 'APPLICANT')];
    const shape = random.weighted([['SINGLE', 40], ['COUPLE', 30], ['FAMILY', 30]] as const);
    let spouse: Person | null = null;
    if (shape !== 'SINGLE') {
      const found = find(municipality, (p) => Math.abs(p.birthDay - head.birthDay) <= 10 * 365 && p.female !== head.female);
      if (found !== null) {
        spouse = people[found]!;
        members.push(member(found, 'SPOUSE'));
      }
    }
    if (shape === 'FAMILY') {
      const youngestParent = Math.max(head.birthDay, spouse?.birthDay ?? head.birthDay);
      const oldestChildBirth = anniversary(isoOf(youngestParent), 18);
      for (let n = random.weighted([[1, 60], [2, 30], [3, 10]] as const); n > 0; n--) {
        const child = find(municipality, (p) => p.birthDay >= oldestChildBirth);
        if (child === null) break;
        members.push(member(child, 'CHILD'));
      }
    } else if (shape === 'SINGLE' && random.chance(0.1)) {
      const latestParentBirth = anniversary(isoOf(head.birthDay), -20);
      const parent = find(municipality, (p) => p.birthDay <= latestParentBirth);
      if (parent !== null) members.push(member(parent, 'PARENT'));
    }
    const id = random.uuid();
    households.push({ id, municipality, members });
  };

  // Every ADI household is formed, even past the target: its PAD must exist.
  for (const index of facts.adiPacts.keys()) if (!used[index]) form(index);
  // Each municipality gets households in proportion to its people; rounding leftovers go anywhere.
  const municipalities = [...byMunicipality.keys()];
  const formIn = (m: string, quota: number): void => {
    const list = byMunicipality.get(m)!;
    let formed = 0;
    let i = cursors.get(m) ?? 0;
    while (formed < quota && households.length < target) {
      while (i < list.length && used[list[i]!]) i++;
      if (i >= list.length) break;
      cursors.set(m, i);
      form(list[i]!);
      formed += 1;
    }
  };
  const already = new Map<string, number>();
  for (const h of households) already.set(h.municipality, (already.get(h.municipality) ?? 0) + 1);
  for (const m of municipalities) {
    formIn(m, Math.round((target * byMunicipality.get(m)!.length) / people.length) - (already.get(m) ?? 0));
  }
  for (const m of municipalities) formIn(m, target - households.length);

  const { inclusionPacts, padMembers } = inclusionPactsFor(random, households, people, facts.adiPacts, today);
  return { households, inclusionPacts, padMembers };
}

function inclusionPactsFor(
  random: Random,
  households: readonly DatasetHousehold[],
  people: readonly Person[],
  adiPacts: ReadonlyMap<number, DatasetServicePact>,
  today: number,
): { inclusionPacts: DatasetInclusionPact[]; padMembers: { person: number; padDay: number }[] } {
  const target = Math.round(households.length * 0.1);
  const indexOf = new Map(people.map((p) => [p.worker.id, p.index]));
  /** The earliest ADI pact among the members: the household's PAD must come before it. */
  const firstAdi = (h: DatasetHousehold): DatasetServicePact | undefined =>
    h.members
      .map((m) => adiPacts.get(indexOf.get(m.workerId)!))
      .filter((pact): pact is DatasetServicePact => pact !== undefined)
      .sort((a, b) => a.proposedOn.localeCompare(b.proposedOn))[0];
  const linked = households.filter((h) => firstAdi(h) !== undefined);
  const others = random.shuffle(households.filter((h) => firstAdi(h) === undefined));
  // ADI goes to households with a member aged 60 or more, or with dependants: prefer them.
  const elderly = dayOf('1965-01-01');
  const priority = (h: DatasetHousehold): number =>
    h.members.length >= 3 || h.members.some((m) => people[indexOf.get(m.workerId)!]!.birthDay < elderly) ? 1 : 0;
  others.sort((a, b) => priority(b) - priority(a));
  const chosen = [...linked, ...others.slice(0, Math.max(0, target - linked.length))];

  const inclusionPacts: DatasetInclusionPact[] = [];
  const padMembers: { person: number; padDay: number }[] = [];
  const latestPad = today - 5;
  for (const household of chosen) {
    const adi = firstAdi(household);
    // The PAD comes before the pact with the job centre (domain.md §13.5, rule 6).
    const before = adi ? dayOf(adi.proposedOn) - 1 : latestPad;
    const earliest = Math.min(ADI_PAD_FIRST, before);
    const padDay = random.int(earliest, Math.max(earliest, before));
    const steps = paisSteps(random, padDay, today);
    const last = steps[steps.length - 1]!;
    const signed = steps.find((s) => s.state === 'SIGNED');
    inclusionPacts.push({
      id: random.uuid(),
      householdId: household.id,
      municipality: household.municipality,
      socialServicesCode: socialServicesCodeFor(household.municipality),
      state: last.state,
      padSignedOn: isoOf(padDay),
      signedOn: signed ? isoOf(signed.day) : null,
      stateDate: isoOf(last.day),
    });
    for (const m of household.members) padMembers.push({ person: indexOf.get(m.workerId)!, padDay });
  }
  return { inclusionPacts, padMembers };
}

/**
 * The states a PaIS went through, following TO_CONVENE → PRELIMINARY_ANALYSIS →
 * [ANALYSIS_FRAMEWORK] → SIGNED → MONITORING → COMPLETED | LAPSED, cut at today. About one
 * in six stays TO_CONVENE well past the 60 days the guidelines allow, so overdue cases show.
 */
function paisSteps(random: Random, padDay: number, today: number): { state: string; day: number }[] {
  const steps = [{ state: 'TO_CONVENE', day: padDay }];
  const age = today - padDay;
  if ((age > 75 && random.chance(0.17)) || (age <= 60 && random.chance(0.5))) return steps;
  const next = (state: string, day: number): boolean => {
    if (day > today) return false;
    steps.push({ state, day });
    return true;
  };
  let day = padDay + random.int(7, 60);
  if (!next('PRELIMINARY_ANALYSIS', day)) return steps;
  if (random.chance(0.35)) {
    day += random.int(7, 45);
    if (!next('ANALYSIS_FRAMEWORK', day)) return steps;
  }
  day += random.int(10, 90);
  if (!next('SIGNED', day)) return steps;
  day += random.int(15, 60);
  if (!next('MONITORING', day)) return steps;
  const ending = random.weighted([['COMPLETED', 40], ['LAPSED', 10], ['NONE', 50]] as const);
  if (ending === 'COMPLETED') next('COMPLETED', day + random.int(365, 540));
  else if (ending === 'LAPSED') next('LAPSED', day + random.int(30, 300));
  return steps;
}

type Flow = 'CPI_TO_SOCIAL' | 'SOCIAL_TO_CPI' | 'SOCIAL_DESK' | 'CASSA_EDILE' | 'PATRONATO' | 'ORIENTATION';

/** The referral's route and basis, before its history is drawn. */
interface Draft {
  person: Person;
  from: string;
  to: string;
  reason: string;
  legalBasis: 'LEGAL_OBLIGATION' | 'CONSENT';
  earliest: number;
}

/**
 * About 0.4 referrals per person: job centres and their desks to social services (with the
 * written motivation the law requires) and back, the Cremona sportello sociale to the job
 * centre, social services, Cassa Edile and patronato (on consent), construction workers to
 * the Cassa Edile, and orientation to the public-housing desks. Every GOL pathway-4 pact
 * gets its referral to social services first.
 */
export function buildReferrals(
  random: Random,
  people: readonly Person[],
  facts: CareerFacts,
  padMembers: readonly { person: number; padDay: number }[],
  today: number,
): DatasetReferral[] {
  const target = Math.round(people.length * 0.4);
  const windowStart = dayOf('2021-01-01');
  const drafts: Draft[] = [];
  const milanCity = people.filter((p) => p.worker.domicileMunicipality === '015146').map((p) => p.index);
  const cremona = people.filter((p) => p.worker.domicileProvince === '019').map((p) => p.index);
  const construction = people.filter((p) => p.construction && ['015', '098', '108', '019'].includes(p.worker.domicileProvince)).map((p) => p.index);
  const patronatoArea = people.filter((p) => p.worker.domicileProvince === '015' || p.worker.domicileProvince === '019').map((p) => p.index);

  const toSocial = (person: Person, earliest: number): Draft => {
    const home = person.worker.domicileMunicipality;
    const fromDesk = home === '015146' && random.chance(0.3);
    return {
      person,
      from: fromDesk ? random.pick(SERVICE_POINT_CODES.milanDesks) : jobCentreCodeFor(home),
      to: socialServicesCodeFor(home),
      reason: 'SOCIAL_NEEDS',
      legalBasis: 'LEGAL_OBLIGATION',
      earliest,
    };
  };
  for (const { person, pact } of facts.inclusionPathwayPacts) {
    if (drafts.length >= target) break;
    drafts.push(toSocial(people[person]!, dayOf(pact.signedOn!)));
  }

  const flows: (readonly [Flow, number])[] = [
    ['CPI_TO_SOCIAL', 28], ['SOCIAL_TO_CPI', 22], ['SOCIAL_DESK', 20], ['CASSA_EDILE', 14], ['PATRONATO', 10], ['ORIENTATION', 6],
  ];
  for (let attempts = 0; drafts.length < target && attempts < target * 20; attempts++) {
    const flow = random.weighted(flows);
    const draft = draftFor(flow);
    if (draft) drafts.push(draft);
  }

  function draftFor(flow: Flow): Draft | null {
    switch (flow) {
      case 'CPI_TO_SOCIAL': {
        if (facts.didHolders.length === 0) return null;
        return toSocial(people[random.pick(facts.didHolders)]!, windowStart);
      }
      case 'SOCIAL_TO_CPI': {
        const pad = padMembers.length > 0 && random.chance(0.7) ? random.pick(padMembers) : null;
        const index = pad ? pad.person : facts.didHolders.length > 0 ? random.pick(facts.didHolders) : null;
        if (index === null) return null;
        const person = people[index]!;
        const home = person.worker.domicileMunicipality;
        const toDesk = home === '015146' && random.chance(0.25);
        return {
          person,
          from: socialServicesCodeFor(home),
          to: toDesk ? random.pick(SERVICE_POINT_CODES.milanDesks) : jobCentreCodeFor(home),
          reason: 'WORK_ACTIVATION',
          legalBasis: 'LEGAL_OBLIGATION',
          earliest: pad ? pad.padDay : windowStart,
        };
      }
      case 'SOCIAL_DESK': {
        if (cremona.length === 0) return null;
        const person = people[random.pick(cremona)]!;
        const route = random.weighted([
          [[SERVICE_POINT_CODES.cremonaJobCentre, 'WORK_ACTIVATION'], 35],
          [[SERVICE_POINT_CODES.cremonaSocialServices, 'SOCIAL_NEEDS'], 30],
          [[SERVICE_POINT_CODES.cremonaCassaEdile, 'CONSTRUCTION_SECTOR'], person.construction ? 30 : 3],
          [[SERVICE_POINT_CODES.cremonaPatronato, 'BENEFIT_APPLICATION'], 15],
        ] as const);
        return { person, from: SERVICE_POINT_CODES.cremonaSocialDesk, to: route[0], reason: route[1], legalBasis: 'CONSENT', earliest: windowStart };
      }
      case 'CASSA_EDILE': {
        if (construction.length === 0) return null;
        const person = people[random.pick(construction)]!;
        const cremonese = person.worker.domicileProvince === '019';
        return {
          person,
          from: jobCentreCodeFor(person.worker.domicileMunicipality),
          to: cremonese ? SERVICE_POINT_CODES.cremonaCassaEdile : SERVICE_POINT_CODES.milanCassaEdile,
          reason: 'CONSTRUCTION_SECTOR',
          legalBasis: 'CONSENT',
          earliest: windowStart,
        };
      }
      case 'PATRONATO': {
        if (patronatoArea.length === 0) return null;
        const person = people[random.pick(patronatoArea)]!;
        const cremonese = person.worker.domicileProvince === '019';
        return {
          person,
          from: jobCentreCodeFor(person.worker.domicileMunicipality),
          to: cremonese ? SERVICE_POINT_CODES.cremonaPatronato : SERVICE_POINT_CODES.milanPatronato,
          reason: 'BENEFIT_APPLICATION',
          legalBasis: 'CONSENT',
          earliest: windowStart,
        };
      }
      case 'ORIENTATION': {
        if (milanCity.length === 0) return null;
        return {
          person: people[random.pick(milanCity)]!,
          from: SERVICE_POINT_CODES.milanJobCentre,
          to: random.pick(SERVICE_POINT_CODES.milanDesks),
          reason: 'ORIENTATION',
          legalBasis: 'CONSENT',
          earliest: windowStart,
        };
      }
    }
  }

  return drafts.map((draft) => referral(random, draft, today));
}

const REFERRAL_ENDINGS: readonly (readonly [string, number])[] = [
  ['DRAFT', 4], ['SENT', 10], ['ACCEPTED', 8], ['REJECTED', 6], ['EXPIRED', 5], ['APPOINTMENT_SET', 10], ['TAKEN_IN_CHARGE', 15], ['CLOSED', 37], ['WITHDRAWN', 5],
];

/** The path through DRAFT → SENT → ACCEPTED | REJECTED | EXPIRED, ACCEPTED → APPOINTMENT_SET → TAKEN_IN_CHARGE → CLOSED, SENT/ACCEPTED → WITHDRAWN. */
function pathTo(ending: string): string[] {
  switch (ending) {
    case 'DRAFT':
      return ['DRAFT'];
    case 'SENT':
    case 'REJECTED':
    case 'EXPIRED':
      return ending === 'SENT' ? ['DRAFT', 'SENT'] : ['DRAFT', 'SENT', ending];
    case 'WITHDRAWN':
      return ['DRAFT', 'SENT', 'ACCEPTED', 'WITHDRAWN'];
    case 'ACCEPTED':
      return ['DRAFT', 'SENT', 'ACCEPTED'];
    case 'APPOINTMENT_SET':
      return ['DRAFT', 'SENT', 'ACCEPTED', 'APPOINTMENT_SET'];
    case 'TAKEN_IN_CHARGE':
      return ['DRAFT', 'SENT', 'ACCEPTED', 'APPOINTMENT_SET', 'TAKEN_IN_CHARGE'];
    default:
      return ['DRAFT', 'SENT', 'ACCEPTED', 'APPOINTMENT_SET', 'TAKEN_IN_CHARGE', 'CLOSED'];
  }
}

/** Days between one state and the next, by the state reached. */
const STEP_DAYS: Readonly<Record<string, readonly [number, number]>> = {
  SENT: [0, 2], ACCEPTED: [1, 10], REJECTED: [1, 15], EXPIRED: [30, 30], WITHDRAWN: [1, 20], APPOINTMENT_SET: [1, 7], TAKEN_IN_CHARGE: [3, 20], CLOSED: [30, 180],
};

const EVENT_NOTES: Readonly<Record<string, readonly string[]>> = {
  REJECTED: ['Non di competenza territoriale', 'Persona già in carico ad altro servizio', 'Documentazione incompleta'],
  WITHDRAWN: ['Ritirata su richiesta della persona', 'Invio duplicato'],
  CLOSED: ['Percorso concluso con esito positivo', 'Obiettivi del progetto raggiunti', 'Chiuso per trasferimento di residenza', 'Chiuso: la persona ha trovato lavoro'],
  APPOINTMENT_SET: ['Colloquio fissato'],
};

function referral(random: Random, draft: Draft, today: number): DatasetReferral {
  const first = Math.min(today, Math.max(draft.earliest, dayOf('2021-01-01')));
  let day = random.int(first, today);
  let seconds = random.int(8 * 3600, 17 * 3600);
  const states = pathTo(random.weighted(REFERRAL_ENDINGS));
  const history: DatasetReferralEvent[] = [{ fromState: null, toState: 'DRAFT', at: timestampOf(day, seconds), note: null }];
  for (let i = 1; i < states.length; i++) {
    const state = states[i]!;
    const [min, max] = STEP_DAYS[state]!;
    const next = day + random.int(min, max);
    const nextSeconds = next === day ? Math.min(86_399, seconds + random.int(60, 3600)) : random.int(8 * 3600, 17 * 3600);
    if (next > today) break;
    day = next;
    seconds = nextSeconds;
    const notes = EVENT_NOTES[state];
    history.push({ fromState: states[i - 1]!, toState: state, at: timestampOf(day, seconds), note: notes ? random.pick(notes) : null });
  }
  const motivations = REFERRAL_MOTIVATIONS[draft.reason] ?? [];
  return {
    id: random.uuid(),
    workerId: draft.person.worker.id,
    fiscalCode: draft.person.worker.fiscalCode,
    fromCode: draft.from,
    toCode: draft.to,
    reason: draft.reason,
    motivation: motivations.length > 0 ? random.pick(motivations) : null,
    legalBasis: draft.legalBasis,
    state: history[history.length - 1]!.toState,
    createdAt: history[0]!.at,
    history,
  };
}
