import { type FilterQuery } from '@mikro-orm/core';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { badUserInput, type InputProblem } from '../../lib/errors';
import { Connection, ConnectionArgs, paginate } from '../../lib/pagination';
import { type CompaniesContext } from '../context';
import { Employer } from '../employer/employer.entity';
import { emptyConnection } from '../scopes';
import { CassaEdileAnomaly, CassaEdileAnomalyChange, CassaEdileVerification } from './anomaly.entity';
import { AnomalyRule, AnomalyState, FIRM_CODE, ReturnState, ReviewAction, severityTable } from './cassa-edile.codes';
import { CassaEdileIngestionService, checkMonth } from './ingestion.service';
import { MonthlyReturn, MonthlyReturnLine } from './monthly-return.entity';
import { CassaEdileReconciliationService } from './reconciliation.service';
import { CassaEdileRegistration } from './registration.entity';
import { CassaEdileReviewService } from './review.service';
import {
  CassaEdileRegistrationInput,
  MAX_REGISTRATIONS,
  MAX_RETURN_LINES,
  MAX_RETURNS,
  MonthlyReturnInput,
  RegistrationSubmissionResult,
  ReturnSubmissionResult,
} from './submission.types';

const CassaEdileAnomalyConnection = Connection(CassaEdileAnomaly, 'CassaEdileAnomaly', 'Anomalies of the calling Cassa Edile, newest month first.');
const MonthlyReturnConnection = Connection(MonthlyReturn, 'MonthlyReturn', 'Monthly returns of the calling Cassa Edile, newest month first.');

@InputType({ description: 'Which anomalies to list; every condition given must hold.' })
class CassaEdileAnomalyFilter {
  @Field(() => Int, { nullable: true, description: 'Year checked.' }) year?: number | null;
  @Field(() => Int, { nullable: true, description: 'Month checked, 1-12.' }) month?: number | null;
  @Field(() => AnomalyRule, { nullable: true, description: 'Rule.' }) rule?: AnomalyRule | null;
  @Field(() => AnomalyState, { nullable: true, description: 'Review state.' }) state?: AnomalyState | null;
  @Field(() => String, { nullable: true, description: 'Codice fiscale of the employer.' }) employer?: string | null;
}

@ArgsType()
class CassaEdileAnomaliesArgs extends ConnectionArgs {
  @Field(() => CassaEdileAnomalyFilter, { nullable: true, description: 'Conditions on the anomalies.' })
  filter?: CassaEdileAnomalyFilter | null;
}

@InputType({ description: 'Which monthly returns to list; every condition given must hold.' })
class MonthlyReturnFilter {
  @Field(() => Int, { nullable: true, description: 'Year.' }) year?: number | null;
  @Field(() => Int, { nullable: true, description: 'Month, 1-12.' }) month?: number | null;
  @Field(() => String, { nullable: true, description: 'Firm code (8 digits).' }) firmCode?: string | null;
  @Field(() => ReturnState, { nullable: true, description: 'ACQUIRED (in force) or REPLACED.' }) state?: ReturnState | null;
}

@ArgsType()
class MonthlyReturnsArgs extends ConnectionArgs {
  @Field(() => MonthlyReturnFilter, { nullable: true, description: 'Conditions on the returns.' })
  filter?: MonthlyReturnFilter | null;
}

@ObjectType({ description: 'The outcome of a reconciliation run.' })
class CassaEdileReconciliationResult {
  @Field(() => CassaEdileVerification, { nullable: true, description: 'The verification of the month, with its run count.' }) verification!: CassaEdileVerification;
  @Field(() => Int, { nullable: true, description: 'Anomalies whose cause this run found (new or known).' }) detected!: number;
  @Field(() => Int, { nullable: true, description: 'Anomalies raised for the first time.' }) created!: number;
  @Field(() => Int, { nullable: true, description: 'Anomalies resolved automatically by an earlier run whose cause came back (reopened).' }) reopened!: number;
  @Field(() => Int, { nullable: true, description: 'OPEN anomalies no longer found, now RESOLVED (reason NOT_DETECTED_ON_RERUN).' }) resolved!: number;
}

function monthFilterProblems(year: number | null | undefined, month: number | null | undefined): InputProblem[] {
  const problems: InputProblem[] = [];
  if (month != null && (!Number.isInteger(month) || month < 1 || month > 12)) problems.push({ path: 'filter.month', message: 'must be 1-12' });
  if (year != null && (!Number.isInteger(year) || year < 2000 || year > 9999)) problems.push({ path: 'filter.year', message: 'must be a year from 2000' });
  return problems;
}

