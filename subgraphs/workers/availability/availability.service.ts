import { OptimisticLockError } from '@mikro-orm/core';
import { badUserInput, conflict, illegalTransition, type InputProblem, notFound } from '../../lib/errors';
import { ageOn } from '../../lib/dates';
import { assertTransition, checkStateChange } from '../../lib/state-machine';
import { checkNotFuture, checkServicePointCode } from '../../lib/validation';
import { Role } from '../../lib/identity';
import { type WorkersContext } from '../context';
import { JOB_CENTRE_KINDS } from '../../lib/service-point-directory.entity';
import {
  AvailabilityDeclaration,
  AvailabilityStatusChange,
  DID_TRANSITIONS,
  DidStatus,
  OPEN_DID_STATUSES,
} from './availability.entity';
import { type DidChangeKind } from './did-change-kind';
import { type ChangeAvailabilityDeclarationStatusInput, type RegisterAvailabilityDeclarationInput } from './availability.input';
import { inRequestTransaction } from '../../lib/orm';
import { queueWorkerCompetence } from '../worker/worker-competence.events';

/** Minimum age to declare availability (check E14). */
export const MINIMUM_DID_AGE = 15;

/** Business rules of the DID: eligibility checks and the state machine. */
export class AvailabilityService {
  constructor(private readonly ctx: WorkersContext) {}

  /** Registers a DID after the eligibility checks; the first history entry is written with it. */
  async register(input: RegisterAvailabilityDeclarationInput): Promise<AvailabilityDeclaration> {
    const problems: InputProblem[] = [];
    // Through the caller's row scope: a person outside it is "no worker", like an unknown one
    // (for a citizen, any fiscal code but their own).
    const worker = await this.ctx.loaders.workerByFiscalCode.load(input.fiscalCode);
    if (!worker) problems.push({ path: 'input.fiscalCode', message: 'no worker has this fiscal code' });
    problems.push(...checkNotFuture('input.declaredOn', input.declaredOn));
    problems.push(...(await this.checkJobCentre('input.jobCentreCode', input.jobCentreCode)));
    if (worker && ageOn(worker.birthDate, input.declaredOn) < MINIMUM_DID_AGE) {
      problems.push({ path: 'input.declaredOn', message: `the person must be at least ${MINIMUM_DID_AGE} on the date of the declaration` });
    }
    if (problems.length || !worker) throw badUserInput(problems);

    // E12 is a rule on every DID of the person, whatever the caller's scope on DIDs (the
    // person is in scope): a DID open at a job centre elsewhere still forbids a second one.
    const open = await this.ctx.em.findOne(
      AvailabilityDeclaration,
      { worker, status: { $in: [...OPEN_DID_STATUSES] } },
      { orderBy: { declaredOn: 'desc', id: 'desc' } },
    );
    if (open) throw illegalTransition('A new DID for a person whose DID is open', open.status, DidStatus.INSERTED);

    const declaration = this.ctx.em.create(AvailabilityDeclaration, {
      worker,
      declaredOn: input.declaredOn,
      channel: input.channel,
      jobCentre: input.jobCentreCode,
      nationalId: input.nationalId ?? null,
      status: DidStatus.INSERTED,
      statusDate: input.declaredOn,
    });
    this.ctx.em.create(AvailabilityStatusChange, {
      declaration,
      fromStatus: null,
      toStatus: DidStatus.INSERTED,
      effectiveOn: input.declaredOn,
      reason: 'declaration registered',
      recordedBy: this.ctx.caller?.subject ?? null,
      purpose: this.ctx.caller?.purpose ?? null,
    });
    // The referrals subgraph's competence replica learns the new DID holder in the same transaction.
    await inRequestTransaction(this.ctx.em, () => queueWorkerCompetence(this.ctx.em, worker));
    this.ctx.loaders.declarationsByWorker.clear(worker.id);
    this.ctx.loaders.statusDeclarationsByWorker.clear(worker.id);
    return declaration;
  }

  /**
   * Problems with the job centre of a new DID: a well-formed code of the replicated
   * service-point directory, of a job centre or job-centre desk; for a job-centre
   * operator, one of its territory (so the new DID is one the operator may read).
   */
  private async checkJobCentre(path: string, code: string): Promise<InputProblem[]> {
    const malformed = checkServicePointCode(path, code);
    if (malformed.length) return malformed;
    const point = await this.ctx.loaders.servicePointByCode.load(code);
    if (!point) return [{ path, message: 'is not a service point of the directory' }];
    if (!JOB_CENTRE_KINDS.includes(point.kind)) return [{ path, message: 'must be a job centre or a job-centre desk' }];
    const caller = this.ctx.caller;
    if (caller?.role === Role.CPI_OPERATOR && !caller.territory.some((t) => point.municipality.startsWith(t))) {
      return [{ path, message: "must be a job centre of the caller's territory" }];
    }
    return [];
  }

  /**
   * Moves a DID along its state machine; an illegal move is a CONFLICT and writes nothing.
   * The DID is loaded through the caller's row scope: outside it, NOT_FOUND like an unknown id.
   */
  async changeStatus(input: ChangeAvailabilityDeclarationStatusInput): Promise<AvailabilityDeclaration> {
    const declaration = await this.ctx.loaders.declarationById.load(input.id);
    if (!declaration) throw notFound('The DID');
    const problems = checkStateChange(input, declaration.statusDate);
    if (problems.length) throw badUserInput(problems);
    this.applyTransition(declaration, input.status, input.effectiveOn, input.reason.trim());
    try {
      // The DID holder the competence replica knows may change with the status: in the same transaction.
      await inRequestTransaction(this.ctx.em, () => queueWorkerCompetence(this.ctx.em, declaration.worker));
    } catch (error) {
      // Changed by another request since it was read: the versioned update wrote nothing.
      if (error instanceof OptimisticLockError) {
        this.ctx.em.clear();
        throw conflict('The DID changed while this change was being made: read it again');
      }
      throw error;
    }
    this.clearDeclaration(declaration);
    return declaration;
  }

  /**
   * Moves a DID to `status` and records the change (author, purpose, reason and, for a
   * change confirmed from a proposal, its cause), in the unit of work: the caller flushes.
   * An illegal move throws CONFLICT before anything is staged.
   */
  applyTransition(declaration: AvailabilityDeclaration, status: DidStatus, effectiveOn: string, reason: string, cause: Partial<DidChangeCause> = {}): AvailabilityStatusChange {
    assertTransition(DID_TRANSITIONS, 'The DID', declaration.status, status);
    const change = this.ctx.em.create(AvailabilityStatusChange, {
      declaration,
      fromStatus: declaration.status,
      toStatus: status,
      effectiveOn,
      reason,
      recordedBy: this.ctx.caller?.subject ?? null,
      purpose: this.ctx.caller?.purpose ?? null,
      ...cause,
    });
    declaration.status = status;
    declaration.statusDate = effectiveOn;
    return change;
  }

  /** Forgets what this request's loaders hold about a DID that changed. */
  clearDeclaration(declaration: AvailabilityDeclaration): void {
    this.ctx.loaders.changesByDeclaration.clear(declaration.id);
    this.ctx.loaders.statusDeclarationsByWorker.clear(declaration.worker.id);
    this.ctx.loaders.declarationsByWorker.clear(declaration.worker.id);
  }
}

/** What the history records of a change confirmed from a proposal. */
export interface DidChangeCause {
  causeKind: DidChangeKind;
  causeReference: string;
  noticeCode: string | null;
  proposalId: string;
  proposedBy: string;
}
