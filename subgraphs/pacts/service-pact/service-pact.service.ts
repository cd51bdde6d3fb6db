import { type FilterQuery } from '@mikro-orm/core';
import { ALL_ROWS } from '../../lib/policy/model';
import { badUserInput, illegalTransition, type InputProblem, notFound } from '../../lib/errors';
import { changeAuthor } from '../../lib/state-change';
import { assertTransition, checkStateChange } from '../../lib/state-machine';
import { type PactsContext } from '../context';
import { jobCentresInTerritory } from '../scopes';
import { JOB_CENTRE_KINDS, ServicePointDirectoryEntry } from '../../lib/service-point-directory.entity';
import { checkNotFuture, checkServicePointCode, isUuid } from '../../lib/validation';
import {
  ACTIVE_SERVICE_PACT_STATES,
  FINAL_SERVICE_PACT_STATES,
  SERVICE_PACT_TRANSITIONS,
  ServicePact,
  ServicePactProgramme,
  ServicePactState,
  ServicePactStateChange,
} from './service-pact.entity';
import { checkActivationPact } from './activation-pact.rules';
import { type ChangeServicePactStateInput, type CreateServicePactInput, type SignServicePactInput } from './service-pact.input';
import { inRequestTransaction } from '../../lib/orm';
import { queuePactsCompetence } from '../competence/competence.events';

/** Reason recorded on a pact closed because a new pact of the same programme was signed. */
export const REPLACED_BY_NEW_PACT = 'closed by the signature of a new service pact of the same programme';

/** Business rules of the service pact (PSP): creation checks, signature and the state machine. */
export class ServicePactService {
  constructor(private readonly ctx: PactsContext) {}

  /** Records a proposed pact, with the first entry of its history. */
  async create(input: CreateServicePactInput): Promise<ServicePact> {
    const problems: InputProblem[] = [];
    if (!isUuid(input.workerId)) problems.push({ path: 'input.workerId', message: 'must be a worker identifier (UUID)' });
    const codeProblems = checkServicePointCode('input.jobCentreCode', input.jobCentreCode);
    problems.push(...codeProblems);
    if (codeProblems.length === 0 && !(await this.jobCentreInScope(input.jobCentreCode))) {
      problems.push({ path: 'input.jobCentreCode', message: 'must be the code of a job centre or job-centre desk of your territory' });
    }
    problems.push(...checkNotFuture('input.proposedOn', input.proposedOn));
    if (input.programme === ServicePactProgramme.GOL && input.golPathway == null) {
      problems.push({ path: 'input.golPathway', message: 'is required when the programme is GOL' });
    }
    if (input.programme !== ServicePactProgramme.GOL && input.golPathway != null) {
      problems.push({ path: 'input.golPathway', message: 'is only allowed when the programme is GOL' });
    }
    const activation = await checkActivationPact(this.ctx.em, input, problems);
    if (problems.length) throw badUserInput(problems);

    const pact = this.ctx.em.create(ServicePact, {
      workerId: input.workerId,
      fiscalCode: input.fiscalCode,
      jobCentre: input.jobCentreCode,
      programme: input.programme,
      golPathway: input.golPathway ?? null,
      ...activation,
      state: ServicePactState.PROPOSED,
      proposedOn: input.proposedOn,
      stateDate: input.proposedOn,
    });
    this.record(pact, null, 'pact proposed', input.proposedOn);
    await this.commit(pact);
    this.forgetWorker(pact);
    return pact;
  }

  /**
   * Signs a proposed pact. The person's active pacts of the same programme are closed
   * (COMPLETED on the signature date) in the same flush, hence the same transaction:
   * one active PSP per person and programme (domain.md §6, §13.5 rule 4).
   */
  async sign(input: SignServicePactInput): Promise<ServicePact> {
    const pact = await this.ctx.loaders.servicePactById.load(input.id);
    if (!pact) throw notFound('The service pact');
    // Every active pact of the person, in the caller's scope or not: the rule of one active
    // pact per person and programme holds across territories (a person who moved).
    const previous = (await this.ctx.loaders.allServicePactsByWorker.load(pact.workerId)).filter(
      (other) => other.id !== pact.id && other.programme === pact.programme && ACTIVE_SERVICE_PACT_STATES.includes(other.state),
    );

    const problems: InputProblem[] = [];
    if (input.signedOn < pact.proposedOn) problems.push({ path: 'input.signedOn', message: 'must not be before the date of the proposal' });
    problems.push(...checkNotFuture('input.signedOn', input.signedOn));
    if (previous.some((other) => input.signedOn < other.stateDate)) {
      problems.push({ path: 'input.signedOn', message: 'must not be before the state date of the active pact it closes' });
    }
    if (problems.length) throw badUserInput(problems);
    if (pact.state !== ServicePactState.PROPOSED) throw illegalTransition('The service pact', pact.state, ServicePactState.SIGNED);

    for (const other of previous) {
      this.move(other, ServicePactState.COMPLETED, input.signedOn, REPLACED_BY_NEW_PACT);
    }
    this.move(pact, ServicePactState.SIGNED, input.signedOn, 'pact signed');
    pact.signedOn = input.signedOn;
    await this.commit(pact);
    this.forgetWorker(pact);
    for (const changed of [pact, ...previous]) this.ctx.loaders.servicePactChangesByPact.clear(changed.id);
    return pact;
  }

