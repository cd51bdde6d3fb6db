import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomInt } from 'node:crypto';
import { badUserInput, conflict, illegalTransition, type InputProblem } from '../../lib/errors';
import { type CompaniesContext } from '../context';
import { type Employer } from '../employer/employer.entity';
import { EmploymentRelationship } from '../relationship/employment-relationship.entity';
import { EmploymentStatus } from '../relationship/employment-relationship.entity';
import { applyNotice, NOTICES_ALLOWED, type RelationshipState, stateOf } from '../relationship/relationship.derivation';
import { addDays, legalDay } from '../../lib/dates';
import { MandatoryNotice } from './mandatory-notice.entity';
import { type AnnulMandatoryNoticeInput, type FileMandatoryNoticeInput, type RectifyMandatoryNoticeInput } from './mandatory-notice.input';
import { MandatoryNoticeState, MandatoryNoticeType, NoticeAction, type WorkingTime } from './notice.codes';
import { DAYS_TO_NOTIFY_AFTER_EVENT, lateness, noticeDeadline } from './notice.deadline';
import { cassaEdileRecipient, flushWithOutbox, queueNoticeEvent } from '../notification/cassa-edile-notification';
import { queueEmploymentLinkEvent } from '../relationship/relationship.events';
import { type NoticeDraft, noticeProblems, type RelationshipBefore } from './notice.validation';

/** A value given in the input wins, even null; a value left out (undefined) is inherited. */
function given<T>(value: T | null | undefined, inherited: T | null): T | null {
  return value !== undefined ? value : inherited;
}

/** A fresh 16-digit communication code. */
function newNoticeCode(): string {
  const part = () => String(randomInt(0, 100_000_000)).padStart(8, '0');
  return `${randomInt(1, 10)}${part()}${part().slice(1)}`;
}

type AddProblem = (field: string, message: string) => void;

/** The relationship a later notice is about, with what the notice may inherit. */
interface Current {
  relationship: EmploymentRelationship;
  employer: Employer | null;
  /** The last notice in force (validated filing or rectification): what a later notice inherits. */
  latest: MandatoryNotice | null;
  /** Every notice of the relationship, by sequence (corrected, annulled and annulments included). */
  notices: MandatoryNotice[];
}

/** Whether a notice is in force: validated, and a filing or a rectification (an annulment has no effect of its own). */
function inForce(notice: MandatoryNotice): boolean {
  return notice.state === MandatoryNoticeState.VALIDATED && notice.action !== NoticeAction.ANNULMENT;
}

/** The facts of a stored notice that shape its relationship. */
function factsOf(notice: MandatoryNotice) {
  return {
    type: notice.type,
    contractType: notice.contractType,
    workingTime: notice.workingTime,
    weeklyHours: notice.weeklyHours ?? null,
    startDate: notice.startDate,
    endDate: notice.endDate ?? null,
    eventDate: notice.eventDate,
  };
}

/** The relationship as the notices in force leave it, in order; null when none is (its hire was annulled). */
function replay(notices: readonly MandatoryNotice[]): RelationshipState | null {
  return notices.reduce<RelationshipState | null>((state, notice) => applyNotice(state, factsOf(notice)), null);
}

/** What a notice inherits the values it leaves out from: a relationship and its latest notice, or the notice a correction corrects. */
interface Basis {
  employerFiscalCode: string;
  workerFiscalCode: string;
  startDate: string;
  contractType: string;
  workingTime: WorkingTime;
  weeklyHours: number | null;
  plannedEndDate: string | null;
  latest: MandatoryNotice | null;
}

/** A later notice's basis: the relationship as it stands, and its latest notice in force. */
function basisOfRelationship(current: Current): Basis {
  const rel = current.relationship;
  return {
    employerFiscalCode: rel.employer.fiscalCode,
    workerFiscalCode: rel.workerFiscalCode,
    startDate: rel.startDate,
    contractType: rel.contractType,
    workingTime: rel.workingTime,
    weeklyHours: rel.weeklyHours ?? null,
    plannedEndDate: rel.plannedEndDate ?? null,
    latest: current.latest,
  };
}

