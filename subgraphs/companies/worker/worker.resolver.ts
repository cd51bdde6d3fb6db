import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type CompaniesContext } from '../context';
import { workerVisible } from '../scopes';
import { MandatoryNotice } from '../mandatory-notice/mandatory-notice.entity';
import { EmploymentRelationship } from '../relationship/employment-relationship.entity';
import { Worker, workerStub } from './worker.type';

/**
 * `_entities` for Worker: companies knows people only by fiscal code, so the stub holds the
 * key alone (any other field of the representation is ignored), and only when the caller's
 * Worker scope reaches that person; their employments and notices are scoped by their own types.
 */
export function resolveWorkerReference(reference: { fiscalCode?: unknown }, ctx: CompaniesContext): Worker | null {
  const fiscalCode = reference.fiscalCode;
  return typeof fiscalCode === 'string' && fiscalCode !== '' && workerVisible(ctx, fiscalCode) ? workerStub(fiscalCode) : null;
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
