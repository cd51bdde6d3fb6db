import { badUserInput, illegalTransition, type InputProblem, notFound } from '../../lib/errors';
import { ageOn, today } from '../../lib/dates';
import { type WorkersContext } from '../context';
import {
  AvailabilityDeclaration,
  AvailabilityStatusChange,
  DID_TRANSITIONS,
  DidStatus,
  OPEN_DID_STATUSES,
} from './availability.entity';
import { type ChangeAvailabilityDeclarationStatusInput, type RegisterAvailabilityDeclarationInput } from './availability.input';

/** Minimum age to declare availability (check E14). */
export const MINIMUM_DID_AGE = 15;
const SERVICE_POINT_CODE = /^[A-Z0-9][A-Z0-9._-]{1,19}$/;

/** Business rules of the DID: eligibility checks and the state machine. */
export class AvailabilityService {
  constructor(private readonly ctx: WorkersContext) {}

  /** Registers a DID after the eligibility checks; the first history entry is written with it. */
  async register(input: RegisterAvailabilityDeclarationInput): Promise<AvailabilityDeclaration> {
    const problems: InputProblem[] = [];
    const worker = await this.ctx.loaders.workerByFiscalCode.load(input.fiscalCode);
    if (!worker) problems.push({ path: 'input.fiscalCode', message: 'no worker has this fiscal code' });
    if (input.declaredOn > today()) problems.push({ path: 'input.declaredOn', message: 'must not be in the future' });
    if (!SERVICE_POINT_CODE.test(input.jobCentreCode)) {
      problems.push({ path: 'input.jobCentreCode', message: 'must be a service-point code (2-20 upper-case letters, digits, dot, dash)' });
    }
    if (worker && ageOn(worker.birthDate, input.declaredOn) < MINIMUM_DID_AGE) {
      problems.push({ path: 'input.declaredOn', message: `the person must be at least ${MINIMUM_DID_AGE} on the date of the declaration` });
    }
    if (problems.length || !worker) throw badUserInput(problems);

    const existing = await this.ctx.loaders.declarationsByWorker.load(worker.id);
    const open = existing.find((d) => OPEN_DID_STATUSES.includes(d.status));
    if (open) throw illegalTransition('A new DID for a person whose DID is open', open.status, DidStatus.INSERTED);

    const declaration = this.ctx.em.create(AvailabilityDeclaration, {
      worker,
      declaredOn: input.declaredOn,
      channel: input.channel,
      jobCentreCode: input.jobCentreCode,
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
    });
    await this.ctx.em.flush();
    this.ctx.loaders.declarationsByWorker.clear(worker.id);
    return declaration;
  }

  /** Moves a DID along its state machine; an illegal move is a CONFLICT and writes nothing. */
  async changeStatus(input: ChangeAvailabilityDeclarationStatusInput): Promise<AvailabilityDeclaration> {
    const declaration = await this.ctx.loaders.declarationById.load(input.id);
    if (!declaration) throw notFound('The DID');
    const problems: InputProblem[] = [];
    if (!input.reason.trim()) problems.push({ path: 'input.reason', message: 'must not be empty' });
    if (input.reason.length > 500) problems.push({ path: 'input.reason', message: 'must be at most 500 characters' });
    if (input.effectiveOn < declaration.statusDate) {
      problems.push({ path: 'input.effectiveOn', message: 'must not be before the date of the current state' });
    }
    if (input.effectiveOn > today()) problems.push({ path: 'input.effectiveOn', message: 'must not be in the future' });
    if (problems.length) throw badUserInput(problems);
    if (!DID_TRANSITIONS[declaration.status].includes(input.status)) {
      throw illegalTransition('The DID', declaration.status, input.status);
    }
    this.ctx.em.create(AvailabilityStatusChange, {
      declaration,
      fromStatus: declaration.status,
      toStatus: input.status,
      effectiveOn: input.effectiveOn,
      reason: input.reason.trim(),
      recordedBy: this.ctx.caller?.subject ?? null,
    });
    declaration.status = input.status;
    declaration.statusDate = input.effectiveOn;
    await this.ctx.em.flush();
    this.ctx.loaders.changesByDeclaration.clear(declaration.id);
    return declaration;
  }
}