@Resolver(() => CassaEdileAnomaly)
export class CassaEdileAnomalyResolver {
  @Query(() => CassaEdileAnomalyConnection, { nullable: true, description: 'Anomalies of the calling Cassa Edile (token org), construction employers only, newest month first.' })
  cassaEdileAnomalies(@Args(() => CassaEdileAnomaliesArgs) args: CassaEdileAnomaliesArgs, @Ctx() ctx: CompaniesContext) {
    const f = args.filter ?? {};
    const problems = monthFilterProblems(f.year, f.month);
    if (problems.length) throw badUserInput(problems);
    const conditions: FilterQuery<CassaEdileAnomaly> = {};
    if (f.year != null) conditions.year = f.year;
    if (f.month != null) conditions.month = f.month;
    if (f.rule != null) conditions.rule = f.rule;
    if (f.state != null) conditions.state = f.state;
    if (f.employer != null) conditions.employer = f.employer.trim().toUpperCase();
    const where = ctx.rows.restrict<CassaEdileAnomaly>('CassaEdileAnomaly', conditions);
    if (where === null) return emptyConnection(args, ctx.maxPageSize);
    return paginate(ctx.em, CassaEdileAnomaly, where, args, { orderBy: { year: 'desc', month: 'desc', rule: 'asc', id: 'asc' }, maxPageSize: ctx.maxPageSize });
  }

  @Query(() => CassaEdileAnomaly, { nullable: true, description: 'One anomaly of the calling Cassa Edile, or null when it has none with this id.' })
  cassaEdileAnomaly(@Arg('id', () => ID, { description: 'Identifier.' }) id: string, @Ctx() ctx: CompaniesContext) {
    return ctx.loaders.anomalyById.load(id);
  }

  @Mutation(() => CassaEdileReconciliationResult, {
    nullable: true,
    description: `Reconciles the notices (CO) with the monthly returns of the calling Cassa Edile (token org) for one month, raising the anomalies CE-01 … CE-08 of domain.md §11 with their evidence. Idempotent: the same data gives the same anomalies (same ids, none duplicated); anomalies under review, confirmed or dismissed are left as they are; an OPEN anomaly no longer found is RESOLVED with reason NOT_DETECTED_ON_RERUN in its history, and reopens if its cause comes back. A closed verification cannot run again (CONFLICT). Severity per rule: ${severityTable()}.`,
  })
  reconcileCassaEdile(
    @Arg('year', () => Int, { description: 'Year to check.' }) year: number,
    @Arg('month', () => Int, { description: 'Month to check, 1-12, not after the current one.' }) month: number,
    @Ctx() ctx: CompaniesContext,
  ) {
    return new CassaEdileReconciliationService(ctx).reconcile(year, month);
  }

  @Mutation(() => CassaEdileAnomaly, {
    nullable: true,
    description:
      'One step of the review of an anomaly: START_REVIEW (OPEN → UNDER_REVIEW), CONFIRM or DISMISS (from UNDER_REVIEW; a dismissal needs a reason), RESOLVE (CONFIRMED → RESOLVED). Any other step is a CONFLICT and writes nothing; an anomaly of another Cassa Edile is NOT_FOUND.',
  })
  reviewCassaEdileAnomaly(
    @Arg('id', () => ID, { description: 'The anomaly.' }) id: string,
    @Arg('action', () => ReviewAction, { description: 'The step.' }) action: ReviewAction,
    @Arg('reason', () => String, { nullable: true, description: 'Why (required for DISMISS; at most 500 characters). Never put personal data here beyond what the case needs.' }) reason: string | null,
    @Ctx() ctx: CompaniesContext,
  ) {
    return new CassaEdileReviewService(ctx).review(id, action, reason);
  }

  @FieldResolver(() => Employer, { nullable: true, description: 'The employer (the firm registered with the Cassa Edile).' })
  employer(@Root() anomaly: CassaEdileAnomaly, @Ctx() ctx: CompaniesContext) {
    return ctx.loaders.employerByFiscalCode.load(anomaly.employer.fiscalCode);
  }

  @FieldResolver(() => String, {
    name: 'evidence',
    nullable: true,
    description: 'The compared values of both sources (CO and return) as JSON; null once erased (see evidenceErasedAt).',
  })
  evidenceJson(@Root() anomaly: CassaEdileAnomaly): string | null {
    return anomaly.evidence == null ? null : JSON.stringify(anomaly.evidence);
  }

  @FieldResolver(() => [CassaEdileAnomalyChange], { nullable: true, description: 'Changes of state, oldest first.' })
  history(@Root() anomaly: CassaEdileAnomaly, @Ctx() ctx: CompaniesContext) {
    return ctx.loaders.anomalyHistory.load(anomaly.id);
  }
}

@Resolver(() => CassaEdileVerification)
export class CassaEdileVerificationResolver {
  @Query(() => CassaEdileVerification, { nullable: true, description: 'The verification of a month by the calling Cassa Edile, or null before its first reconciliation.' })
  async cassaEdileVerification(
    @Arg('year', () => Int, { description: 'Year.' }) year: number,
    @Arg('month', () => Int, { description: 'Month, 1-12.' }) month: number,
    @Ctx() ctx: CompaniesContext,
  ) {
    const problems = checkMonth(year, month);
    if (problems.length) throw badUserInput(problems);
    const where = ctx.rows.restrict<CassaEdileVerification>('CassaEdileVerification', { cassaCode: ctx.caller?.organisation ?? '', year, month });
    return where ? ctx.em.findOne(CassaEdileVerification, where) : null;
  }

