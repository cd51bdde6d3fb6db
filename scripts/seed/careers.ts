/**
 * Working lives: employment relationships told through mandatory notices (hire, extension,
 * transformation, transfer, termination), declarations of availability (DID) whose history
 * follows the state machine and is driven by the jobs (a short job suspends the DID, a long
 * one makes it lapse), and the service pacts that validate them.
 */
import { type ContractType, findContractType, requiresEndDate } from '../../subgraphs/lib/codes';
import { flatString, isoOf, timestampOf, yearOf, yearsBetween } from './calendar';
import { type DatasetDid, type DatasetDidChange, type DatasetNotice, type DatasetServicePact, type NoticeType } from './dataset.types';
import { type EmployerInfo, type Person } from './population';
import { type Random, WeightedPicker } from './random';
import { INVOLUNTARY_CAUSES, jobCentreCodeFor, type TerminationCause } from './reference';

const GOL_START = '2022-06-01';
const SFL_START = '2023-09-01';
const ADI_START = '2024-02-01';
/** The longest job that suspends a DID rather than ending it (art. 19 D.Lgs. 150/2015: 6 months). */
const SHORT_JOB_DAYS = 180;
const MAX_RELATIONSHIPS_PER_STRETCH = 3;
/** Days out of work between two jobs, by band. */
const GAPS: readonly (readonly [readonly [number, number], number])[] = [[[0, 7], 20], [[8, 150], 45], [[151, 500], 35]];
const DID_OUTCOMES = [['INSERTED', 9], ['VALIDATED', 38], ['SUSPENDED', 12], ['LAPSED', 29], ['REVOKED', 8], ['CANCELLED', 4]] as const;
const FIXED_TERM_DAYS: readonly (readonly [readonly [number, number], number])[] = [[[14, 90], 25], [[91, 365], 55], [[366, 720], 20]];
const CHANNELS = [['ANPAL_PORTAL', 30], ['JOB_CENTRE', 35], ['REGIONAL_SYSTEM', 35]] as const;
const PART_TIME_CODES = [['P', 60], ['V', 25], ['M', 15]] as const;
const PART_TIME_HOURS = [12, 15, 18, 20, 20, 24, 25, 28, 30, 32];
const GOL_PATHWAYS = [['JOB_REINTEGRATION', 50], ['UPSKILLING', 25], ['RESKILLING', 13], ['WORK_AND_INCLUSION', 10], ['COLLECTIVE_REALLOCATION', 2]] as const;
const FIXED_TERM_CAUSES = [['DIM', 40], ['PROVA', 25], ['LIC.GC', 10], ['RIS.CONS', 25]] as const;
const APPRENTICE_CAUSES = [['DIM', 60], ['PROVA', 15], ['LIC.GMO', 15], ['RIS.CONS', 10]] as const;

type Kind = 'any' | 'short' | 'long';

interface RelationshipOptions {
  kind: Kind;
  /** The relationship must be over before this day (exclusive); null: it may run past today. */
  endBefore: number | null;
  /** The relationship must still be running today (a short job that keeps a DID suspended). */
  ongoing?: boolean;
}

/** How a relationship went: its last working day (null while it goes on) and why it ended. */
interface RelationshipOutcome {
  lastDay: number | null;
  involuntary: boolean;
  contractType: string;
}

/** What the later steps (households, referrals) need to know about the careers. */
export interface CareerFacts {
  /** The first service pact of the ADI programme, by worker index: their households sign a PAD first. */
  adiPacts: Map<number, DatasetServicePact>;
  /** GOL pathway-4 pacts (work and inclusion), which need a referral to social services. */
  inclusionPathwayPacts: { person: number; pact: DatasetServicePact }[];
  /** Indexes of people holding a DID (any state), for referrals. */
  didHolders: number[];
}

/** Builds notices, DIDs and service pacts person by person. */
export class CareerBuilder {
  readonly notices: DatasetNotice[] = [];
  readonly dids: DatasetDid[] = [];
  readonly servicePacts: DatasetServicePact[] = [];
  readonly facts: CareerFacts = { adiPacts: new Map(), inclusionPathwayPacts: [], didHolders: [] };

