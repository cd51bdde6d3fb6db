import { type FilterQuery } from '@mikro-orm/core';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { badUserInput, type InputProblem } from '../../lib/errors';
import { Connection, ConnectionArgs, paginate } from '../../lib/pagination';
import { FiscalCodeScalar } from '../../lib/scalars';
import { type CompaniesContext } from '../context';
import { MandatoryNoticeConnection } from '../mandatory-notice/mandatory-notice.connection';
import { EmploymentRelationship } from '../relationship/employment-relationship.entity';
import { emptyConnection } from '../scopes';
import { Employer, WorkSite } from './employer.entity';
import { LegalSeat } from './legal-seat.type';

export const EmployerConnection = Connection(Employer, 'Employer', 'A page of employers.');

@ArgsType()
class EmployersArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only employers whose legal seat is in this province (three-digit ISTAT code, e.g. 015).' })
  province?: string | null;

  @Field(() => String, { nullable: true, description: 'Only employers of this ATECO 2007 section (a letter A-U; F is construction).' })
  atecoSection?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only construction employers (true) or only the others (false): ATECO section F or a construction CCNL.' })
  construction?: boolean | null;
}

@Resolver(() => Employer)
export class EmployerResolver {
  @Query(() => Employer, { nullable: true, description: 'The employer with this fiscal code, or null when there is none.' })
  employer(
    @Arg('fiscalCode', () => FiscalCodeScalar, { description: 'Codice fiscale of the employer.' }) fiscalCode: string,
    @Ctx() ctx: CompaniesContext,
  ): Promise<Employer | null> {
    return ctx.loaders.employerByFiscalCode.load(fiscalCode);
  }

  @Query(() => EmployerConnection, {
    nullable: true,
    description: 'Employers the caller may see, ordered by fiscal code, filtered by legal seat province, ATECO section and construction sector.',
  })
  employers(@Args(() => EmployersArgs) args: EmployersArgs, @Ctx() ctx: CompaniesContext) {
    const problems: InputProblem[] = [];
    if (args.province != null && !/^\d{3}$/.test(args.province)) problems.push({ path: 'province', message: 'must be a three-digit ISTAT province code' });
    if (args.atecoSection != null && !/^[A-U]$/.test(args.atecoSection)) problems.push({ path: 'atecoSection', message: 'must be an ATECO 2007 section letter A-U' });
    if (problems.length) throw badUserInput(problems);
    const conditions: FilterQuery<Employer>[] = [];
    if (args.province != null) conditions.push({ legalSeatProvince: args.province });
    if (args.atecoSection != null) conditions.push({ atecoSection: args.atecoSection });
    if (args.construction != null) conditions.push({ construction: args.construction });
    // The caller's row scope is part of the query: pages and totalCount hold only its rows.
    const where = ctx.rows.restrict<Employer>('Employer', conditions.length ? { $and: conditions } : {});
    if (where === null) return emptyConnection(args, ctx.maxPageSize);
    return paginate(ctx.em, Employer, where, args, { orderBy: { fiscalCode: 'asc' }, maxPageSize: ctx.maxPageSize });
  }

  @FieldResolver(() => LegalSeat, { nullable: true, description: 'Legal seat (sede legale).' })
  legalSeat(@Root() employer: Employer): LegalSeat {
    return { municipality: employer.legalSeatMunicipality, province: employer.legalSeatProvince, address: employer.legalSeatAddress };
  }

  @FieldResolver(() => [WorkSite], { nullable: true, description: 'Work sites (sedi di lavoro) of the employer.' })
  workSites(@Root() employer: Employer, @Ctx() ctx: CompaniesContext) {
    return ctx.loaders.workSitesByEmployer.load(employer.fiscalCode);
  }

  @FieldResolver(() => [EmploymentRelationship], { nullable: true, description: 'Employment relationships with the employer, oldest start first.' })
  employees(
    @Root() employer: Employer,
    @Arg('activeOnly', () => Boolean, {
      nullable: true,
      defaultValue: true,
      description: 'Only the relationships that read ACTIVE today (not terminated, not past their planned end); false for all of them.',
    })
    activeOnly: boolean | null,
    @Ctx() ctx: CompaniesContext,
  ) {
    const loader = activeOnly === false ? ctx.loaders.relationshipsByEmployer : ctx.loaders.activeRelationshipsByEmployer;
    return loader.load(employer.fiscalCode);
  }

  @FieldResolver(() => MandatoryNoticeConnection, { nullable: true, description: 'Mandatory notices filed for the employer that the caller may see, newest filing first.' })
  mandatoryNotices(@Root() employer: Employer, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: CompaniesContext) {
    return ctx.loaders.noticePages.page(employer.fiscalCode, args, ctx.maxPageSize);
  }
}

@Resolver(() => WorkSite)
export class WorkSiteResolver {
  @FieldResolver(() => Employer, { nullable: true, description: 'The employer the site belongs to.' })
  employer(@Root() site: WorkSite, @Ctx() ctx: CompaniesContext) {
    return ctx.loaders.employerByFiscalCode.load(site.employer.fiscalCode);
  }
}
