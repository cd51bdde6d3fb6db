/**
 * The people and the employers of the synthetic data set: names, fiscal codes, birth and
 * domicile, professional records; employers with ATECO codes, CCNL and work sites.
 */
import {
  encodeNumericFiscalCode,
  encodePersonalFiscalCode,
  LOMBARDY_MUNICIPALITIES,
  LOMBARDY_PROVINCES,
  type Municipality,
  omocodeVariant,
} from '../../subgraphs/lib/codes';
import { anniversary, dayOf, isoOf, yearOf } from './calendar';
import { type DatasetEmployer, type DatasetWorker } from './dataset.types';
import {
  COMPANY_WORDS,
  FOREIGN_ORIGINS,
  type ForeignOrigin,
  ITALIAN_FEMALE_NAMES,
  ITALIAN_MALE_NAMES,
  ITALIAN_SURNAMES,
  LEGAL_FORMS,
  OTHER_ITALIAN_BIRTHPLACES,
  PLACE_WORDS,
  STREET_NAMES,
} from './names';
import { type Random, WeightedPicker } from './random';
import {
  type Activity,
  cassaEdileCodeFor,
  CONSTRUCTION,
  CONSTRUCTION_EMPLOYER_SHARE,
  EDUCATION,
  MUNICIPALITY_WEIGHTS,
  PRIVATE_SECTORS,
  PROVINCE_WEIGHTS,
  PUBLIC_ADMINISTRATION,
  PUBLIC_EMPLOYER_SHARE,
  type SectorProfile,
  TRAINING_COURSES,
} from './reference';

/** First day of the window of mandatory notices in the data set. */
export const WINDOW_START = dayOf('2019-01-01');

const BIRTH_FIRST = dayOf('1958-01-01');
const BIRTH_LAST = dayOf('2007-12-31');

/** A worker of the data set with what the generator needs to know about them. */
export interface Person {
  readonly index: number;
  readonly worker: DatasetWorker;
  readonly birthDay: number;
  /** First day they may start a job in the window: 16th birthday, and not before 2019. */
  readonly minStart: number;
  readonly female: boolean;
  readonly origin: ForeignOrigin | null;
  /** Residence-permit type for non-EU foreign citizens (1-7), else null. */
  readonly permitType: string | null;
  /** Set by the career generator when the person ever worked for a construction firm. */
  construction: boolean;
}

/** An employer with its sector and how often it hires. */
export interface EmployerInfo {
  readonly employer: DatasetEmployer;
  readonly sector: SectorProfile;
  readonly activity: Activity;
  readonly province: string;
  readonly construction: boolean;
  readonly weight: number;
}

/** Where people live and where firms sit: provinces by population, then municipalities. */
export class Geography {
  private readonly provinces: WeightedPicker<string>;
  private readonly municipalities = new Map<string, WeightedPicker<Municipality>>();
  private readonly any: WeightedPicker<Municipality>;

  constructor() {
    const codes = LOMBARDY_PROVINCES.map((p) => p.istatCode);
    this.provinces = new WeightedPicker(codes, codes.map((c) => PROVINCE_WEIGHTS[c] ?? 1));
    const flat: Municipality[] = [];
    const flatWeights: number[] = [];
    for (const code of codes) {
      const inProvince = LOMBARDY_MUNICIPALITIES.filter((m) => m.provinceIstatCode === code);
      const weights = inProvince.map((m) => MUNICIPALITY_WEIGHTS[m.istatCode] ?? 100);
      this.municipalities.set(code, new WeightedPicker(inProvince, weights));
      const total = weights.reduce((a, b) => a + b, 0);
      inProvince.forEach((m, i) => {
        flat.push(m);
        flatWeights.push(((PROVINCE_WEIGHTS[code] ?? 1) * weights[i]!) / total);
      });
    }
    this.any = new WeightedPicker(flat, flatWeights);
  }

  province(random: Random): string {
    return this.provinces.pick(random);
  }

  municipalityIn(random: Random, provinceCode: string): Municipality {
    const picker = this.municipalities.get(provinceCode);
    if (!picker) throw new RangeError('unknown province');
    return picker.pick(random);
  }

  /** A municipality anywhere, weighted by population. */
  municipality(random: Random): Municipality {
    return this.any.pick(random);
  }
}

/** Fiscal codes already given out (people, sole traders, companies): every code is unique. */
export class CodeRegistry {
  private readonly used = new Set<string>();