  /** Moves a pact along its state machine (every move but the signature); an illegal move is a CONFLICT and writes nothing. */
  async changeState(input: ChangeServicePactStateInput): Promise<ServicePact> {
    const pact = await this.ctx.loaders.servicePactById.load(input.id);
    if (!pact) throw notFound('The service pact');
    const problems: InputProblem[] = [];
    if (input.state === ServicePactState.SIGNED) {
      problems.push({ path: 'input.state', message: 'a pact is signed with signServicePact, which also closes the previous pact' });
    }
    problems.push(...checkStateChange(input, pact.stateDate));
    if (problems.length) throw badUserInput(problems);
    assertTransition(SERVICE_PACT_TRANSITIONS, 'The service pact', pact.state, input.state);

    this.move(pact, input.state, input.effectiveOn, input.reason.trim());
    await this.commit(pact);
    this.forgetWorker(pact);
    this.ctx.loaders.servicePactChangesByPact.clear(pact.id);
    return pact;
  }

  /**
   * Writes the unit of work in one transaction with the person's competence snapshot for the
   * referrals subgraph (the service-pact holder may have changed).
   */
  private commit(pact: ServicePact): Promise<void> {
    return inRequestTransaction(this.ctx.em, () => queuePactsCompetence(this.ctx.em, [pact]));
  }

  /** Applies a legal move to a managed pact and records it; the caller flushes. */
  private move(pact: ServicePact, to: ServicePactState, on: string, reason: string): void {
    const from = pact.state;
    pact.state = to;
    pact.stateDate = on;
    if (FINAL_SERVICE_PACT_STATES.includes(to)) pact.endedOn = on;
    this.record(pact, from, reason, on);
  }

  private record(pact: ServicePact, from: ServicePactState | null, reason: string, on: string): void {
    this.ctx.em.create(ServicePactStateChange, {
      pact,
      fromState: from,
      toState: pact.state,
      effectiveOn: on,
      reason,
      ...changeAuthor(this.ctx.caller),
    });
  }

  /** Lists cached for the person no longer hold: drop them so later fields of this request reload. */
  private forgetWorker(pact: ServicePact): void {
    this.ctx.loaders.servicePactsByWorker.clear(pact.workerId);
    this.ctx.loaders.allServicePactsByWorker.clear(pact.workerId);
    this.ctx.loaders.statusPactsByFiscalCode.clear(pact.fiscalCode);
    this.ctx.loaders.workerInScope.clearAll();
    this.ctx.loaders.personStatusInScope.clearAll();
    this.ctx.loaders.statusCheckInScope.clearAll();
  }

  /**
   * Whether a new pact at this service point would be in the caller's ServicePact scope:
   * the point is a job centre or desk of the replicated directory and, for a territorial
   * scope, lies in the caller's territory (the same filter as the scope's). An unknown
   * code, another kind of point and a point elsewhere are one and the same refusal.
   */
  private async jobCentreInScope(code: string): Promise<boolean> {
    const entry = await this.ctx.loaders.directoryEntryByCode.load(code);
    if (!entry || !JOB_CENTRE_KINDS.includes(entry.kind) || !this.ctx.caller) return false;
    const scope = this.ctx.rows.scopeOf('ServicePact');
    if (scope === ALL_ROWS) return true;
    if (scope !== 'territory') return false;
    const where: FilterQuery<ServicePointDirectoryEntry> = { $and: [{ code }, jobCentresInTerritory(this.ctx.caller)] };
    return (await this.ctx.em.count(ServicePointDirectoryEntry, where)) > 0;
  }
}
