import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../scalars';
import { ExportDataset, ExportFormat, ExportStatus } from './export-job.entity';

/**
 * A bulk export as its recipient sees it. One type for every subgraph that exports (each
 * resolves it for its own exports), hence shareable.
 */
@Directive('@shareable')
@ObjectType({
  description: 'A bulk export (modalità massiva, convention art. 2) for the calling Cassa Edile: a gzip NDJSON or CSV file, recorded in the audit trail, deleted at expiresAt or once the Cassa Edile confirmed deleting its copy.',
})
export class BulkExport {
  @Field(() => ID, { description: 'Identifier of the export (also the requestId of its audit records).' })
  id!: string;

  @Field(() => ExportStatus, { nullable: true, description: 'Where the export stands: PENDING, RUNNING, READY, FAILED or EXPIRED.' })
  status!: ExportStatus | null;

  @Field(() => ExportDataset, { nullable: true, description: 'What it holds.' })
  dataset!: ExportDataset | null;

  @Field(() => ExportFormat, { nullable: true, description: 'File format (gzip NDJSON or gzip CSV).' })
  format!: ExportFormat | null;

  @Field(() => DateScalar, { nullable: true, description: 'Relationships active on or after this day only; null: no lower bound.' })
  activeFrom!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Relationships active on or before this day only; null: no upper bound.' })
  activeTo!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was requested (or scheduled).' })
  requestedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the file was complete and recorded (READY), or when it failed.' })
  completedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the file is deleted (EXPORT_FILE_TTL_HOURS after completion; never more than 24 months).' })
  expiresAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Rows in the file (CSV: without the header line).' })
  rowCount!: number | null;

  @Field(() => Float, { nullable: true, description: 'Size of the file in bytes (compressed).' })
  byteCount!: number | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the file as downloaded (the gzip bytes), hex: check it after the download.' })
  sha256!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it failed, as a code (QUERY_FAILED, WRITE_FAILED, AUDIT_UNAVAILABLE...); null otherwise.' })
  error!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A short-lived signed link to download the file from the gateway (GET, relative to the gateway origin: /exports/<subgraph>/<id>?expires=…&signature=…); a new one on each read. Null unless READY and not confirmed deleted.',
  })
  downloadUrl!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When downloadUrl stops working (EXPORT_LINK_TTL_SECONDS, default 300 s).' })
  downloadUrlExpiresAt!: Date | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the Cassa Edile confirmed it deleted its downloaded copy (the first confirmation); from then on no link is issued and the platform deletes its file too. Null until confirmed.',
  })
  deletionConfirmedAt!: Date | null;
}
