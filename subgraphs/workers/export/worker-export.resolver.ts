import { Arg, Args, Ctx, Field, ID, InputType, Mutation, Query, registerEnumType, Resolver } from 'type-graphql';
import { BulkExport, confirmExportDeletion, ExportDataset, ExportFormat, findExport, listExports, OverdueExportConfirmation, overdueExportConfirmations, requestExport } from '../../lib/export';
import { Connection, ConnectionArgs } from '../../lib/pagination';
import { DateScalar } from '../../lib/scalars';
import { type WorkersContext } from '../context';

const SUBGRAPH = 'workers';
const DATASETS = [ExportDataset.REGISTRY, ExportDataset.TRAINING] as const;

/** The datasets the workers subgraph exports. */
export enum WorkerExportDataset {
  REGISTRY = 'REGISTRY',
  TRAINING = 'TRAINING',
}
registerEnumType(WorkerExportDataset, {
  name: 'WorkerExportDataset',
  description: 'What a bulk export of the workers subgraph holds.',
  valuesConfig: {
    REGISTRY: { description: 'Registry data (anagrafica) of the people the construction employers registered with the Cassa Edile employ or employed.' },
    TRAINING: { description: 'Training courses in those people’s professional records, with the body that supplied each.' },
  },
});

@InputType({ description: 'A bulk export of the people (or their training) of the construction employers registered with the calling Cassa Edile.' })
export class RequestWorkerExportInput {
  @Field(() => WorkerExportDataset, { description: 'REGISTRY or TRAINING.' })
  dataset!: WorkerExportDataset;

  @Field(() => ExportFormat, { description: 'File format: NDJSON or CSV (both gzip).' })
  format!: ExportFormat;

  @Field(() => DateScalar, { nullable: true, description: 'Only people with an employment relationship there active on or after this day.' })
  activeFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only people with an employment relationship there active on or before this day; not before activeFrom.' })
  activeTo?: string | null;
}

const WorkerExportConnection = Connection(BulkExport, 'WorkerExport', 'Bulk exports of people and training for the calling Cassa Edile, newest first.');

@Resolver(() => BulkExport)
export class WorkerExportResolver {
  @Mutation(() => BulkExport, {
    nullable: true,
    description:
      'Bulk mode (convention art. 2): queues an export, for the calling Cassa Edile (token org), of the registry data or the training courses of the people the construction employers registered with it employ or employed; follow it with workerExport(id) until READY, then download it from its downloadUrl. Recorded in the audit trail, deleted at expiresAt.',
  })
  requestWorkerExport(@Arg('input', () => RequestWorkerExportInput, { description: 'Dataset, format and optional period of the export.' }) input: RequestWorkerExportInput, @Ctx() ctx: WorkersContext): Promise<BulkExport> {
    return requestExport(ctx, SUBGRAPH, { ...input, dataset: ExportDataset[input.dataset] });
  }

  @Query(() => BulkExport, { nullable: true, description: "One of the calling Cassa Edile's exports of people or training; null when unknown or someone else's." })
  workerExport(@Arg('id', () => ID, { description: 'Id of the export (as requestWorkerExport returned it).' }) id: string, @Ctx() ctx: WorkersContext): Promise<BulkExport | null> {
    return findExport(ctx, SUBGRAPH, id, DATASETS);
  }

  @Query(() => WorkerExportConnection, { nullable: true, description: "The calling Cassa Edile's exports of people and training, requested and scheduled, newest first." })
  workerExports(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: WorkersContext) {
    return listExports(ctx, SUBGRAPH, args, DATASETS);
  }

  @Mutation(() => BulkExport, {
    nullable: true,
    description:
      "Records that the calling Cassa Edile deleted its downloaded copy of one of its exports of people or training (convention art. 3: data is deleted once the checks are done, within 24 months). Idempotent: the first confirmation time stays. Refused (BAD_USER_INPUT) for an export never downloaded; NOT_FOUND for an unknown id or someone else's export. The platform then deletes its own file too, and issues no more links.",
  })
  confirmWorkerExportDeletion(@Arg('id', () => ID, { description: 'Id of the export whose downloaded copy was deleted.' }) id: string, @Ctx() ctx: WorkersContext): Promise<BulkExport> {
    return confirmExportDeletion(ctx, SUBGRAPH, id, DATASETS);
  }

  @Query(() => [OverdueExportConfirmation], {
    nullable: true,
    description:
      "For the data protection officer: the exports of people or training a Cassa Edile downloaded and has not confirmed deleting within CASSA_EDILE_RETENTION_MONTHS (default and at most 24) of the first download; most overdue first.",
  })
  overdueWorkerExportDeletionConfirmations(@Ctx() ctx: WorkersContext): Promise<OverdueExportConfirmation[]> {
    return overdueExportConfirmations(ctx, DATASETS);
  }
}
