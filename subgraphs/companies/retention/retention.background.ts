import { type BackgroundStarter } from '../../lib/subgraph';
import { purgeCassaEdileData } from './cassa-edile-purge';
import { readRetentionSettings } from '../../lib/retention';

/**
 * The companies process's retention purge: every `RETENTION_INTERVAL_MS` it erases what the
 * platform holds for a Cassa Edile's verification once that is due (see
 * purgeNotificationPayloads), leaving a tombstone in the audit trail for each deletion.
 * Without an audit trail nothing is deleted (a deletion must leave its tombstone) and a
 * warning says so. A failed run is logged and retried at the next interval.
 */
export const runRetention: BackgroundStarter = ({ db, logger, env: source, audit }) => {
  const settings = readRetentionSettings(source);
  if (!audit) {
    logger.warn({}, 'no audit trail: retention deletes nothing, since every deletion must leave a tombstone');
    return null;
  }
  let running: Promise<void> | null = null;
  const run = async () => {
    const summaries = await purgeCassaEdileData(db.orm.em.fork(), audit, { now: new Date(), retentionMonths: settings.retentionMonths });
    for (const summary of summaries) logger.info(summary, 'retention: deleted');
  };
  const tick = () => {
    if (running) return;
    running = run()
      .catch((error: unknown) => logger.error({ err: { message: (error as Error).message } }, 'retention run failed; retried at the next interval'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, settings.intervalMs);
  timer.unref();
  setImmediate(tick);
  logger.info({ retentionMonths: settings.retentionMonths, intervalMs: settings.intervalMs }, 'retention purge started');
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
};
