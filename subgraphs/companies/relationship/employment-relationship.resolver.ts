import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../../lib/scalars';
import { type CompaniesContext } from '../context';
import { workerVisible } from '../scopes';
import { Employer } from '../employer/employer.entity';
import { MandatoryNotice } from '../mandatory-notice/mandatory-notice.entity';
import { today } from '../../lib/dates';
import { Worker, workerStub } from '../worker/worker.type';
import { EmploymentRelationship, EmploymentStatus } from './employment-relationship.entity';
import { effectiveStatus, endedOn } from './relationship.derivation';

@Resolver(() => EmploymentRelationship)
export class EmploymentRelationshipResolver {
  @Query(() => EmploymentRelationship, { nullable: true, description: 'The employment relationship with this id, or null when there is none.' })
  employmentRelationship(
    @Arg('id', () => ID, { description: 'Identifier of the relationship.' }) id: string,
    @Ctx() ctx: CompaniesContext,
  ): Promise<EmploymentRelationship | null> {
    return ctx.loaders.relationshipById.load(id);
  }

  @FieldResolver(() => Employer, { nullable: true, description: 'The employer.' })
  employer(@Root() relationship: EmploymentRelationship, @Ctx() ctx: CompaniesContext) {
    return ctx.loaders.employerByFiscalCode.load(relationship.employer.fiscalCode);
  }

  @FieldResolver(() => Worker, { nullable: true, description: 'The worker, by fiscal code.' })
  worker(@Root() relationship: EmploymentRelationship, @Ctx() ctx: CompaniesContext): Worker | null {
    return workerVisible(ctx, relationship.workerFiscalCode) ? workerStub(relationship.workerFiscalCode) : null;
  }

  @FieldResolver(() => EmploymentStatus, {
    nullable: true,
    description: 'Status today: as the notices leave it, except that a fixed-term relationship past its planned end date reads TERMINATED (it ends at its term without a notice).',
  })
  status(@Root() relationship: EmploymentRelationship): EmploymentStatus {
    return effectiveStatus(relationship, today());
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'Day the relationship ended: its termination date, or its planned end date once passed; null while it goes on.' })
  endedOn(@Root() relationship: EmploymentRelationship): string | null {
    return endedOn(relationship, today());
  }

  @FieldResolver(() => [MandatoryNotice], { nullable: true, description: 'The notices of the relationship in the order they took effect: the hire, then extensions, transformations, transfers, the termination.' })
  notices(@Root() relationship: EmploymentRelationship, @Ctx() ctx: CompaniesContext) {
    return ctx.loaders.noticesByRelationship.load(relationship.id);
  }
}