  has(code: string): boolean {
    return this.used.has(code);
  }

  /** The personal code of this person, or its first free omocodic variant (as the Agenzia would issue). */
  personal(data: Parameters<typeof encodePersonalFiscalCode>[0]): string {
    const base = encodePersonalFiscalCode(data);
    if (!this.used.has(base)) {
      this.used.add(base);
      return base;
    }
    for (let n = 1; n <= 127; n++) {
      const variant = omocodeVariant(base, n);
      if (!this.used.has(variant)) {
        this.used.add(variant);
        return variant;
      }
    }
    throw new RangeError('all omocodic variants are taken');
  }

  /** A new 11-digit numeric code registered at the given provincial office. */
  numeric(random: Random, office: string): string {
    for (;;) {
      const code = encodeNumericFiscalCode(String(random.int(0, 9_999_999)).padStart(7, '0'), office);
      if (!this.used.has(code)) {
        this.used.add(code);
        return code;
      }
    }
  }
}

function streetAddress(random: Random): string {
  return `${random.pick(STREET_NAMES)} ${random.int(1, 180)}`;
}

/** Splits `count` items among weighted groups, rounding by largest remainder. */
function apportion(count: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (count * w) / total);
  const result = exact.map(Math.floor);
  let left = count - result.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    result[i]! += 1;
  }
  return result;
}

/** The sector of each employer: fixed shares of construction and public bodies, the rest by weight. */
function sectorPlan(random: Random, count: number): SectorProfile[] {
  const construction = Math.round(count * CONSTRUCTION_EMPLOYER_SHARE);
  const publicBodies = Math.min(count - construction, Math.max(count >= 20 ? 1 : 0, Math.round(count * PUBLIC_EMPLOYER_SHARE)));
  const rest = apportion(count - construction - publicBodies, PRIVATE_SECTORS.map((s) => s.share));
  const plan: SectorProfile[] = [];
  for (let i = 0; i < construction; i++) plan.push(CONSTRUCTION);
  for (let i = 0; i < publicBodies; i++) plan.push(PUBLIC_ADMINISTRATION);
  PRIVATE_SECTORS.forEach((sector, i) => {
    for (let k = 0; k < rest[i]!; k++) plan.push(sector);
  });
  return random.shuffle(plan);
}

function companyName(random: Random, sector: SectorProfile): string {
  const words = COMPANY_WORDS[sector.key] ?? COMPANY_WORDS.trade!;
  const core = random.chance(0.6) ? random.pick(ITALIAN_SURNAMES) : random.pick(PLACE_WORDS);
  const form = sector.key === 'care' && random.chance(0.6) ? 'Soc. Coop. Sociale' : random.weighted(LEGAL_FORMS);
  return `${random.pick(words)} ${core} ${form}`;
}

/**
 * The employers: about 22% in construction (ATECO 41-43, construction CCNL, a Cassa Edile),
 * about 3% public bodies, the others spread over manufacturing, trade, hospitality and
 * services. Companies have 11-digit codes whose office digits are the province of the
 * seat; some sole traders have the 16-character personal code of their owner.
 */
