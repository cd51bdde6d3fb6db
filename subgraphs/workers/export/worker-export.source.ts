import { activeInPeriod, bool, type ExportScope, type ExportSource, ExportDataset, keysetBatches, num, text } from '../../lib/export';

/**
 * People the Cassa Edile's construction employers employ or employed (replicated
 * employment links: the employer's Cassa Edile and sector), with a link active in the
 * period if one is given: an SQL condition on a worker id column.
 */
function employedByCassaEmployers(workerId: string, scope: ExportScope, afterWorker: string | null = null): { sql: string; bindings: unknown[] } {
  const period = activeInPeriod('l."start_date"', 'l."end_date"', scope);
  // When the batches go by worker id, the links are bounded by it too: PostgreSQL then
  // merge-joins from the batch's first worker instead of from the first link of the Cassa
  // (each batch read every earlier link: 5 times slower per batch at 300,000 relationships).
  const bound = afterWorker === null ? '' : ' and l."worker_id" > ?';
  return {
    sql: `exists (select 1 from "employment_link" l where l."worker_id" = ${workerId} and l."cassa_edile_code" = ? and l."construction" = ?${bound}${period.sql})`,
    bindings: [scope.recipient, true, ...(afterWorker === null ? [] : [afterWorker]), ...period.bindings],
  };
}

/** Columns of the REGISTRY export: the Worker fields the cassa-edile audience reads (schema/policy/workers.yaml). */
export const REGISTRY_COLUMNS = [
  'fiscalCode',
  'provisionalFiscalCode',
  'lastName',
  'firstName',
  'sex',
  'birthDate',
  'birthPlace',
  'citizenship',
  'domicileMunicipality',
  'domicileProvince',
] as const;

/**
 * REGISTRY (convention art. 2, bulk mode): the registry data of the people the
 * construction employers registered with the Cassa Edile employ or employed, the fields a
 * Cassa Edile may read of a Worker and nothing more (no DID, no professional record).
 */
export const registryExport: ExportSource = {
  dataset: ExportDataset.REGISTRY,
  columns: REGISTRY_COLUMNS,
  released: REGISTRY_COLUMNS.map((column) => `Worker.${column}`),
  subjects: { person: 'fiscalCode' },
  async *batches(em, scope, batchSize) {
    const query = (after: string | null, limit: number) => {
      const scoped = employedByCassaEmployers('w."id"', scope, after);
      return {
        sql: `select w."id" as "id", w."fiscal_code" as "fiscalCode", w."provisional_fiscal_code" as "provisionalFiscalCode", w."last_name" as "lastName",
            w."first_name" as "firstName", w."sex" as "sex", cast(w."birth_date" as text) as "birthDate", w."birth_place" as "birthPlace",
            w."citizenship" as "citizenship", w."domicile_municipality" as "domicileMunicipality", w."domicile_province" as "domicileProvince"
          from "worker" w where ${scoped.sql}${after === null ? '' : ' and w."id" > ?'} order by w."id" limit ?`,
        bindings: [...scoped.bindings, ...(after === null ? [] : [after]), limit],
      };
    };
    for await (const rows of keysetBatches(em, batchSize, query, (row) => String(row.id))) {
      yield rows.map((row) => ({
        fiscalCode: text(row.fiscalCode),
        provisionalFiscalCode: bool(row.provisionalFiscalCode),
        lastName: text(row.lastName),
        firstName: text(row.firstName),
        sex: text(row.sex),
        birthDate: text(row.birthDate),
        birthPlace: text(row.birthPlace),
        citizenship: text(row.citizenship),
        domicileMunicipality: text(row.domicileMunicipality),
        domicileProvince: text(row.domicileProvince),
      }));
    }
  },
};

/** Columns of the TRAINING export. */
export const TRAINING_COLUMNS = ['courseRecordId', 'workerFiscalCode', 'title', 'provider', 'hours', 'completedOn', 'source', 'externalId'] as const;

/**
 * TRAINING (convention art. 2, bulk mode: "formazioni"): the training courses in the
 * professional records of the same people, each with the body that supplied it.
 */
export const trainingExport: ExportSource = {
  dataset: ExportDataset.TRAINING,
  columns: TRAINING_COLUMNS,
  released: ['TrainingCourse.id', 'Worker.fiscalCode', 'TrainingCourse.title', 'TrainingCourse.provider', 'TrainingCourse.hours', 'TrainingCourse.completedOn', 'TrainingCourse.source', 'TrainingCourse.externalId'],
  subjects: { person: 'workerFiscalCode' },
  async *batches(em, scope, batchSize) {
    const scoped = employedByCassaEmployers('t."worker_id"', scope);
    const query = (after: string | null, limit: number) => ({
      sql: `select t."id" as "id", w."fiscal_code" as "workerFiscalCode", t."title" as "title", t."provider" as "provider", t."hours" as "hours",
          cast(t."completed_on" as text) as "completedOn", t."source" as "source", t."external_id" as "externalId"
        from "training_course" t join "worker" w on w."id" = t."worker_id"
        where ${scoped.sql}${after === null ? '' : ' and t."id" > ?'} order by t."id" limit ?`,
      bindings: [...scoped.bindings, ...(after === null ? [] : [after]), limit],
    });
    for await (const rows of keysetBatches(em, batchSize, query, (row) => String(row.id))) {
      yield rows.map((row) => ({
        courseRecordId: text(row.id),
        workerFiscalCode: text(row.workerFiscalCode),
        title: text(row.title),
        provider: text(row.provider),
        hours: num(row.hours),
        completedOn: text(row.completedOn),
        source: text(row.source),
        externalId: text(row.externalId),
      }));
    }
  },
};