  @Mutation(() => CassaEdileVerification, {
    nullable: true,
    description:
      'Closes the verification of a month once every anomaly of it is DISMISSED or RESOLVED (CONFLICT otherwise, saying how many are not). From closedAt the evidence and the data received fall due for deletion (privacy.md §3.3).',
  })
  closeCassaEdileVerification(
    @Arg('year', () => Int, { description: 'Year.' }) year: number,
    @Arg('month', () => Int, { description: 'Month, 1-12.' }) month: number,
    @Ctx() ctx: CompaniesContext,
  ) {
    return new CassaEdileReviewService(ctx).close(year, month);
  }
}

@Resolver(() => MonthlyReturn)
export class MonthlyReturnResolver {
  @Query(() => MonthlyReturnConnection, { nullable: true, description: 'Monthly returns received by the calling Cassa Edile, construction employers only, newest month first.' })
  monthlyReturns(@Args(() => MonthlyReturnsArgs) args: MonthlyReturnsArgs, @Ctx() ctx: CompaniesContext) {
    const f = args.filter ?? {};
    const problems = monthFilterProblems(f.year, f.month);
    if (f.firmCode != null && !FIRM_CODE.test(f.firmCode)) problems.push({ path: 'filter.firmCode', message: 'must be 8 digits' });
    if (problems.length) throw badUserInput(problems);
    const conditions: FilterQuery<MonthlyReturn> = {};
    if (f.year != null) conditions.year = f.year;
    if (f.month != null) conditions.month = f.month;
    if (f.firmCode != null) conditions.firmCode = f.firmCode;
    if (f.state != null) conditions.state = f.state;
    const where = ctx.rows.restrict<MonthlyReturn>('MonthlyReturn', conditions);
    if (where === null) return emptyConnection(args, ctx.maxPageSize);
    return paginate(ctx.em, MonthlyReturn, where, args, {
      orderBy: { year: 'desc', month: 'desc', firmCode: 'asc', sequence: 'desc', id: 'asc' },
      maxPageSize: ctx.maxPageSize,
    });
  }

  @Mutation(() => ReturnSubmissionResult, {
    nullable: true,
    description: `Monthly returns (MUT) of firms registered with the calling Cassa Edile (token org): ${MAX_RETURNS} returns and ${MAX_RETURN_LINES} worker lines at most per call. Each return is checked on its own (key unique, hours worked ≤ workable + overtime, no lines with NO_EMPLOYEES, month in range, firm registered, fiscal codes incl. provisional and omocodic ones); valid returns are stored in one transaction, the others come back with their problems. A higher sequence replaces the return in force (REPLACED).`,
  })
  submitMonthlyReturns(
    @Arg('returns', () => [MonthlyReturnInput], { description: `1 to ${MAX_RETURNS} returns.` }) returns: MonthlyReturnInput[],
    @Ctx() ctx: CompaniesContext,
  ) {
    return new CassaEdileIngestionService(ctx).submitReturns(returns);
  }

  @FieldResolver(() => Employer, { nullable: true, description: 'The registered employer.' })
  employer(@Root() monthlyReturn: MonthlyReturn, @Ctx() ctx: CompaniesContext) {
    return ctx.loaders.employerByFiscalCode.load(monthlyReturn.employer.fiscalCode);
  }

  @FieldResolver(() => [MonthlyReturnLine], { nullable: true, description: 'The worker lines, by fiscal code.' })
  lines(@Root() monthlyReturn: MonthlyReturn, @Ctx() ctx: CompaniesContext) {
    return ctx.loaders.returnLines.load(monthlyReturn.id);
  }
}

@Resolver(() => CassaEdileRegistration)
export class CassaEdileRegistrationResolver {
  @Mutation(() => RegistrationSubmissionResult, {
    nullable: true,
    description: `Firm registrations with the calling Cassa Edile (token org), 1 to ${MAX_REGISTRATIONS} per call, upserted by firm code. Each is checked on its own; an employer unknown or outside the construction sector is a problem of that item. A registration sets the employer's cassaEdileCode to this Cassa; its cessation clears it.`,
  })
  submitCassaEdileRegistrations(
    @Arg('registrations', () => [CassaEdileRegistrationInput], { description: `1 to ${MAX_REGISTRATIONS} registrations.` }) registrations: CassaEdileRegistrationInput[],
    @Ctx() ctx: CompaniesContext,
  ) {
    return new CassaEdileIngestionService(ctx).submitRegistrations(registrations);
  }

  @FieldResolver(() => Employer, { nullable: true, description: 'The registered employer.' })
  employer(@Root() registration: CassaEdileRegistration, @Ctx() ctx: CompaniesContext) {
    return ctx.loaders.employerByFiscalCode.load(registration.employer.fiscalCode);
  }
}
