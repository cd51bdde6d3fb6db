import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars';
import { ExportDataset } from './export-job.entity';

/**
 * An export a Cassa Edile downloaded and has not confirmed deleting within the retention
 * limit, for the data protection officer. Each exporting subgraph lists its own, hence
 * shareable. No personal data: codes, ids and dates.
 */
@Directive('@shareable')
@ObjectType({
  description:
    'A bulk export a Cassa Edile downloaded and has not confirmed deleting within CASSA_EDILE_RETENTION_MONTHS (at most 24) of its first download (convention art. 3), for the data protection officer.',
})
export class OverdueExportConfirmation {
  @Field(() => String, { nullable: true, description: 'The Cassa Edile that downloaded it (its code).' })
  cassaCode!: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the export (also the requestId of its EXPORT audit records, which list the people and employers in it).' })
  exportId!: string | null;

  @Field(() => ExportDataset, { nullable: true, description: 'What the export holds.' })
  dataset!: ExportDataset | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the Cassa Edile first downloaded it (receipt, from which the retention limit runs).' })
  firstDownloadedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the confirmation of deletion fell due: CASSA_EDILE_RETENTION_MONTHS after the first download.' })
  dueSince!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Whole days since it fell due.' })
  daysOverdue!: number | null;
}
