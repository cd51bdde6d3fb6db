import { type Logger } from './logger';
import { type BackgroundWork } from './subgraph';

/**
 * Runs `run` at once and then every `intervalMs`, one run at a time (a tick that finds the
 * previous run still going is skipped); a failed run is logged, without its details beyond
 * the message, and retried at the next interval. Stopping clears the timer and waits for a
 * run in progress. The timer does not keep the process alive.
 */
export function startPeriodic(options: { name: string; intervalMs: number; logger: Logger; run: () => Promise<void> }): BackgroundWork {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = options
      .run()
      .catch((error: unknown) => options.logger.error({ err: { message: (error as Error).message } }, `${options.name} run failed; retried at the next interval`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  setImmediate(tick);
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
