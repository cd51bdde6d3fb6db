import { type FilterQuery } from '@mikro-orm/core';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../../lib/errors';
import { checkConnectionArgs, Connection, ConnectionArgs, type ConnectionShape, paginate } from '../../lib/pagination';
import { FiscalCodeScalar, IstatMunicipalityCodeScalar } from '../../lib/scalars';
import { ProfessionalRecord } from '../professional-record/professional-record.type';
import { type WorkersContext } from '../context';
import { ROW_TYPES } from '../loaders';
import { Worker } from './worker.entity';

export const WorkerConnection = Connection(Worker, 'Worker', 'A page of workers.');

@ArgsType()
class WorkersArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only people domiciled in this province (three-digit ISTAT code, e.g. 015).' })
  province?: string | null;

  @Field(() => IstatMunicipalityCodeScalar, { nullable: true, description: 'Only people domiciled in this municipality (ISTAT code).' })
  municipality?: string | null;
}

/** The answer for a caller who sees no row at all: the arguments are still checked. */
function emptyPage(args: ConnectionArgs, maxPageSize: number): ConnectionShape<Worker> {
  const problems = checkConnectionArgs(args, maxPageSize);
  if (problems.length) throw badUserInput(problems);
  return { edges: [], nodes: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 };
}

@Resolver(() => Worker)
export class WorkerResolver {
  @Query(() => Worker, { nullable: true, description: "The person with this fiscal code, or null when there is none in the caller's row scope." })
  worker(
    @Arg('fiscalCode', () => FiscalCodeScalar, { description: 'Codice fiscale of the person.' }) fiscalCode: string,
    @Ctx() ctx: WorkersContext,
  ): Promise<Worker | null> {
    return ctx.loaders.workerByFiscalCode.load(fiscalCode);
  }

  @Query(() => WorkerConnection, {
    nullable: true,
    description: "People known to the labour services that the caller's row scope covers, filtered by domicile.",
  })
  async workers(@Args(() => WorkersArgs) args: WorkersArgs, @Ctx() ctx: WorkersContext): Promise<ConnectionShape<Worker>> {
    if (args.province != null && !/^\d{3}$/.test(args.province)) {
      throw badUserInput([{ path: 'province', message: 'must be a three-digit ISTAT province code' }]);
    }
    const where: FilterQuery<Worker> = {
      ...(args.province != null ? { domicileProvince: args.province } : {}),
      ...(args.municipality != null ? { domicileMunicipality: args.municipality } : {}),
    };
    // The row scope goes into the query: pages and totalCount hold only the caller's rows.
    const scoped = ctx.rows.restrict<Worker>(ROW_TYPES.worker, where);
    if (scoped === null) return emptyPage(args, ctx.maxPageSize);
    return paginate(ctx.em, Worker, scoped, args, { orderBy: { id: 'asc' }, maxPageSize: ctx.maxPageSize });
  }

  @FieldResolver(() => ProfessionalRecord, { nullable: true, description: 'Professional record (SAP): education, experience, training.' })
  professionalRecord(@Root() worker: Worker): ProfessionalRecord {
    return Object.assign(new ProfessionalRecord(), { workerId: worker.id });
  }
}
