import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type CompaniesContext } from '../context';
import { MandatoryNotice } from '../mandatory-notice/mandatory-notice.entity';
import { EmploymentRelationship } from '../relationship/employment-relationship.entity';
import { Worker, workerStub } from './worker.type';

/** `_entities` for Worker: companies knows people only by fiscal code, so the stub is the representation itself. */
export function resolveWorkerReference(reference: { fiscalCode?: string | null }): Worker | null {
  return reference.fiscalCode ? workerStub(reference.fiscalCode) : null;
}

@Resolver(() => Worker)
export class WorkerEmploymentResolver {
  @FieldResolver(() => [EmploymentRelationship], { nullable: true, description: 'Employment relationships of the person (from mandatory notices), oldest start first.' })
  async employments(@Root() worker: Worker, @Ctx() ctx: CompaniesContext) {
    return worker.fiscalCode ? ctx.loaders.relationshipsByWorker.load(worker.fiscalCode) : [];
  }

  @FieldResolver(() => [MandatoryNotice], { nullable: true, description: 'Mandatory notices (comunicazioni obbligatorie) about the person, by event date, oldest first.' })
  async mandatoryNotices(@Root() worker: Worker, @Ctx() ctx: CompaniesContext) {
    return worker.fiscalCode ? ctx.loaders.noticesByWorker.load(worker.fiscalCode) : [];
  }
}