/** A correction's basis: the corrected notice itself, so that what the correction leaves out keeps that notice's value. */
function basisOfNotice(notice: MandatoryNotice): Basis {
  return {
    employerFiscalCode: notice.employer.fiscalCode,
    workerFiscalCode: notice.workerFiscalCode,
    startDate: notice.startDate,
    contractType: notice.contractType,
    workingTime: notice.workingTime,
    weeklyHours: notice.weeklyHours ?? null,
    plannedEndDate: notice.endDate ?? null,
    latest: notice,
  };
}

/** Filing of mandatory notices and upkeep of the relationships they derive. */
export class MandatoryNoticeService {
  constructor(private readonly ctx: CompaniesContext) {}

  /**
   * Files a notice: checks it whole (every problem at once), records its deadline and
   * lateness, and creates or updates its relationship in the same flush (one transaction).
   * An event the relationship's state does not allow is a CONFLICT; nothing is written
   * unless everything passes.
   */
  async file(input: FileMandatoryNoticeInput): Promise<MandatoryNotice> {
    const { loaders } = this.ctx;
    const problems: InputProblem[] = [];
    const add: AddProblem = (field, message) => problems.push({ path: `input.${field}`, message });
    const isHire = input.type === MandatoryNoticeType.HIRE;

    const { current, employer } = await this.subject(input, add);
    const draft = this.draft(input, current ? basisOfRelationship(current) : null);
    if (input.workSiteId != null && draft.employerFiscalCode != null) {
      const site = await loaders.workSiteById.load(input.workSiteId);
      if (!site || site.employer.fiscalCode !== draft.employerFiscalCode) add('workSiteId', 'is not a work site of the employer');
    }
    if (input.code != null && (await this.codeTaken(input.code))) add('code', 'is already used by another notice');
    if (input.notifyCassaEdile && employer && !employer.cassaEdileCode) add('notifyCassaEdile', 'the employer is registered with no Cassa Edile');

    const before: RelationshipBefore | null = current
      ? {
          contractType: current.relationship.contractType,
          workingTime: current.relationship.workingTime,
          startDate: current.relationship.startDate,
          plannedEndDate: current.relationship.plannedEndDate ?? null,
          seasonal: current.latest?.seasonal ?? false,
        }
      : null;
    problems.push(
      ...noticeProblems(draft, {
        before,
        complete: isHire || current != null,
        publicAdministration: employer?.publicAdministration ?? null,
        endDateGiven: input.endDate !== undefined,
      }),
    );
    if (problems.length || !employer || !draft.workerFiscalCode) throw badUserInput(problems);
    return this.write(draft, input, employer, current, await this.freeCode(input.code));
  }