  private readonly anywhere: WeightedPicker<EmployerInfo>;
  private readonly byProvince = new Map<string, WeightedPicker<EmployerInfo>>();
  private noticeSerial: number;

  constructor(
    private readonly random: Random,
    private readonly today: number,
    employers: readonly EmployerInfo[],
  ) {
    this.anywhere = new WeightedPicker(employers, employers.map((e) => e.weight));
    const groups = new Map<string, EmployerInfo[]>();
    for (const e of employers) {
      const list = groups.get(e.province) ?? [];
      list.push(e);
      groups.set(e.province, list);
    }
    for (const [code, list] of groups) this.byProvince.set(code, new WeightedPicker(list, list.map((e) => e.weight)));
    this.noticeSerial = random.int(1_000_000, 9_000_000) * 1000;
  }

  /** Generates the whole working life of one person inside the window. */
  build(person: Person): void {
    const { random, today } = this;
    if (person.minStart > today - 10) return;
    const canDeclare = person.minStart + 60 < today - 3;
    if (!canDeclare || !random.chance(0.37)) {
      if (random.chance(0.75)) this.stretch(person, person.minStart + random.int(0, 240), null);
      return;
    }
    const declaredOn = random.int(person.minStart + 60, today - 3);
    const from = person.minStart + random.int(0, 120);
    let previous: RelationshipOutcome | null = null;
    if (declaredOn - from > 520 && random.chance(0.12)) {
      previous = this.closedDid(person, from, declaredOn);
    } else if (declaredOn - from > 30 && random.chance(0.8)) {
      previous = this.stretch(person, from, declaredOn - random.int(0, 45));
    }
    this.currentDid(person, declaredOn, previous);
  }

  /** A run of relationships from `from`, all over before `endBefore` when given. Returns the last one. */
  private stretch(person: Person, from: number, endBefore: number | null): RelationshipOutcome | null {
    const { random, today } = this;
    const stop = endBefore ?? today + 1;
    let cursor = from;
    let last: RelationshipOutcome | null = null;
    for (let n = 0; n < MAX_RELATIONSHIPS_PER_STRETCH && cursor < stop - 10 && cursor <= today; n++) {
      const outcome = this.relationship(person, cursor, { kind: 'any', endBefore });
      if (!outcome) break;
      last = outcome;
      if (outcome.lastDay === null || outcome.lastDay >= today) break;
      const [min, max] = random.weighted(GAPS);
      cursor = outcome.lastDay + 1 + random.int(min, max);
    }
    return last;
  }

  /** An earlier DID, validated by a pact and lapsed when a long job began; the job ends before `before`. */
  private closedDid(person: Person, from: number, before: number): RelationshipOutcome | null {
    const { random } = this;
    const declaredOn = from + random.int(0, before - from - 480);
    const proposedOn = declaredOn + random.int(2, 30);
    const signedOn = proposedOn + random.int(0, 15);
    const jobStart = signedOn + random.int(15, 120);
    const job = this.relationship(person, jobStart, { kind: 'long', endBefore: before - random.int(1, 40) });
    if (!job) return null;
    const programme = this.programme(person, proposedOn);
    const channel = this.channel(declaredOn, null, programme);
    const did = this.did(person, declaredOn, channel, [
      change(null, 'INSERTED', declaredOn, channelReason(channel)),
      change('INSERTED', 'VALIDATED', signedOn, 'Sottoscrizione del patto di servizio personalizzato'),
      change('VALIDATED', 'LAPSED', jobStart, 'Rapporto di lavoro di durata superiore a 180 giorni'),
    ]);
    this.close(did);
    this.pact(person, did, programme, 'COMPLETED', proposedOn, signedOn, jobStart, jobStart);
    return job;
  }

