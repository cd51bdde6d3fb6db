import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type CompaniesContext } from '../context';
import { workerVisible } from '../scopes';
import { Employer, WorkSite } from '../employer/employer.entity';
import { EmploymentRelationship } from '../relationship/employment-relationship.entity';
import { Worker, workerStub } from '../worker/worker.type';
import { MandatoryNotice } from './mandatory-notice.entity';
import { FileMandatoryNoticeInput } from './mandatory-notice.input';
import { MandatoryNoticeService } from './mandatory-notice.service';
import { MandatoryNoticeCodeScalar } from './notice.codes';

@Resolver(() => MandatoryNotice)
export class MandatoryNoticeResolver {
  @Query(() => MandatoryNotice, { nullable: true, description: 'The mandatory notice with this communication code, or null when there is none.' })
  mandatoryNotice(
    @Arg('code', () => MandatoryNoticeCodeScalar, { description: 'Communication code (codice comunicazione).' }) code: string,
    @Ctx() ctx: CompaniesContext,
  ): Promise<MandatoryNotice | null> {
    return ctx.loaders.noticeByCode.load(code);
  }

  @FieldResolver(() => Employer, { nullable: true, description: 'The employer (datore di lavoro) the notice was filed for.' })
  employer(@Root() notice: MandatoryNotice, @Ctx() ctx: CompaniesContext) {
    return ctx.loaders.employerByFiscalCode.load(notice.employer.fiscalCode);
  }

  @FieldResolver(() => Worker, { nullable: true, description: 'The worker (lavoratore), by fiscal code.' })
  worker(@Root() notice: MandatoryNotice, @Ctx() ctx: CompaniesContext): Worker | null {
    return workerVisible(ctx, notice.workerFiscalCode) ? workerStub(notice.workerFiscalCode) : null;
  }

  @FieldResolver(() => EmploymentRelationship, { nullable: true, description: 'The employment relationship the notice belongs to.' })
  relationship(@Root() notice: MandatoryNotice, @Ctx() ctx: CompaniesContext) {
    return ctx.loaders.relationshipById.load(notice.relationship.id);
  }

  @FieldResolver(() => WorkSite, { nullable: true, description: 'Work site (sede di lavoro) notified, when one was.' })
  async workSite(@Root() notice: MandatoryNotice, @Ctx() ctx: CompaniesContext) {
    return notice.workSite ? ctx.loaders.workSiteById.load(notice.workSite.id) : null;
  }

  @Mutation(() => MandatoryNotice, {
    nullable: true,
    description:
      'Files a mandatory notice (UniLav). A HIRE creates the employment relationship; the other types update the one named. Every problem of the input is reported at once (BAD_USER_INPUT); an event the relationship\'s state does not allow is a CONFLICT. Late notices are accepted and marked late. An employer the credential does not act for, or a relationship outside its reach, is refused as unknown.',
  })
  fileMandatoryNotice(
    @Arg('input', () => FileMandatoryNoticeInput, { description: 'The notice to file.' }) input: FileMandatoryNoticeInput,
    @Ctx() ctx: CompaniesContext,
  ) {
    return new MandatoryNoticeService(ctx).file(input);
  }
}
