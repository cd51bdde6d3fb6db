import { today } from '../../lib/dates';
import { activeInPeriod, type ExportRow, type ExportSource, ExportDataset, keysetBatches, num, type RawRow, text } from '../../lib/export';
import { effectiveStatus } from '../relationship/relationship.derivation';
import { EmploymentStatus } from '../relationship/employment-relationship.entity';

/** Columns of the RELATIONSHIPS export, in file order. */
export const RELATIONSHIP_COLUMNS = [
  'relationshipId',
  'employerFiscalCode',
  'employerName',
  'employerAtecoCode',
  'employerCcnl',
  'workerFiscalCode',
  'contractType',
  'startDate',
  'plannedEndDate',
  'terminationDate',
  'workingTime',
  'weeklyHours',
  'qualification',
  'status',
  'lastNoticeCode',
  'lastNoticeType',
  'lastNoticeDate',
] as const;

/**
 * The relationships of the construction employers registered with the Cassa Edile, not
 * annulled, active in the period if one is given, after the key `after`, in id order;
 * with their latest notice (the one of highest sequence, found per row through the
 * (relationship, sequence) unique index: a join on the sequence let PostgreSQL merge-join
 * the whole notice index from its start on every batch, quadratic in the rows). Dates are
 * read as text on both platforms.
 */
function relationshipQuery(recipient: string, period: ReturnType<typeof activeInPeriod>) {
  return (after: string | null, limit: number) => ({
    sql: `select r."id" as "relationshipId", e."fiscal_code" as "employerFiscalCode", e."name" as "employerName", e."ateco_code" as "employerAtecoCode",
        e."ccnl" as "employerCcnl", r."worker_fiscal_code" as "workerFiscalCode", r."contract_type" as "contractType",
        cast(r."start_date" as text) as "startDate", cast(r."planned_end_date" as text) as "plannedEndDate", cast(r."termination_date" as text) as "terminationDate",
        r."working_time" as "workingTime", r."weekly_hours" as "weeklyHours", r."status" as "recordedStatus",
        n."qualification" as "qualification", n."code" as "lastNoticeCode", n."type" as "lastNoticeType", cast(n."event_date" as text) as "lastNoticeDate"
      from "employment_relationship" r
      join "employer" e on e."fiscal_code" = r."employer_fiscal_code"
      left join "mandatory_notice" n on n."id" = (select m."id" from "mandatory_notice" m where m."relationship_id" = r."id" order by m."sequence" desc limit 1)
      where e."cassa_edile_code" = ? and e."construction" = ? and r."status" <> ?${after === null ? '' : ' and r."id" > ?'}${period.sql}
      order by r."id" limit ?`,
    bindings: [recipient, true, EmploymentStatus.ANNULLED, ...(after === null ? [] : [after]), ...period.bindings, limit],
  });
}

function relationshipRow(row: RawRow, on: string): ExportRow {
  const plannedEndDate = text(row.plannedEndDate);
  return {
    relationshipId: text(row.relationshipId),
    employerFiscalCode: text(row.employerFiscalCode),
    employerName: text(row.employerName),
    employerAtecoCode: text(row.employerAtecoCode),
    employerCcnl: text(row.employerCcnl),
    workerFiscalCode: text(row.workerFiscalCode),
    contractType: text(row.contractType),
    startDate: text(row.startDate),
    plannedEndDate,
    terminationDate: text(row.terminationDate),
    workingTime: text(row.workingTime),
    weeklyHours: num(row.weeklyHours),
    qualification: text(row.qualification),
    status: effectiveStatus({ recordedStatus: row.recordedStatus as EmploymentStatus, plannedEndDate }, on),
    lastNoticeCode: text(row.lastNoticeCode),
    lastNoticeType: text(row.lastNoticeType),
    lastNoticeDate: text(row.lastNoticeDate),
  };
}

/**
 * RELATIONSHIPS (convention art. 2, bulk mode): the employment relationships of the
 * construction employers registered with the Cassa Edile, with the data a regularity
 * check needs (as the policy releases it to a Cassa Edile: no domicile, citizenship or
 * residence permit).
 */
export const relationshipExport: ExportSource = {
  dataset: ExportDataset.RELATIONSHIPS,
  columns: RELATIONSHIP_COLUMNS,
  released: [
    'EmploymentRelationship.id',
    'Employer.fiscalCode',
    'Employer.name',
    'Employer.atecoCode',
    'Employer.ccnl',
    'EmploymentRelationship.worker',
    'EmploymentRelationship.contractType',
    'EmploymentRelationship.startDate',
    'EmploymentRelationship.plannedEndDate',
    'EmploymentRelationship.terminationDate',
    'EmploymentRelationship.workingTime',
    'EmploymentRelationship.weeklyHours',
    'MandatoryNotice.qualification',
    'EmploymentRelationship.status',
    'MandatoryNotice.code',
    'MandatoryNotice.type',
    'MandatoryNotice.eventDate',
  ],
  subjects: { person: 'workerFiscalCode', employer: 'employerFiscalCode' },
  async *batches(em, scope, batchSize) {
    const on = today();
    const period = activeInPeriod('r."start_date"', 'coalesce(r."termination_date", r."planned_end_date")', scope);
    for await (const rows of keysetBatches(em, batchSize, relationshipQuery(scope.recipient, period), (row) => String(row.relationshipId))) {
      yield rows.map((row) => relationshipRow(row, on));
    }
  },
};
