import { ExponentialBackoff, type IBackoff } from "cockatiel";
import type { Logger } from "pino";
import { logGate } from "../lib/log-gate.ts";

/** Longest pause between rounds that keep failing (a database outage); default 30 s. */
const MAX_BACKOFF_MS = 30_000;

/**
 * Runs `round` in this process until stopped: again at once while it reports work done or was
 * nudged meanwhile, else after `intervalMs`. A failing round is retried after a pause that grows
 * from `intervalMs` to half a minute, so an outage is neither hammered nor logged on every try; the
 * first success after failures says so. Stopping wakes the sleep and waits for the round in
 * progress. Used by the sync pump, the notifier and the books poster.
 */
export function startPoller(
  name: string,
  round: () => Promise<number>,
  options: { intervalMs: number; logger: Logger; maxBackoffMs?: number },
): { stop: () => Promise<void>; nudge: () => void } {
  let stopped = false;
  let nudged = false;
  let wake: (() => void) | undefined;
  const backoff = new ExponentialBackoff({
    initialDelay: options.intervalMs,
    maxDelay: options.maxBackoffMs ?? MAX_BACKOFF_MS,
  });
  const failureGate = logGate(30_000);
  let failing: { since: number; failures: number; step: IBackoff<unknown> } | undefined;

  const succeeded = () => {
    if (!failing) return;
    options.logger.info(
      { failures: failing.failures, downForMs: Date.now() - failing.since },
      `${name} works again`,
    );
    failing = undefined;
  };
  const failed = (error: unknown): number => {
    failing = failing
      ? { ...failing, failures: failing.failures + 1, step: failing.step.next(undefined) }
      : { since: Date.now(), failures: 1, step: backoff.next() };
    const repeats = failureGate();
    if (repeats !== undefined)
      options.logger.warn({ err: error, failures: failing.failures }, `${name} failed; retrying`);
    return failing.step.duration;
  };

  const loop = async () => {
    while (!stopped) {
      nudged = false;
      let pauseMs = options.intervalMs;
      try {
        const done = await round();
        succeeded();
        if (done > 0) continue;
      } catch (error) {
        pauseMs = failed(error);
      }
      if (nudged) continue;
      await new Promise<void>((r) => {
        const timer = setTimeout(r, pauseMs);
        wake = () => {
          clearTimeout(timer);
          r();
        };
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
