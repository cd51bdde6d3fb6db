import { env, readEnv } from '../../lib/config';
import { startPeriodic } from '../../lib/periodic';
import { type BackgroundStarter } from '../../lib/subgraph';
import { proposeDueResumptions } from './did-schedule';

/** How often the DID schedule runs, by default: hourly. */
export const DEFAULT_DID_SCHEDULE_INTERVAL_MS = 3_600_000;

/** The DID schedule's settings: `DID_SCHEDULE_INTERVAL_MS` (positive integer, default hourly). */
export function readDidScheduleSettings(source: NodeJS.ProcessEnv): { intervalMs: number } {
  const read = readEnv({ DID_SCHEDULE_INTERVAL_MS: env.positiveInt(DEFAULT_DID_SCHEDULE_INTERVAL_MS) }, source);
  return { intervalMs: read.DID_SCHEDULE_INTERVAL_MS };
}

/**
 * The workers process's DID schedule: every `DID_SCHEDULE_INTERVAL_MS` it proposes resuming
 * the DIDs whose suspending fixed-term job reached its planned end with no termination notice
 * (see proposeDueResumptions). Safe to run in several processes at once. A failed run is
 * logged and retried at the next interval.
 */
export const runDidSchedule: BackgroundStarter = ({ db, logger, env: source }) => {
  const settings = readDidScheduleSettings(source);
  const run = async () => {
    const summary = await proposeDueResumptions(db.orm.em.fork(), new Date());
    if (summary.proposed > 0) logger.info(summary, 'DID schedule: RESUME proposed');
  };
  logger.info({ intervalMs: settings.intervalMs }, 'DID schedule started');
  return startPeriodic({ name: 'DID schedule', intervalMs: settings.intervalMs, logger, run });
};