  /**
   * Rectifies (rettifica) the last notice in force of a relationship: a new notice of the
   * same type, referencing it, with the corrected data checked whole as a filing is; the
   * corrected notice becomes RECTIFIED and the relationship is derived again from the
   * notices in force. Employer, worker and start date cannot change. Due within 5 days of
   * the notice corrected; a later one is recorded late, not refused.
   */
  async rectify(input: RectifyMandatoryNoticeInput): Promise<MandatoryNotice> {
    const problems: InputProblem[] = [];
    const add: AddProblem = (field, message) => problems.push({ path: `input.${field}`, message });
    const target = await this.correctable(input.noticeId, add);
    if (input.code != null && (await this.codeTaken(input.code))) add('code', 'is already used by another notice');
    if (!target) throw badUserInput(problems);
    const { notice: original, current } = target;
    if (input.employerFiscalCode != null && input.employerFiscalCode !== original.employer.fiscalCode) add('employerFiscalCode', 'cannot be changed by a rectification');
    if (input.workerFiscalCode != null && input.workerFiscalCode !== original.workerFiscalCode) add('workerFiscalCode', 'cannot be changed by a rectification');
    if (input.startDate != null && input.startDate !== original.startDate) add('startDate', 'cannot be changed by a rectification');

    // The notices in force before the one corrected: the relationship the corrected notice applies to.
    const earlier = current.notices.filter((n) => inForce(n) && n.sequence < original.sequence);
    const state = replay(earlier);
    const pick = <K extends keyof RectifyMandatoryNoticeInput & keyof MandatoryNotice>(key: K) => (input[key] !== undefined ? input[key] : original[key]);
    const filing: FileMandatoryNoticeInput = {
      type: original.type,
      relationshipId: current.relationship.id,
      workerCitizenship: pick('workerCitizenship'),
      workerDomicileMunicipality: pick('workerDomicileMunicipality'),
      workSiteId: input.workSiteId !== undefined ? input.workSiteId : (original.workSite?.id ?? null),
      contractType: pick('contractType'),
      endDate: pick('endDate'),
      eventDate: pick('eventDate'),
      trainingEndDate: pick('trainingEndDate'),
      workingTime: pick('workingTime'),
      weeklyHours: pick('weeklyHours'),
      ccnl: pick('ccnl'),
      qualification: pick('qualification'),
      seasonal: pick('seasonal'),
      transformationCode: pick('transformationCode'),
      terminationCause: pick('terminationCause'),
      residencePermitType: pick('residencePermitType'),
      residencePermitExpiry: pick('residencePermitExpiry'),
      filedBy: input.filedBy ?? null,
    };
    // What the corrected notice carried is what a rectification leaves out keeps.
    const draft = this.draft(filing, basisOfNotice(original));
    if (input.workSiteId != null) {
      const site = await this.ctx.loaders.workSiteById.load(input.workSiteId);
      if (!site || site.employer.fiscalCode !== original.employer.fiscalCode) add('workSiteId', 'is not a work site of the employer');
    }
    problems.push(
      ...noticeProblems(draft, {
        before: state ? { ...state, seasonal: earlier.at(-1)?.seasonal ?? false } : null,
        complete: true,
        publicAdministration: current.employer?.publicAdministration ?? null,
        endDateGiven: draft.endDate != null,
      }),
    );
    if (problems.length || !current.employer) throw badUserInput(problems);
    return this.write(draft, filing, current.employer, current, await this.freeCode(input.code), {
      action: NoticeAction.RECTIFICATION,
      corrects: original,
      earlier,
    });
  }

  /**
   * Annuls (annullamento) the last notice in force of a relationship: an annulment notice
   * referencing it is stored, the notice becomes ANNULLED, and the relationship is derived
   * again from the notices left in force (none, after a hire: the relationship is ANNULLED).
   */
  async annul(input: AnnulMandatoryNoticeInput): Promise<MandatoryNotice> {
    const problems: InputProblem[] = [];
    const add: AddProblem = (field, message) => problems.push({ path: `input.${field}`, message });
    const target = await this.correctable(input.noticeId, add);
    if (input.code != null && (await this.codeTaken(input.code))) add('code', 'is already used by another notice');
    if (!target || problems.length) throw badUserInput(problems);
    const { notice: original, current } = target;
    const employer = current.employer;
    if (!employer) throw badUserInput([{ path: 'input.noticeId', message: 'no mandatory notice has this id' }]);
    // The annulment carries the annulled notice's data, event included.
    const draft = this.draft(
      {
        type: original.type,
        relationshipId: current.relationship.id,
        eventDate: original.eventDate,
        transformationCode: original.transformationCode ?? null,
        terminationCause: original.terminationCause ?? null,
        filedBy: input.filedBy ?? null,
      },
      basisOfNotice(original),
    );
    const earlier = current.notices.filter((n) => inForce(n) && n.sequence < original.sequence);
    return this.write(draft, { filedBy: input.filedBy ?? null }, employer, current, await this.freeCode(input.code), {
      action: NoticeAction.ANNULMENT,
      corrects: original,
      earlier,
    });
  }

