import { type EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { z } from 'zod';
import { ConfigError, readJsonConfigFile } from '../config';
import { legalDay } from '../dates';
import { ExportDataset, ExportFormat, ExportJob, ExportTrigger } from './export-job.entity';
import { createExportJob } from './runner';

/** One scheduled export (`EXPORT_SCHEDULE_FILE`): a Cassa Edile's datasets, in one format, every day, week or month. */
export interface ScheduledExport {
  recipient: string;
  datasets: ExportDataset[];
  format: ExportFormat;
  every: 'daily' | 'weekly' | 'monthly';
}

const scheduleSchema = z.array(
  z.object({
    recipient: z.string().regex(/^[A-Z0-9]{2,10}$/, 'must be a Cassa Edile code of 2-10 capital letters and digits'),
    datasets: z.array(z.enum(ExportDataset)).min(1, 'must name at least one dataset'),
    format: z.enum(ExportFormat),
    every: z.enum(['daily', 'weekly', 'monthly']),
  }),
);

/**
 * The scheduled exports in the JSON file `path` (`[{ "recipient": "MI00", "datasets":
 * ["RELATIONSHIPS"], "format": "CSV", "every": "weekly" }]`). Throws `ConfigError`
 * naming `EXPORT_SCHEDULE_FILE`, the entry (from 1) and the field.
 */
export function loadSchedule(path: string): ScheduledExport[] {
  const variable = 'EXPORT_SCHEDULE_FILE';
  const raw = readJsonConfigFile(variable, path);
  const result = scheduleSchema.safeParse(raw);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const [index, field] = issue.path;
        const where = typeof index === 'number' ? `entry ${index + 1}${field !== undefined ? ` ${String(field)}` : ''}` : 'the file (a list of { recipient, datasets, format, every })';
        return { variable, message: `${where}: ${issue.message}` };
      }),
    );
  }
  return result.data;
}

/** ISO 8601 week of an Italian calendar day: `2026-W05`. */
function isoWeek(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  // The Thursday of the same week decides the year the week belongs to.
  date.setUTCDate(date.getUTCDate() + 4 - (date.getUTCDay() || 7));
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The slot of `now` for a frequency, on the Italian calendar: `2026-03-14`, `2026-W11`, `2026-03`. */
export function scheduleSlot(every: ScheduledExport['every'], now: Date): string {
  const day = legalDay(now);
  if (every === 'daily') return day;
  if (every === 'monthly') return day.slice(0, 7);
  return isoWeek(day);
}

/**
 * Creates the PENDING jobs of the current slot of each scheduled export, for the datasets
 * this subgraph owns. Idempotent: the slot key is unique, so however many processes run
 * it, one job exists per (recipient, dataset, format, slot). Returns the jobs it created.
 */
export async function scheduleExports(em: EntityManager, schedule: readonly ScheduledExport[], now: Date, owned: readonly ExportDataset[]): Promise<ExportJob[]> {
  const created: ExportJob[] = [];
  for (const entry of schedule) {
    for (const dataset of entry.datasets) {
      if (!owned.includes(dataset)) continue;
      const slotKey = `${entry.recipient}:${dataset}:${entry.format}:${scheduleSlot(entry.every, now)}`;
      const fork = em.fork();
      if (await fork.count(ExportJob, { slotKey })) continue;
      const job = createExportJob(fork, { recipient: entry.recipient, dataset, format: entry.format, trigger: ExportTrigger.SCHEDULE, requestedBy: 'schedule', slotKey, now });
      try {
        await fork.flush();
        created.push(job);
      } catch (error) {
        // Another process created this slot's job first.
        if (!(error instanceof UniqueConstraintViolationException)) throw error;
      }
    }
  }
  return created;
}