  /** The person's current DID and the jobs that shaped its history. */
  private currentDid(person: Person, declaredOn: number, previous: RelationshipOutcome | null): void {
    const { random, today } = this;
    this.facts.didHolders.push(person.index);
    const outcome = random.weighted(DID_OUTCOMES);
    const proposedOn = declaredOn + random.int(2, 40);
    const signedOn = proposedOn + random.int(0, 21);
    const programme = this.programme(person, proposedOn);
    const history: DatasetDidChange[] = [];
    const did = this.did(person, declaredOn, this.channel(declaredOn, previous, programme), history);
    history.push(change(null, 'INSERTED', declaredOn, channelReason(did.channel)));

    if (outcome === 'CANCELLED') {
      history.push(change('INSERTED', 'CANCELLED', Math.min(today, declaredOn + random.int(1, 20)), 'DID inserita per errore materiale'));
      return this.close(did);
    }
    if (outcome === 'INSERTED' || signedOn > today) {
      if (proposedOn <= today && random.chance(0.6)) this.pact(person, did, programme, 'PROPOSED', proposedOn, null, null, proposedOn);
      return this.close(did);
    }
    history.push(change('INSERTED', 'VALIDATED', signedOn, 'Sottoscrizione del patto di servizio personalizzato'));
    const activeState = (): 'SIGNED' | 'IN_PROGRESS' => (today - signedOn < 30 ? 'SIGNED' : 'IN_PROGRESS');
    const activeSince = (): number => (today - signedOn < 30 ? signedOn : signedOn + random.int(1, 25));

    if (outcome === 'SUSPENDED') {
      const from = Math.max(signedOn + 10, today - 170);
      if (from <= today - 1) {
        const start = random.int(from, today - 1);
        const job = this.relationship(person, start, { kind: 'short', endBefore: null, ongoing: true });
        if (job) {
          history.push(change('VALIDATED', 'SUSPENDED', start, 'Rapporto di lavoro subordinato di durata non superiore a 180 giorni'));
          this.pact(person, did, programme, 'IN_PROGRESS', proposedOn, signedOn, null, Math.min(start, activeSince()));
          return this.close(did);
        }
      }
    }
    if (outcome === 'LAPSED' && today - signedOn > 20) {
      let from = signedOn + 15;
      if (random.chance(0.2) && today - from > 260) {
        from = this.suspension(person, history, from, from + random.int(0, 60)) ?? from;
      }
      if (random.chance(0.85) && from <= today - 1) {
        const start = random.int(from, Math.min(today - 1, from + 400));
        const job = this.relationship(person, start, { kind: 'long', endBefore: null });
        if (job) {
          history.push(change(lastStatus(history), 'LAPSED', start, 'Rapporto di lavoro di durata superiore a 180 giorni'));
          this.pact(person, did, programme, random.chance(0.75) ? 'COMPLETED' : 'INTERRUPTED', proposedOn, signedOn, start, start);
          if (job.lastDay !== null && job.lastDay < today - 30) this.stretch(person, job.lastDay + random.int(15, 200), null);
          return this.close(did);
        }
      }
      const day = random.int(from, today);
      history.push(change(lastStatus(history), 'LAPSED', day, random.pick(['Reddito annuo superiore alla soglia', 'Rinuncia allo stato di disoccupazione'])));
      this.pact(person, did, programme, 'INTERRUPTED', proposedOn, signedOn, day, day);
      return this.close(did);
    }
    if (outcome === 'REVOKED' && today - signedOn > 20) {
      const day = random.int(signedOn + 20, today);
      history.push(change('VALIDATED', 'REVOKED', day, random.pick(['Mancata presentazione alla convocazione senza giustificato motivo', 'Rifiuto di un\'offerta di lavoro congrua'])));
      this.pact(person, did, programme, 'LAPSED', proposedOn, signedOn, day, day);
      if (today - day > 90 && random.chance(0.5)) this.stretch(person, day + random.int(30, 200), null);
      return this.close(did);
    }
    // Still validated: perhaps after a short job that suspended it for a while.
    if (random.chance(0.35) && today - signedOn > 70) this.suspension(person, history, signedOn + 10, random.int(signedOn + 10, today - 45));
    this.pact(person, did, programme, activeState(), proposedOn, signedOn, null, activeSince());
    this.close(did);
  }

  /** A short job from `start` that suspends the DID and, once over, validates it again. Returns the day after. */
  private suspension(person: Person, history: DatasetDidChange[], earliest: number, start: number): number | null {
    const { today } = this;
    if (start < earliest || start > today - 21) return null;
    const job = this.relationship(person, start, { kind: 'short', endBefore: Math.min(today, start + SHORT_JOB_DAYS) });
    if (!job || job.lastDay === null || job.lastDay + 1 > today) return null;
    history.push(change('VALIDATED', 'SUSPENDED', start, 'Rapporto di lavoro subordinato di durata non superiore a 180 giorni'));
    history.push(change('SUSPENDED', 'VALIDATED', job.lastDay + 1, 'Cessazione del rapporto di lavoro di breve durata'));
    return job.lastDay + 1;
  }

