import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type CompaniesContext } from '../context';
import { workerVisible } from '../scopes';
import { Employer, WorkSite } from '../employer/employer.entity';
import { EmploymentRelationship } from '../relationship/employment-relationship.entity';
import { Worker, workerStub } from '../worker/worker.type';
import { MandatoryNotice } from './mandatory-notice.entity';
import { AnnulMandatoryNoticeInput, FileMandatoryNoticeInput, RectifyMandatoryNoticeInput } from './mandatory-notice.input';
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

  @Mutation(() => MandatoryNotice, {
    nullable: true,
    description:
      'Rectifies (rettifica) the last validated notice of a relationship: returns the rectification, which references the notice corrected (now RECTIFIED); the relationship follows the corrected data. Employer, worker and start date cannot change. Every problem is reported at once (BAD_USER_INPUT); a notice unknown to the caller, not the last in force, or an annulment is refused as such.',
  })
  rectifyMandatoryNotice(
    @Arg('input', () => RectifyMandatoryNoticeInput, { description: 'The notice to correct and the corrected data.' }) input: RectifyMandatoryNoticeInput,
    @Ctx() ctx: CompaniesContext,
  ) {
    return new MandatoryNoticeService(ctx).rectify(input);
  }

  @Mutation(() => MandatoryNotice, {
    nullable: true,
    description:
      'Annuls (annullamento) the last validated notice of a relationship: returns the annulment, which references the notice withdrawn (now ANNULLED); the relationship follows the notices left in force, and is ANNULLED when its hire is.',
  })
  annulMandatoryNotice(
    @Arg('input', () => AnnulMandatoryNoticeInput, { description: 'The notice to withdraw.' }) input: AnnulMandatoryNoticeInput,
    @Ctx() ctx: CompaniesContext,
  ) {
    return new MandatoryNoticeService(ctx).annul(input);
  }

  @FieldResolver(() => MandatoryNotice, { nullable: true, description: 'The notice this rectification or annulment corrects (comunicazione precedente); null for a filing.' })
  corrects(@Root() notice: MandatoryNotice, @Ctx() ctx: CompaniesContext) {
    return notice.corrects ? ctx.loaders.noticeById.load(notice.corrects.id) : null;
  }
}