  /**
   * The notice a rectification or annulment may correct: known to the caller (else it is
   * reported as unknown), and the last notice in force of its relationship.
   */
  private async correctable(noticeId: string, add: AddProblem): Promise<{ notice: MandatoryNotice; current: Current } | null> {
    const notice = await this.ctx.loaders.noticeById.load(noticeId);
    const current = notice ? await this.loadCurrent(notice.relationship.id) : null;
    if (!notice || !current) {
      add('noticeId', 'no mandatory notice has this id');
      return null;
    }
    if (notice.action === NoticeAction.ANNULMENT) {
      add('noticeId', 'is an annulment, which cannot be corrected');
      return null;
    }
    if (!inForce(notice)) {
      add('noticeId', `is ${notice.state}: only the last validated notice of a relationship can be corrected`);
      return null;
    }
    if (current.latest?.id !== notice.id) {
      add('noticeId', `only the last validated notice of a relationship can be corrected (this one is followed by notice ${current.latest?.sequence})`);
      return null;
    }
    return { notice, current };
  }

  /**
   * Who and what the notice is about: for a HIRE, the employer it names; for a later
   * notice, its relationship (whose state must allow the event, else CONFLICT) and that
   * relationship's employer, which the input may repeat but not change.
   */
  private async subject(input: FileMandatoryNoticeInput, add: AddProblem): Promise<{ current: Current | null; employer: Employer | null }> {
    const { loaders } = this.ctx;
    if (input.type === MandatoryNoticeType.HIRE) {
      if (input.relationshipId != null) add('relationshipId', 'must be left out of a HIRE, which creates the relationship');
      if (input.workerFiscalCode == null) add('workerFiscalCode', 'is required for a HIRE');
      if (input.employerFiscalCode == null) {
        add('employerFiscalCode', 'is required for a HIRE');
        return { current: null, employer: null };
      }
      const employer = await loaders.employerByFiscalCode.load(input.employerFiscalCode);
      if (!employer) add('employerFiscalCode', 'no employer has this fiscal code');
      return { current: null, employer };
    }
    if (input.relationshipId == null) {
      add('relationshipId', `is required for ${input.type}`);
      return { current: null, employer: null };
    }
    const current = await this.loadCurrent(input.relationshipId);
    if (!current) {
      add('relationshipId', 'no employment relationship has this id');
      return { current: null, employer: null };
    }
    const rel = current.relationship;
    if (!NOTICES_ALLOWED[rel.recordedStatus].includes(input.type)) {
      throw illegalTransition('The employment relationship', rel.recordedStatus, input.type);
    }
    if (input.employerFiscalCode != null && input.employerFiscalCode !== rel.employer.fiscalCode) {
      add('employerFiscalCode', 'must be the employer of the relationship');
    }
    if (input.workerFiscalCode != null && input.workerFiscalCode !== rel.workerFiscalCode) {
      add('workerFiscalCode', 'must be the worker of the relationship');
    }
    if (input.startDate != null && input.startDate !== rel.startDate) add('startDate', 'must be the start date of the relationship');
    return { current, employer: current.employer };
  }

  private async loadCurrent(relationshipId: string): Promise<Current | null> {
    const relationship = await this.ctx.loaders.relationshipById.load(relationshipId);
    if (!relationship) return null;
    const [employer, notices] = await Promise.all([
      this.ctx.loaders.employerByFiscalCode.load(relationship.employer.fiscalCode),
      this.ctx.loaders.noticesByRelationship.load(relationship.id),
    ]);
    // The loader lists a relationship's notices by sequence, so the last in force is the latest.
    return { relationship, employer, latest: notices.filter(inForce).at(-1) ?? null, notices };
  }

