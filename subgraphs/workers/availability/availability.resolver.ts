import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { addDays, today } from '../../lib/dates';
import { type WorkersContext } from '../context';
import { ServicePoint } from '../service-point/service-point.type';
import { Worker } from '../worker/worker.entity';
import { ACTIVE_DID_STATUSES, AvailabilityDeclaration, AvailabilityStatusChange, DidStatus } from './availability.entity';
import { ChangeAvailabilityDeclarationStatusInput, RegisterAvailabilityDeclarationInput } from './availability.input';
import { AvailabilityService } from './availability.service';

/** Days after the DID within which a service pact is due (art. 20 D.Lgs. 150/2015). */
export const PSP_DUE_DAYS = 30;

@Resolver(() => AvailabilityDeclaration)
export class AvailabilityDeclarationResolver {
  @FieldResolver(() => Worker, { nullable: true, description: 'The person who declared.' })
  worker(@Root() declaration: AvailabilityDeclaration, @Ctx() ctx: WorkersContext) {
    return ctx.loaders.workerById.load(declaration.worker.id);
  }

  @FieldResolver(() => ServicePoint, { nullable: true, description: 'Competent job centre (CPI).' })
  jobCentre(@Root() declaration: AvailabilityDeclaration): ServicePoint {
    return { code: declaration.jobCentre.code };
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'True in the states that count as active (INSERTED, VALIDATED).' })
  active(@Root() declaration: AvailabilityDeclaration): boolean {
    return ACTIVE_DID_STATUSES.includes(declaration.status);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: `PSP_OVERDUE: still INSERTED more than ${PSP_DUE_DAYS} days after the declaration, with no service pact.`,
  })
  servicePactOverdue(@Root() declaration: AvailabilityDeclaration): boolean {
    return declaration.status === DidStatus.INSERTED && addDays(declaration.declaredOn, PSP_DUE_DAYS) < today();
  }

  @FieldResolver(() => [AvailabilityStatusChange], { nullable: true, description: 'Every change of state, oldest first.' })
  history(@Root() declaration: AvailabilityDeclaration, @Ctx() ctx: WorkersContext) {
    return ctx.loaders.changesByDeclaration.load(declaration.id);
  }

  @Mutation(() => AvailabilityDeclaration, {
    nullable: true,
    description:
      "Registers a DID (checks E12 no other open DID, E14 age at least 15) for a person in the caller's row scope (a citizen: themselves), at a job centre or job-centre desk of the service-point directory (a job-centre operator: one of its territory).",
  })
  registerAvailabilityDeclaration(
    @Arg('input', () => RegisterAvailabilityDeclarationInput, { description: 'The declaration to register.' }) input: RegisterAvailabilityDeclarationInput,
    @Ctx() ctx: WorkersContext,
  ) {
    return new AvailabilityService(ctx).register(input);
  }

  @Mutation(() => AvailabilityDeclaration, {
    nullable: true,
    description: "Changes the state of a DID in the caller's row scope along its state machine; an illegal transition is a CONFLICT, a DID outside the scope is NOT_FOUND like an unknown id.",
  })
  changeAvailabilityDeclarationStatus(
    @Arg('input', () => ChangeAvailabilityDeclarationStatusInput, { description: 'The DID, the requested state, its date and reason.' }) input: ChangeAvailabilityDeclarationStatusInput,
    @Ctx() ctx: WorkersContext,
  ) {
    return new AvailabilityService(ctx).changeStatus(input);
  }
}

@Resolver(() => Worker)
export class WorkerAvailabilityResolver {
  @FieldResolver(() => AvailabilityDeclaration, { nullable: true, description: 'The most recent DID, whatever its state; null when the person never declared.' })
  async availabilityDeclaration(@Root() worker: Worker, @Ctx() ctx: WorkersContext) {
    const declarations = await ctx.loaders.declarationsByWorker.load(worker.id);
    return declarations[0] ?? null;
  }

  @FieldResolver(() => [AvailabilityDeclaration], { nullable: true, description: 'Every DID of the person, newest first.' })
  availabilityDeclarations(@Root() worker: Worker, @Ctx() ctx: WorkersContext) {
    return ctx.loaders.declarationsByWorker.load(worker.id);
  }
}
