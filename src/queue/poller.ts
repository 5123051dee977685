import type { Logger } from "pino";

/**
 * Runs `round` in this process until stopped: again at once while it reports work done or was
 * nudged meanwhile, else after `intervalMs`. Failures are logged and retried. Stopping wakes the
 * sleep and waits for the round in progress. Used by the sync pump, the notifier and the books
 * poster.
 */
export function startPoller(
  name: string,
  round: () => Promise<number>,
  options: { intervalMs: number; logger: Logger },
): { stop: () => Promise<void>; nudge: () => void } {
  let stopped = false;
  let nudged = false;
  let wake: (() => void) | undefined;
  const loop = async () => {
    while (!stopped) {
      nudged = false;
      try {
        if ((await round()) > 0) continue;
      } catch (error) {
        options.logger.warn({ err: error }, `${name} failed; retrying`);
      }
      if (nudged) continue;
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, options.intervalMs);
      });
    }
  };
  const running = loop();
  return {
    stop: async () => {
      stopped = true;
      wake?.();
      await running;
    },
    nudge: () => {
      nudged = true;
      wake?.();
    },
  };
}