export function generateEmployers(random: Random, count: number, geography: Geography, codes: CodeRegistry): EmployerInfo[] {
  const usedNames = new Set<string>();
  const schoolNumbers = new Map<string, number>();
  return sectorPlan(random, count).map((sector) => {
    const provinceCode = geography.province(random);
    const seat = geography.municipalityIn(random, provinceCode);
    const activity = random.pick(sector.activities);
    const isPublic = sector === PUBLIC_ADMINISTRATION;
    const soleTrader = !isPublic && random.chance(sector.soleTraderShare);
    let fiscalCode: string;
    let name: string;
    if (soleTrader) {
      const female = random.chance(0.3);
      const firstName = random.pick(female ? ITALIAN_FEMALE_NAMES : ITALIAN_MALE_NAMES);
      const lastName = random.pick(ITALIAN_SURNAMES);
      const birthDate = isoOf(random.int(dayOf('1950-01-01'), dayOf('1995-12-31')));
      const birthPlace = geography.municipality(random).belfiore;
      fiscalCode = codes.personal({ firstName, lastName, birthDate, sex: female ? 'F' : 'M', birthPlace });
      name = `${lastName} ${firstName} - ${random.pick(COMPANY_WORDS[sector.key] ?? ['Servizi'])}`;
    } else {
      fiscalCode = codes.numeric(random, provinceCode);
      name = isPublic ? publicBodyName(activity, seat, usedNames, schoolNumbers) : companyName(random, sector);
    }
    usedNames.add(name);
    const siteCount = sector === CONSTRUCTION ? random.int(1, 4) : isPublic ? random.int(1, 3) : random.chance(0.7) ? 1 : 2;
    const sites = [{ id: random.uuid(), municipality: seat.istatCode, address: streetAddress(random) }];
    for (let i = 1; i < siteCount; i++) {
      const where = random.chance(0.75) ? geography.municipalityIn(random, provinceCode) : geography.municipality(random);
      sites.push({ id: random.uuid(), municipality: where.istatCode, address: streetAddress(random) });
    }
    const employer: DatasetEmployer = {
      fiscalCode,
      name,
      ateco: activity.ateco,
      publicAdministration: isPublic,
      legalSeatMunicipality: seat.istatCode,
      legalSeatAddress: sites[0]!.address,
      ccnl: random.pick(activity.ccnl),
      cassaEdileCode: sector === CONSTRUCTION ? cassaEdileCodeFor(provinceCode) : null,
      sites,
    };
    const size = Math.exp(random.next() * 3) * (sector.key === 'agency' ? 2 : isPublic ? 2 : 1) * (soleTrader ? 0.4 : 1);
    return { employer, sector, activity, province: provinceCode, construction: sector === CONSTRUCTION, weight: size };
  });
}

function publicBodyName(activity: Activity, seat: Municipality, used: Set<string>, schools: Map<string, number>): string {
  if (activity.ateco === '84.11.10' && !used.has(`Comune di ${seat.name}`)) return `Comune di ${seat.name}`;
  if (activity.ateco === '87.30.00' && !used.has(`Azienda di Servizi alla Persona di ${seat.name}`)) return `Azienda di Servizi alla Persona di ${seat.name}`;
  const n = (schools.get(seat.istatCode) ?? 0) + 1;
  schools.set(seat.istatCode, n);
  return `Istituto Comprensivo Statale n. ${n} di ${seat.name}`;
}

function education(random: Random, birthYear: number, currentYear: number, foreign: boolean): DatasetWorker['education'] {
  const feasible = EDUCATION.filter((e) => e.age === null || birthYear + e.age <= currentYear);
  const chosen = random.weighted(feasible.map((e) => [e, e.weight] as const));
  if (chosen.age === null) return [{ level: chosen.level, title: random.pick(chosen.titles), year: null }];
  const year = Math.min(currentYear, birthYear + chosen.age + random.int(0, 2));
  const title = foreign && random.chance(0.5) ? 'Titolo di studio conseguito all\'estero' : random.pick(chosen.titles);
  const entries: DatasetWorker['education'] = [{ level: chosen.level, title, year: foreign && random.chance(0.3) ? null : year }];
  if (!foreign && ['UPPER_SECONDARY', 'BACHELOR', 'MASTER'].includes(chosen.level) && random.chance(0.3)) {
    entries.unshift({ level: 'LOWER_SECONDARY', title: 'Licenza media', year: birthYear + 14 });
  }
  return entries;
}

function declaredExperience(random: Random, birthDay: number, employers: readonly EmployerInfo[]): DatasetWorker['declaredExperience'] {
  const earliest = Math.max(anniversary(isoOf(birthDay), 16), dayOf('2005-01-01'));
  const latest = dayOf('2018-06-30');
  if (earliest >= latest || !random.chance(0.45)) return [];
  const entries: DatasetWorker['declaredExperience'] = [];
  let cursor = earliest + random.int(0, 400);
  for (let i = random.int(1, 2); i > 0 && cursor < latest; i--) {
    const end = Math.min(dayOf('2018-12-31'), cursor + random.int(60, 1500));
    const known = employers.length > 0 && random.chance(0.4) ? random.pick(employers) : null;
    const sector = known?.sector ?? random.pick(PRIVATE_SECTORS);
    entries.push({
      employerName: known ? known.employer.name : companyName(random, sector),
      employerFiscalCode: known ? known.employer.fiscalCode : null,
      jobTitle: random.pick(sector.jobTitles),
      startDate: isoOf(cursor),
      endDate: isoOf(end),
    });
    cursor = end + random.int(30, 400);
  }
  return entries;
}