  private did(person: Person, declaredOn: number, channel: string, history: DatasetDidChange[]): DatasetDid {
    const did: DatasetDid = {
      id: this.random.uuid(),
      workerId: person.worker.id,
      declaredOn: isoOf(declaredOn),
      channel,
      status: 'INSERTED',
      statusDate: isoOf(declaredOn),
      jobCentreCode: jobCentreCodeFor(person.worker.domicileMunicipality),
      history,
    };
    this.dids.push(did);
    return did;
  }

  private close(did: DatasetDid): void {
    const last = did.history[did.history.length - 1]!;
    did.status = last.toStatus;
    did.statusDate = last.effectiveOn;
  }

  /** How the DID came in: SIISL in the ADI/SFL flows, often an INPS NASpI application after losing a job, else a portal or the CPI. */
  private channel(declaredOn: number, previous: RelationshipOutcome | null, programme: string): string {
    const { random } = this;
    if (programme === 'ADI' || programme === 'SFL') return 'SIISL';
    if (previous?.lastDay != null && declaredOn - previous.lastDay <= 68 && previous.involuntary && random.chance(0.7)) {
      return previous.contractType === 'B.03.00' ? 'INPS_DISCOLL' : 'INPS_NASPI';
    }
    return random.weighted(CHANNELS);
  }

  private programme(person: Person, proposedOn: number): string {
    const { random } = this;
    const on = isoOf(proposedOn);
    const age = yearsBetween(person.birthDay, proposedOn);
    if (on < GOL_START) return age < 30 && random.chance(0.3) ? 'YOUTH_GUARANTEE' : 'ORDINARY';
    const options: [string, number][] = [['GOL', 72], ['ORDINARY', 10]];
    if (age < 30) options.push(['YOUTH_GUARANTEE', 6]);
    if (on >= SFL_START && age >= 18 && age <= 59) options.push(['SFL', 6]);
    if (on >= ADI_START) options.push(['ADI', 6]);
    return random.weighted(options);
  }

  private pact(
    person: Person,
    did: DatasetDid,
    programme: string,
    state: string,
    proposedOn: number,
    signedOn: number | null,
    endedOn: number | null,
    stateDate: number,
  ): DatasetServicePact {
    const golPathway =
      programme === 'GOL'
        ? this.random.weighted(GOL_PATHWAYS)
        : null;
    const pact: DatasetServicePact = {
      id: this.random.uuid(),
      workerId: person.worker.id,
      fiscalCode: person.worker.fiscalCode,
      didId: did.id,
      jobCentreCode: did.jobCentreCode,
      programme,
      golPathway,
      state,
      proposedOn: isoOf(proposedOn),
      signedOn: signedOn === null ? null : isoOf(signedOn),
      endedOn: endedOn === null ? null : isoOf(endedOn),
      stateDate: isoOf(Math.max(stateDate, signedOn ?? proposedOn)),
    };
    this.servicePacts.push(pact);
    // The household's PAD precedes any pact of the ADI flow, even one only proposed.
    if (programme === 'ADI' && !this.facts.adiPacts.has(person.index)) this.facts.adiPacts.set(person.index, pact);
    if (golPathway === 'WORK_AND_INCLUSION' && signedOn !== null) this.facts.inclusionPathwayPacts.push({ person: person.index, pact });
    return pact;
  }

