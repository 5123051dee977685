/**
 * Waits until `probe` returns something truthy and returns it; throws "timed out waiting for
 * <what>" after `timeoutMs`. For tests that watch real processes, sandboxes and queues.
 */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false | null> | T | undefined | false | null,
  timeoutMs = 120_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}