/** A running number for the external ids of training records (unique within a data set). */
export class Serial {
  private n = 0;

  next(): number {
    this.n += 1;
    return this.n;
  }
}

/** A training course of the professional record, completed between `from` and `to`. */
export function trainingCourse(
  random: Random,
  from: number,
  to: number,
  options: { construction: boolean; foreign: boolean },
  serial: Serial,
): DatasetWorker['training'][number] {
  const pool = TRAINING_COURSES.filter((c) => c.construction === options.construction && (options.foreign || !c.title.includes('stranieri')));
  const course = random.pick(pool);
  const day = random.int(from, Math.max(from, to));
  const n = course.source === 'CASSA_EDILE' || course.source === 'REGION' ? serial.next() : 0;
  const externalId =
    course.source === 'CASSA_EDILE' ? `ESEMCPT-${yearOf(day)}-${String(n).padStart(6, '0')}` : course.source === 'REGION' ? `RL-${yearOf(day)}-${String(n).padStart(7, '0')}` : null;
  return { title: course.title, provider: course.provider, hours: course.hours, completedOn: isoOf(day), source: course.source, externalId };
}

/**
 * The workers: names from the lists in names.ts, birth dates 1958-2007, birthplaces mostly in
 * Lombardy, about 10% born abroad (with consistent citizenship; a quarter of them have become
 * Italian), about 1% with a provisional 11-digit code, domicile weighted by population.
 */
export function generatePeople(
  random: Random,
  count: number,
  today: number,
  geography: Geography,
  codes: CodeRegistry,
  employers: readonly EmployerInfo[],
  serial: Serial,
): Person[] {
  const people: Person[] = [];
  const currentYear = yearOf(today);
  const origins = FOREIGN_ORIGINS.map((o) => [o, o.weight] as const);
  for (let index = 0; index < count; index++) {
    const female = random.chance(0.48);
    const origin = random.chance(0.1) ? random.weighted(origins) : null;
    const firstName = random.pick(origin ? (female ? origin.femaleNames : origin.maleNames) : female ? ITALIAN_FEMALE_NAMES : ITALIAN_MALE_NAMES);
    const lastName = random.pick(origin ? origin.surnames : ITALIAN_SURNAMES);
    const birthDay = random.int(BIRTH_FIRST, BIRTH_LAST);
    const birthDate = isoOf(birthDay);
    const provinceCode = geography.province(random);
    const domicile = geography.municipalityIn(random, provinceCode);
    let birthPlace: string;
    if (origin) birthPlace = origin.belfiore;
    else if (random.chance(0.07)) birthPlace = random.pick(OTHER_ITALIAN_BIRTHPLACES);
    else birthPlace = (random.chance(0.6) ? geography.municipalityIn(random, provinceCode) : geography.municipality(random)).belfiore;
    const citizenship = origin && !random.chance(0.25) ? origin.citizenship : '000';
    const foreignCitizen = citizenship !== '000';
    const permitType = foreignCitizen && origin && !origin.eu ? random.weighted([['1', 55], ['2', 10], ['3', 5], ['5', 10], ['7', 20]] as const) : null;
    const provisional = foreignCitizen && random.chance(0.13);
    const fiscalCode = provisional ? codes.numeric(random, provinceCode) : codes.personal({ firstName, lastName, birthDate, sex: female ? 'F' : 'M', birthPlace });
    const minStart = Math.max(WINDOW_START, anniversary(birthDate, 16));
    const worker: DatasetWorker = {
      id: random.uuid(),
      fiscalCode,
      provisionalFiscalCode: provisional,
      firstName,
      lastName,
      sex: female ? 'FEMALE' : 'MALE',
      birthDate,
      birthPlace,
      citizenship,
      domicileMunicipality: domicile.istatCode,
      domicileProvince: provinceCode,
      education: education(random, yearOf(birthDay), currentYear, origin !== null),
      declaredExperience: declaredExperience(random, birthDay, employers),
      training: [],
      contacts: null,
    };
    if (minStart < today && random.chance(0.3)) {
      for (let i = random.int(1, 2); i > 0; i--) worker.training.push(trainingCourse(random, minStart, today, { construction: false, foreign: origin !== null }, serial));
    }
    people.push({ index, worker, birthDay, minStart, female, origin, permitType, construction: false });
  }
  return people;
}
