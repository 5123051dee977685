import { AsyncLocalStorage } from "node:async_hooks";

const limits = new AsyncLocalStorage<number>();

/**
 * Runs `work` with a bound on how long each platform call inside it may wait in this process —
 * for the rate budget, a `Retry-After`, or the back-off between failed attempts. A call that would
 * wait longer ends at once with `PlatformDeferred` carrying when to try again. Job handlers use it
 * so that a worker slot is held only while work is done; calls outside it wait as long as needed.
 * The bound follows the async context, so connectors and sessions need no extra argument.
 */
export function withWaitLimit<T>(maxWaitMs: number, work: () => Promise<T>): Promise<T> {
  return limits.run(maxWaitMs, work);
}

/** The bound `withWaitLimit` set for the calling context, if any. */
export function currentWaitLimit(): number | undefined {
  return limits.getStore();
}
