import { badUserInput, illegalTransition, type InputProblem, notFound } from '../../lib/errors';
import { ageOn } from '../../lib/dates';
import { assertTransition, checkStateChange } from '../../lib/state-machine';
import { checkNotFuture, checkServicePointCode } from '../../lib/validation';
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

/** Business rules of the DID: eligibility checks and the state machine. */
export class AvailabilityService {
  constructor(private readonly ctx: WorkersContext) {}

  /** Registers a DID after the eligibility checks; the first history entry is written with it. */
  async register(input: RegisterAvailabilityDeclarationInput): Promise<AvailabilityDeclaration> {
    const problems: InputProblem[] = [];
    const worker = await this.ctx.loaders.workerByFiscalCode.load(input.fiscalCode);
    if (!worker) problems.push({ path: 'input.fiscalCode', message: 'no worker has this fiscal code' });
    problems.push(...checkNotFuture('input.declaredOn', input.declaredOn));
    problems.push(...checkServicePointCode('input.jobCentreCode', input.jobCentreCode));
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
    const problems = checkStateChange(input, declaration.statusDate);
    if (problems.length) throw badUserInput(problems);
    assertTransition(DID_TRANSITIONS, 'The DID', declaration.status, input.status);
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
