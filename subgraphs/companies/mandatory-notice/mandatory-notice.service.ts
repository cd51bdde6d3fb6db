import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import { randomInt } from 'node:crypto';
import { badUserInput, conflict, illegalTransition, type InputProblem } from '../../lib/errors';
import { type CompaniesContext } from '../context';
import { type Employer } from '../employer/employer.entity';
import { EmploymentRelationship } from '../relationship/employment-relationship.entity';
import { applyNotice, NOTICES_ALLOWED, stateOf } from '../relationship/relationship.derivation';
import { MandatoryNotice } from './mandatory-notice.entity';
import { type FileMandatoryNoticeInput } from './mandatory-notice.input';
import { MandatoryNoticeType, type WorkingTime } from './notice.codes';
import { lateness, noticeDeadline } from './notice.deadline';
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
  latest: MandatoryNotice | null;
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
    const draft = this.draft(input, current);
    if (input.workSiteId != null && draft.employerFiscalCode != null) {
      const site = await loaders.workSiteById.load(input.workSiteId);
      if (!site || site.employer.fiscalCode !== draft.employerFiscalCode) add('workSiteId', 'is not a work site of the employer');
    }
    if (input.code != null && (await this.codeTaken(input.code))) add('code', 'is already used by another notice');

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
    // The loader lists a relationship's notices by sequence, so the last one is the latest.
    return { relationship, employer, latest: notices[notices.length - 1] ?? null };
  }

  /**
   * The notice as it would be stored. A later notice inherits what it leaves out from the
   * relationship and its latest notice, except that a new contract type drops the old end
   * date and training period, and a new working time drops the old weekly hours.
   */
  private draft(input: FileMandatoryNoticeInput, current: Current | null): NoticeDraft {
    const rel = current?.relationship;
    const latest = current?.latest ?? null;
    const contractType = given(input.contractType, rel?.contractType ?? null);
    const contractKept = rel != null && contractType === rel.contractType;
    const workingTime = given<WorkingTime>(input.workingTime, rel?.workingTime ?? null);
    const workingTimeKept = rel != null && workingTime === rel.workingTime;
    const startDate = rel?.startDate ?? input.startDate ?? null;
    return {
      type: input.type,
      employerFiscalCode: rel?.employer.fiscalCode ?? input.employerFiscalCode ?? null,
      workerFiscalCode: rel?.workerFiscalCode ?? input.workerFiscalCode ?? null,
      workerCitizenship: given(input.workerCitizenship, latest?.workerCitizenship ?? null),
      workerDomicileMunicipality: given(input.workerDomicileMunicipality, latest?.workerDomicileMunicipality ?? null),
      workSiteId: given(input.workSiteId, latest?.workSite?.id ?? null),
      contractType,
      startDate,
      endDate: given(input.endDate, contractKept ? (rel?.plannedEndDate ?? null) : null),
      eventDate: input.eventDate ?? (input.type === MandatoryNoticeType.HIRE ? startDate : null),
      trainingEndDate: given(input.trainingEndDate, contractKept ? (latest?.trainingEndDate ?? null) : null),
      workingTime,
      weeklyHours: given(input.weeklyHours, workingTimeKept ? (rel?.weeklyHours ?? null) : null),
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
    input: FileMandatoryNoticeInput,
    employer: Employer,
    current: Current | null,
    code: string,
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
    if (current) {
      relationship = current.relationship;
      em.assign(relationship, applyNotice(stateOf(relationship), facts));
    } else {
      relationship = em.create(EmploymentRelationship, { employer, workerFiscalCode, ...applyNotice(null, facts) });
    }
    // The relationship carries the domicile of its latest notice (the row scope of job centres reads it).
    relationship.workerDomicileMunicipality = draft.workerDomicileMunicipality;
    const filedAt = new Date();
    const deadline = noticeDeadline(draft.type, facts.startDate, facts.eventDate);
    const notice = em.create(MandatoryNotice, {
      code,
      type: draft.type,
      employer,
      relationship,
      sequence: (current?.latest?.sequence ?? 0) + 1,
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
    try {
      await em.flush();
    } catch (error) {
      // Two notices for one relationship at once: the second meets the version or the (relationship, sequence) key.
      if (error instanceof OptimisticLockError || error instanceof UniqueConstraintViolationException) {
        throw conflict('Another notice was filed at the same time for this relationship (or with this code); read the relationship again and retry');
      }
      throw error;
    }
    loaders.noticesByRelationship.clear(relationship.id);
    loaders.noticesByWorker.clear(workerFiscalCode);
    loaders.relationshipsByWorker.clear(workerFiscalCode);
    loaders.relationshipsByEmployer.clear(employer.fiscalCode);
    loaders.activeRelationshipsByEmployer.clear(employer.fiscalCode);
    loaders.noticePages.clearAll();
    return notice;
  }
}
