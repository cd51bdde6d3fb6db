import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { badUserInput } from '../../lib/errors';
import { Connection, ConnectionArgs, paginate } from '../../lib/pagination';
import { FiscalCodeScalar, IstatMunicipalityCodeScalar } from '../../lib/scalars';
import { ProfessionalRecord } from '../professional-record/professional-record.type';
import { type WorkersContext } from '../context';
import { Worker } from './worker.entity';

export const WorkerConnection = Connection(Worker, 'Worker', 'A page of workers.');

@ArgsType()
class WorkersArgs extends ConnectionArgs {
  @Field(() => String, { nullable: true, description: 'Only people domiciled in this province (three-digit ISTAT code, e.g. 015).' })
  province?: string | null;

  @Field(() => IstatMunicipalityCodeScalar, { nullable: true, description: 'Only people domiciled in this municipality (ISTAT code).' })
  municipality?: string | null;
}

@Resolver(() => Worker)
export class WorkerResolver {
  @Query(() => Worker, { nullable: true, description: 'The person with this fiscal code, or null when there is none.' })
  worker(
    @Arg('fiscalCode', () => FiscalCodeScalar, { description: 'Codice fiscale of the person.' }) fiscalCode: string,
    @Ctx() ctx: WorkersContext,
  ): Promise<Worker | null> {
    return ctx.loaders.workerByFiscalCode.load(fiscalCode);
  }

  @Query(() => WorkerConnection, { description: 'People known to the labour services, filtered by domicile.' })
  workers(@Args(() => WorkersArgs) args: WorkersArgs, @Ctx() ctx: WorkersContext) {
    if (args.province != null && !/^\d{3}$/.test(args.province)) {
      throw badUserInput([{ path: 'province', message: 'must be a three-digit ISTAT province code' }]);
    }
    const where = {
      ...(args.province != null ? { domicileProvince: args.province } : {}),
      ...(args.municipality != null ? { domicileMunicipality: args.municipality } : {}),
    };
    return paginate(ctx.em, Worker, where, args, { orderBy: { id: 'asc' }, maxPageSize: ctx.maxPageSize });
  }

  @FieldResolver(() => ProfessionalRecord, { nullable: true, description: 'Professional record (SAP): education, experience, training.' })
  professionalRecord(@Root() worker: Worker): ProfessionalRecord {
    return Object.assign(new ProfessionalRecord(), { workerId: worker.id });
  }
}