  private pickEmployer(person: Person): EmployerInfo {
    const { random } = this;
    let chosen: EmployerInfo | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const local = this.byProvince.get(person.worker.domicileProvince);
      chosen = local && random.chance(0.75) ? local.pick(random) : this.anywhere.pick(random);
      // Construction hires few women, care and cleaning hire mostly women.
      const share = chosen.sector.femaleShare;
      const fit = person.female ? share / 0.5 : (1 - share) / 0.5;
      if (random.next() < fit) break;
    }
    return chosen!;
  }

  private pickContract(info: EmployerInfo, kind: Kind, age: number, start: number): ContractType {
    const { random } = this;
    const startIso = isoOf(start);
    let options: (readonly [string, number])[];
    if (kind === 'short') {
      options = info.sector.key === 'agency' ? [['A.06.01', 1]] : [['A.02.00', 85], ['A.02.01', 10], ...(info.sector.key === 'logistics' ? [['N.02.00', 5] as const] : [])];
    } else if (kind === 'long') {
      options = info.sector.key === 'agency' ? [['A.06.00', 1]] : [['A.01.00', 60], ['A.02.00', 25], ...(age < 30 && !info.employer.publicAdministration ? [['A.03.09', 15] as const] : [])];
    } else {
      options = info.sector.contracts.filter(([code]) => {
        if (code === 'A.03.09') return age < 30;
        if (code === 'C.01.00') return age < 35;
        return true;
      });
    }
    for (;;) {
      const type = findContractType(random.weighted(options));
      if (type && startIso >= type.validFrom && (type.validTo === undefined || startIso <= type.validTo)) return type;
    }
  }

  private duration(code: string, seasonal: boolean, kind: Kind): number {
    const { random } = this;
    if (kind === 'short') return random.int(20, SHORT_JOB_DAYS);
    if (kind === 'long') return random.int(SHORT_JOB_DAYS + 1, 365);
    if (seasonal) return random.int(60, 180);
    switch (code) {
      case 'C.01.00':
        return random.int(90, 365);
      case 'A.06.01':
        return random.int(7, 150);
      case 'N.02.00':
        return random.int(30, 180);
      case 'H.03.00':
        return random.int(10, 90);
      default: {
        const [min, max] = random.weighted(FIXED_TERM_DAYS);
        return random.int(min, max);
      }
    }
  }

  /** One employment relationship from `start`, with its notices. Null when it cannot fit. */
  private relationship(person: Person, start: number, options: RelationshipOptions): RelationshipOutcome | null {
    const { random, today } = this;
    if (start > today || start < person.minStart) return null;
    const limit = options.endBefore === null ? null : options.endBefore - 1;
    if (limit !== null && limit - start < 6) return null;
    const info = this.pickEmployer(person);
    const age = yearsBetween(person.birthDay, start);
    const type = this.pickContract(info, options.kind, age, start);
    const seasonal = options.kind !== 'long' && type.code === 'A.02.00' && info.sector.seasonalShare > 0 && random.chance(info.sector.seasonalShare);
    let endDate: number | null = null;
    if (requiresEndDate(type, seasonal)) {
      endDate = start + this.duration(type.code, seasonal, options.kind) - 1;
      if (options.ongoing) endDate = Math.min(start + SHORT_JOB_DAYS - 1, Math.max(endDate, today + random.int(1, 60)));
      if (limit !== null) endDate = Math.min(endDate, limit);
    }
    let trainingEnd = type.apprenticeship ? start + random.int(730, 1095) : null;
    const partTime = random.chance(Math.min(0.8, info.sector.partTimeShare * (person.female ? 1.5 : 0.6)));
    let workingTime: string = partTime ? random.weighted(PART_TIME_CODES) : 'F';
    let weeklyHours = partTime ? random.pick(PART_TIME_HOURS) : null;
    const sites = info.employer.sites;
    let site = sites.find((s) => s.municipality.startsWith(person.worker.domicileProvince)) ?? random.pick(sites);
    if (random.chance(0.3)) site = random.pick(sites);
    // A few construction firms apply a non-construction agreement (the CE-05 anomaly).
    const ccnl = info.construction && random.chance(0.03) ? '042' : info.employer.ccnl;
    const qualification = random.pick(info.sector.qualifications);
    if (info.construction) person.construction = true;
    const relationshipId = random.uuid();
    let contractType = type.code;
    const emit = (kind: NoticeType, eventDay: number, extra: { transformationCode?: string; terminationCause?: TerminationCause } = {}): void => {
      this.notice(person, info, {
        type: kind,
        relationshipId,
        siteId: site.id,
        contractType,
        start,
        endDate,
        eventDay,
        trainingEnd,
        workingTime,
        weeklyHours,
        ccnl,
        qualification,
        seasonal,
        transformationCode: extra.transformationCode ?? null,
        terminationCause: extra.terminationCause ?? null,
      });
    };
    emit('HIRE', start);

    let last = start;
    const bound = (): number => Math.min(today, limit ?? Infinity, endDate ?? Infinity);
    const terminate = (day: number, cause: TerminationCause): RelationshipOutcome => {
      emit('TERMINATION', day, { terminationCause: cause });
      return { lastDay: day, involuntary: INVOLUNTARY_CAUSES.includes(cause), contractType };
    };
    // A day after the last event when there is one, else the day of the last event itself.
    const dayUpTo = (latest: number, earliest = last + 1): number => (latest >= earliest ? random.int(earliest, latest) : last);

    if (!options.ongoing && sites.length > 1 && random.chance(0.03)) {
      const day = last + random.int(15, 200);
      if (day <= bound()) {
        site = random.pick(sites.filter((s) => s.id !== site.id));
        emit('TRANSFER', day);
        last = day;
      }
    }
    if (!options.ongoing && random.chance(0.05)) {
      const day = last + random.int(30, 300);
      if (day <= bound()) {
        if (workingTime === 'F') {
          workingTime = random.weighted([['P', 70], ['V', 20], ['M', 10]] as const);
          weeklyHours = random.pick([18, 20, 24, 25, 30]);
          emit('TRANSFORMATION', day, { transformationCode: 'TP' });
        } else {
          workingTime = 'F';
          weeklyHours = null;
          emit('TRANSFORMATION', day, { transformationCode: 'PP' });
        }
        last = day;
      }
    }

    if (endDate !== null) {
      if (options.ongoing) return { lastDay: endDate, involuntary: false, contractType };
      if (options.kind !== 'long' && random.chance(0.08)) {
        const latest = Math.min(endDate - 1, today, limit ?? Infinity);
        if (latest > last) {
          return terminate(random.int(last + 1, latest), random.weighted(FIXED_TERM_CAUSES));
        }
      }
      for (let n = 0; n < 2 && random.chance(n === 0 ? 0.25 : 0.12); n++) {
        const day = endDate - random.int(1, 15);
        const maxEnd = Math.min(limit ?? Infinity, options.kind === 'short' ? start + SHORT_JOB_DAYS - 1 : Infinity);
        const newEnd = Math.min(endDate + random.int(30, 180), maxEnd);
        if (day <= last || day > today || newEnd <= endDate) break;
        endDate = newEnd;
        emit('EXTENSION', day);
        last = day;
      }
      const convertible = options.kind !== 'short' && !seasonal && (contractType === 'A.02.00' || contractType === 'A.02.01');
      if (convertible && random.chance(0.12)) {
        const latest = Math.min(endDate, today, limit ?? Infinity);
        if (latest > last) {
          const day = random.int(last + 1, latest);
          contractType = 'A.01.00';
          endDate = null;
          emit('TRANSFORMATION', day, { transformationCode: 'DI' });
          last = day;
        }
      }
      if (endDate !== null) return { lastDay: endDate, involuntary: true, contractType };
    }

    if (trainingEnd !== null) {
      const mustEnd = limit !== null && limit < trainingEnd;
      if (mustEnd || random.chance(0.2)) {
        const latest = Math.min(trainingEnd - 1, today, limit ?? Infinity);
        if (mustEnd || latest > last) {
          return terminate(dayUpTo(latest), random.weighted(APPRENTICE_CAUSES));
        }
      }
      if (trainingEnd > today) return { lastDay: null, involuntary: false, contractType };
      if (random.chance(0.75) && trainingEnd > last) {
        contractType = 'A.01.00';
        const day = trainingEnd;
        trainingEnd = null;
        emit('TRANSFORMATION', day, { transformationCode: 'FF' });
        last = day;
      }
    }

    // Open-ended from here on.
    if (limit !== null) {
      const latest = Math.min(limit, today);
      const day = dayUpTo(latest, Math.min(latest, Math.max(last + 1, start + 14)));
      return terminate(day, this.openEndedCause(person, start, day));
    }
    if (random.chance(0.4)) {
      const day = last + 1 + Math.floor(-Math.log(1 - random.next()) * 800);
      if (day < today) return terminate(day, this.openEndedCause(person, start, day));
    }
    return { lastDay: null, involuntary: false, contractType };
  }

  private openEndedCause(person: Person, start: number, day: number): TerminationCause {
    const age = yearsBetween(person.birthDay, day);
    const options: [TerminationCause, number][] = [['DIM', 35], ['LIC.GMO', 25], ['RIS.CONS', 12], ['LIC.GC', 5], ['LIC.GMS', 5], ['LIC.COLL', 3]];
    if (day - start <= 180) options.push(['PROVA', 8]);
    if (age >= 62) options.push(['PENS', 40]);
    return this.random.weighted(options);
  }

  private notice(
    person: Person,
    info: EmployerInfo,
    n: {
      type: NoticeType;
      relationshipId: string;
      siteId: string;
      contractType: string;
      start: number;
      endDate: number | null;
      eventDay: number;
      trainingEnd: number | null;
      workingTime: string;
      weeklyHours: number | null;
      ccnl: string;
      qualification: string;
      seasonal: boolean;
      transformationCode: string | null;
      terminationCause: string | null;
    },
  ): void {
    const { random, today } = this;
    // Hires are due by the day before the start, the other events within 5 days; about 8% are late.
    const late = random.chance(0.08);
    let filedDay: number;
    if (n.type === 'HIRE') filedDay = late && n.start + 1 <= today ? n.start + random.int(1, 20) : n.start - random.int(1, 7);
    else filedDay = late && n.eventDay + 6 <= today ? n.eventDay + random.int(6, 30) : n.eventDay + random.int(0, 5);
    filedDay = Math.min(filedDay, today);
    let permitType: string | null = null;
    let permitExpiry: string | null = null;
    if (person.permitType !== null) {
      permitType = person.permitType;
      const permanent = permitType === '5' || permitType === '7';
      permitExpiry = permanent ? '2099-12-31' : isoOf(n.eventDay + random.int(60, permitType === '2' ? 1800 : 700));
    }
    this.noticeSerial += 1;
    this.notices.push({
      id: random.uuid(),
      code: flatString(`${yearOf(filedDay)}${String(this.noticeSerial).padStart(12, '0')}`),
      type: n.type,
      relationshipId: n.relationshipId,
      employerFiscalCode: info.employer.fiscalCode,
      workerFiscalCode: person.worker.fiscalCode,
      workerId: person.worker.id,
      workSiteId: n.siteId,
      contractType: n.contractType,
      startDate: isoOf(n.start),
      endDate: n.endDate === null ? null : isoOf(n.endDate),
      eventDate: isoOf(n.eventDay),
      trainingEndDate: n.trainingEnd === null ? null : isoOf(n.trainingEnd),
      workingTime: n.workingTime,
      weeklyHours: n.weeklyHours,
      ccnl: n.ccnl,
      qualification: n.qualification,
      seasonal: n.seasonal,
      transformationCode: n.transformationCode,
      terminationCause: n.terminationCause,
      residencePermitType: permitType,
      residencePermitExpiry: permitExpiry,
      filedAt: timestampOf(filedDay, random.int(8 * 3600, 19 * 3600 + 3599)),
    });
  }
}

function change(fromStatus: string | null, toStatus: string, day: number, reason: string): DatasetDidChange {
  return { fromStatus, toStatus, effectiveOn: isoOf(day), reason };
}

function lastStatus(history: readonly DatasetDidChange[]): string {
  return history[history.length - 1]!.toStatus;
}

function channelReason(channel: string): string {
  switch (channel) {
    case 'ANPAL_PORTAL':
      return 'Dichiarazione resa sul portale nazionale';
    case 'JOB_CENTRE':
      return 'Dichiarazione resa presso il Centro per l\'Impiego';
    case 'REGIONAL_SYSTEM':
      return 'Dichiarazione acquisita dal sistema regionale SINTESI';
    case 'INPS_NASPI':
      return 'Domanda NASpI presentata all\'INPS (equivale a DID)';
    case 'INPS_DISCOLL':
      return 'Domanda DIS-COLL presentata all\'INPS (equivale a DID)';
    default:
      return 'DID conferita da SIISL con il patto di attivazione digitale';
  }
}
