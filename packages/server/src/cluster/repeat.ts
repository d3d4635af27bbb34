import type { Clock, Timer } from '../clock.js';
import type { Logger } from '../logger.js';

/**
 * Runs `task` every `ms` on the injected clock, never two at once: the next run is scheduled when the
 * previous one finished. A failure is logged and the schedule goes on. Returns a stop function.
 */
export function repeat(clock: Clock, ms: number, name: string, logger: Logger, task: () => Promise<void>) {
  let timer: Timer | undefined;
  let stopped = false;
  const schedule = () => {
    if (!stopped) timer = clock.setTimeout(run, ms);
  };
  const run = () => {
    task()
      .catch((error: unknown) => logger.warn(`${name} failed`, { error: String(error) }))
      .finally(schedule);
  };
  schedule();
  return (): void => {
    stopped = true;
    if (timer !== undefined) clock.clearTimeout(timer);
  };
}
