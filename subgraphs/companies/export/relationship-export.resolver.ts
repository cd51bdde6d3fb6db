import { Arg, Args, Ctx, Field, ID, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { BulkExport, confirmExportDeletion, ExportDataset, ExportFormat, findExport, listExports, OverdueExportConfirmation, overdueExportConfirmations, requestExport } from '../../lib/export';
import { Connection, ConnectionArgs } from '../../lib/pagination';
import { DateScalar } from '../../lib/scalars';
import { type CompaniesContext } from '../context';

const SUBGRAPH = 'companies';
const DATASETS = [ExportDataset.RELATIONSHIPS] as const;

@InputType({ description: 'A bulk export of the employment relationships of the construction employers registered with the calling Cassa Edile.' })
export class RequestRelationshipExportInput {
  @Field(() => ExportFormat, { description: 'File format: NDJSON or CSV (both gzip).' })
  format!: ExportFormat;

  @Field(() => DateScalar, { nullable: true, description: 'Only relationships active on or after this day (not ended before it).' })
  activeFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Only relationships active on or before this day (started by it); not before activeFrom.' })
  activeTo?: string | null;
}

const RelationshipExportConnection = Connection(BulkExport, 'RelationshipExport', 'Bulk exports of employment relationships for the calling Cassa Edile, newest first.');

@Resolver(() => BulkExport)
export class RelationshipExportResolver {
  @Mutation(() => BulkExport, {
    nullable: true,
    description:
      'Bulk mode (convention art. 2): queues an export, for the calling Cassa Edile (token org), of the employment relationships of the construction employers registered with it; follow it with relationshipExport(id) until READY, then download it from its downloadUrl. Recorded in the audit trail, deleted at expiresAt.',
  })
  requestRelationshipExport(@Arg('input', () => RequestRelationshipExportInput, { description: 'Format and optional period of the export.' }) input: RequestRelationshipExportInput, @Ctx() ctx: CompaniesContext): Promise<BulkExport> {
    return requestExport(ctx, SUBGRAPH, { dataset: ExportDataset.RELATIONSHIPS, ...input });
  }

  @Query(() => BulkExport, { nullable: true, description: "One of the calling Cassa Edile's relationship exports; null when unknown or someone else's." })
  relationshipExport(@Arg('id', () => ID, { description: 'Id of the export (as requestRelationshipExport returned it).' }) id: string, @Ctx() ctx: CompaniesContext): Promise<BulkExport | null> {
    return findExport(ctx, SUBGRAPH, id, DATASETS);
  }

  @Query(() => RelationshipExportConnection, { nullable: true, description: "The calling Cassa Edile's relationship exports, requested and scheduled, newest first." })
  relationshipExports(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: CompaniesContext) {
    return listExports(ctx, SUBGRAPH, args, DATASETS);
  }

  @Mutation(() => BulkExport, {
    nullable: true,
    description:
      "Records that the calling Cassa Edile deleted its downloaded copy of one of its relationship exports (convention art. 3: data is deleted once the checks are done, within 24 months). Idempotent: the first confirmation time stays. Refused (BAD_USER_INPUT) for an export never downloaded; NOT_FOUND for an unknown id or someone else's export. The platform then deletes its own file too, and issues no more links.",
  })
  confirmRelationshipExportDeletion(@Arg('id', () => ID, { description: 'Id of the export whose downloaded copy was deleted.' }) id: string, @Ctx() ctx: CompaniesContext): Promise<BulkExport> {
    return confirmExportDeletion(ctx, SUBGRAPH, id, DATASETS);
  }

  @Query(() => [OverdueExportConfirmation], {
    nullable: true,
    description:
      "For the data protection officer: the relationship exports a Cassa Edile downloaded and has not confirmed deleting within CASSA_EDILE_RETENTION_MONTHS (default and at most 24) of the first download; most overdue first.",
  })
  overdueRelationshipExportDeletionConfirmations(@Ctx() ctx: CompaniesContext): Promise<OverdueExportConfirmation[]> {
    return overdueExportConfirmations(ctx, DATASETS);
  }
}
