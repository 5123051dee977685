/**
 * Lets one call through per `intervalMs` and counts the ones held back in between, so an error
 * repeated by every poll of an outage becomes one log line per interval ("and 40 more").
 * Returns the number held back since the last call let through, or undefined to stay quiet.
 */
export function logGate(intervalMs: number): () => number | undefined {
  let last = Number.NEGATIVE_INFINITY;
  let held = 0;
  return () => {
    const now = Date.now();
    if (now - last < intervalMs) {
      held += 1;
      return undefined;
    }
    last = now;
    const count = held;
    held = 0;
    return count;
  };
}