  /**
   * The notice as it would be stored. A later notice inherits what it leaves out from its
   * basis (the relationship and its latest notice, or the notice a correction corrects), except that a new contract type drops the old end
   * date and training period, and a new working time drops the old weekly hours.
   */
  private draft(input: FileMandatoryNoticeInput, basis: Basis | null): NoticeDraft {
    const latest = basis?.latest ?? null;
    const contractType = given(input.contractType, basis?.contractType ?? null);
    const contractKept = basis != null && contractType === basis.contractType;
    const workingTime = given<WorkingTime>(input.workingTime, basis?.workingTime ?? null);
    const workingTimeKept = basis != null && workingTime === basis.workingTime;
    const startDate = basis?.startDate ?? input.startDate ?? null;
    return {
      type: input.type,
      employerFiscalCode: basis?.employerFiscalCode ?? input.employerFiscalCode ?? null,
      workerFiscalCode: basis?.workerFiscalCode ?? input.workerFiscalCode ?? null,
      workerCitizenship: given(input.workerCitizenship, latest?.workerCitizenship ?? null),
      workerDomicileMunicipality: given(input.workerDomicileMunicipality, latest?.workerDomicileMunicipality ?? null),
      workSiteId: given(input.workSiteId, latest?.workSite?.id ?? null),
      contractType,
      startDate,
      endDate: given(input.endDate, contractKept ? (basis?.plannedEndDate ?? null) : null),
      eventDate: input.eventDate ?? (input.type === MandatoryNoticeType.HIRE ? startDate : null),
      trainingEndDate: given(input.trainingEndDate, contractKept ? (latest?.trainingEndDate ?? null) : null),
      workingTime,
      weeklyHours: given(input.weeklyHours, workingTimeKept ? (basis?.weeklyHours ?? null) : null),
      ccnl: given(input.ccnl, latest?.ccnl ?? null),
      qualification: given(input.qualification, latest?.qualification ?? null),
      seasonal: given(input.seasonal, latest?.seasonal ?? null) ?? false,
      transformationCode: input.transformationCode ?? null,
      terminationCause: input.terminationCause ?? null,
      residencePermitType: given(input.residencePermitType, latest?.residencePermitType ?? null),
      residencePermitExpiry: given(input.residencePermitExpiry, latest?.residencePermitExpiry ?? null),
    };
  }

  /**
   * Whether any notice has this communication code. Codes are unique across every employer,
   * so this looks past the caller's row scope; it answers only yes or no, never a notice.
   */
  private async codeTaken(code: string): Promise<boolean> {
    return (await this.ctx.em.count(MandatoryNotice, { code })) > 0;
  }

  /** The code to store: the one given (already checked free), or a fresh unused one. */
  private async freeCode(code: string | null | undefined): Promise<string> {
    if (code != null) return code;
    for (;;) {
      const candidate = newNoticeCode();
      if (!(await this.codeTaken(candidate))) return candidate;
    }
  }

