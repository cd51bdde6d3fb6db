import { type Logger } from '../logger';
import { type BackgroundStarter, type BackgroundWork } from '../subgraph';
import { loadExportConfig } from './config';
import { type ExportDataset } from './export-job.entity';
import { claimExportJob, expireExports, runExportJob } from './runner';
import { loadSchedule, scheduleExports } from './schedule';
import { type ExportSources } from './source';

/**
 * The export runner of a subgraph process: every `EXPORT_POLL_INTERVAL_MS` it creates the
 * jobs of the current slot of the schedule (`EXPORT_SCHEDULE_FILE`), deletes the files
 * past their expiry or confirmed deleted by their Cassa Edile (each with a tombstone in the
 * audit trail; without an audit trail it deletes nothing, and no export can be READY),
 * and runs the PENDING jobs of the datasets it owns one at a time, each
 * claimed with a lease so that two processes never run the same one. Throws `ConfigError`
 * for bad configuration.
 */
export function exportRunner(subgraph: string, sources: ExportSources): BackgroundStarter {
  return ({ db, logger, env, audit }): BackgroundWork | null => {
    const config = loadExportConfig(subgraph, env);
    const schedule = config.scheduleFile ? loadSchedule(config.scheduleFile) : [];
    const owned = Object.keys(sources) as ExportDataset[];
    if (!audit) logger.warn({}, 'no audit trail: every export fails (NO_AUDIT_TRAIL), since no data may leave unrecorded; expiry is skipped, since no file may be deleted without its tombstone');
    let running = true;
    let timer: NodeJS.Timeout | null = null;
    let inFlight: Promise<void> | null = null;
    const tick = async (log: Logger) => {
      const now = new Date();
      const em = db.orm.em.fork();
      if (schedule.length) {
        const created = await scheduleExports(em, schedule, now, owned);
        if (created.length) log.info({ exports: created.map((j) => j.id) }, 'scheduled exports created');
      }
      if (audit) {
        const expired = await expireExports(em, now, { dir: config.dir, audit, subgraph });
        if (expired.length) log.info({ exports: expired.map((e) => ({ id: e.id, reason: e.reason })) }, 'export files deleted');
      }
      while (running) {
        const job = await claimExportJob(em, new Date(), undefined, owned);
        if (!job) break;
        const outcome = await runExportJob({ orm: db.orm, subgraph, sources, audit: audit ?? null, config }, job);
        log.info({ export: outcome.id, dataset: job.dataset, status: outcome.status, rows: outcome.rowCount, bytes: outcome.byteCount, error: outcome.error }, 'export finished');
      }
    };
    const schedule_ = (delay: number) => {
      timer = setTimeout(() => {
        inFlight = tick(logger)
          .catch((error: unknown) => logger.error({ error: (error as { code?: string; name?: string }).code ?? (error as Error).name }, 'export run failed'))
          .then(() => {
            inFlight = null;
            if (running) schedule_(config.pollIntervalMs);
          });
      }, delay);
      timer.unref();
    };
    schedule_(0);
    logger.info({ datasets: owned, scheduled: schedule.length, dir: config.dir }, 'export runner started');
    return {
      stop: async () => {
        running = false;
        if (timer) clearTimeout(timer);
        await inFlight;
      },
    };
  };
}
