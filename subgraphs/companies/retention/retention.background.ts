import { startPeriodic } from '../../lib/periodic';
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
  const run = async () => {
    const summaries = await purgeCassaEdileData(db.orm.em.fork(), audit, { now: new Date(), retentionMonths: settings.retentionMonths });
    for (const summary of summaries) logger.info(summary, 'retention: deleted');
  };
  logger.info({ retentionMonths: settings.retentionMonths, intervalMs: settings.intervalMs }, 'retention purge started');
  return startPeriodic({ name: 'retention', intervalMs: settings.intervalMs, logger, run });
};