  private async write(
    draft: NoticeDraft,
    input: Pick<FileMandatoryNoticeInput, 'filedBy' | 'notifyCassaEdile'>,
    employer: Employer,
    current: Current | null,
    code: string,
    correction?: { action: NoticeAction.RECTIFICATION | NoticeAction.ANNULMENT; corrects: MandatoryNotice; earlier: MandatoryNotice[] },
  ): Promise<MandatoryNotice> {
    const { em, loaders } = this.ctx;
    // noticeProblems has reported every missing value, so these are all present here.
    const facts = {
      type: draft.type,
      contractType: draft.contractType!,
      workingTime: draft.workingTime!,
      weeklyHours: draft.weeklyHours,
      startDate: draft.startDate!,
      endDate: draft.endDate,
      eventDate: draft.eventDate!,
    };
    const workerFiscalCode = draft.workerFiscalCode!;
    let relationship: EmploymentRelationship;
    if (correction && current) {
      relationship = current.relationship;
      correction.corrects.state = correction.action === NoticeAction.ANNULMENT ? MandatoryNoticeState.ANNULLED : MandatoryNoticeState.RECTIFIED;
      // Derived again from the notices in force: the earlier ones, then the rectification (an annulment adds none).
      const state = replay(correction.earlier);
      const after = correction.action === NoticeAction.RECTIFICATION ? applyNotice(state, facts) : state;
      if (after) em.assign(relationship, after);
      else relationship.recordedStatus = EmploymentStatus.ANNULLED;
    } else if (current) {
      relationship = current.relationship;
      em.assign(relationship, applyNotice(stateOf(relationship), facts));
    } else {
      relationship = em.create(EmploymentRelationship, { employer, workerFiscalCode, ...applyNotice(null, facts) });
    }
    // The relationship carries the domicile of its latest notice (the row scope of job centres reads it).
    relationship.workerDomicileMunicipality = draft.workerDomicileMunicipality;
    const filedAt = new Date();
    // A rectification or annulment is due within 5 days of the notice it corrects (domain.md §3.1).
    const deadline = correction
      ? addDays(legalDay(correction.corrects.filedAt), DAYS_TO_NOTIFY_AFTER_EVENT)
      : noticeDeadline(draft.type, facts.startDate, facts.eventDate);
    const notice = em.create(MandatoryNotice, {
      code,
      type: draft.type,
      action: correction?.action ?? NoticeAction.FILING,
      corrects: correction?.corrects ?? null,
      employer,
      relationship,
      sequence: (current?.notices.at(-1)?.sequence ?? 0) + 1,
      workSite: draft.workSiteId,
      workerFiscalCode,
      workerCitizenship: draft.workerCitizenship,
      workerDomicileMunicipality: draft.workerDomicileMunicipality,
      contractType: facts.contractType,
      startDate: facts.startDate,
      endDate: draft.endDate,
      eventDate: facts.eventDate,
      trainingEndDate: draft.trainingEndDate,
      workingTime: facts.workingTime,
      weeklyHours: draft.weeklyHours,
      ccnl: draft.ccnl!,
      qualification: draft.qualification!,
      seasonal: draft.seasonal,
      transformationCode: draft.transformationCode,
      terminationCause: draft.terminationCause,
      residencePermitType: draft.residencePermitType,
      residencePermitExpiry: draft.residencePermitExpiry,
      filedAt,
      filedBy: input.filedBy ?? null,
      deadline,
      ...lateness(deadline, filedAt),
    });
    // Integrated mode: the Cassa Edile's notification is written by the same transaction as
    // the notice (a correction goes wherever the notice it corrects went).
    notice.notifiedTo = correction ? (correction.corrects.notifiedTo ?? null) : cassaEdileRecipient(employer, input.notifyCassaEdile === true);
    if (notice.notifiedTo) queueNoticeEvent(em, notice, employer, notice.notifiedTo);
    queueEmploymentLinkEvent(em, relationship, employer, workerFiscalCode, code);
    try {
      await flushWithOutbox(em);
    } catch (error) {
      // Two notices for one relationship at once: the second meets the version or the (relationship, sequence) key.
      if (error instanceof OptimisticLockError || error instanceof UniqueConstraintViolationException) {
        throw conflict('Another notice was filed at the same time for this relationship (or with this code); read the relationship again and retry');
      }
      throw error;
    }
    loaders.noticesByRelationship.clear(relationship.id);
    if (correction) loaders.noticeById.clear(correction.corrects.id);
    loaders.relationshipById.clear(relationship.id);
    loaders.noticesByWorker.clear(workerFiscalCode);
    loaders.relationshipsByWorker.clear(workerFiscalCode);
    loaders.relationshipsByEmployer.clear(employer.fiscalCode);
    loaders.activeRelationshipsByEmployer.clear(employer.fiscalCode);
    loaders.noticePages.clearAll();
    return notice;
  }
}
