/**
 * Batch pushes with per-item outcomes: the building blocks a connector's `writeStock` is made of.
 */

/** Batches of at most `max` in which no key repeats, so writes to one key still apply in order. */
export function batchesWithoutRepeats<T>(items: T[], max: number, keyOf: (item: T) => string): T[][] {
  const batches: { items: T[]; keys: Set<string> }[] = [];
  for (const item of items) {
    const key = keyOf(item);
    const lastWithKey = batches.findLastIndex((b) => b.keys.has(key));
    let index = batches.findIndex((b, i) => i > lastWithKey && b.items.length < max);
    if (index === -1) index = batches.push({ items: [], keys: new Set() }) - 1;
    const batch = batches[index] as (typeof batches)[number];
    batch.items.push(item);
    batch.keys.add(key);
  }
  return batches.map((b) => b.items);
}

export type BatchAnswer<T> = { accepted: true } | { accepted: false; named: T[]; reason: string };

/**
 * For a platform that refuses a whole payload when one item is bad: the items its refusal names
 * fail alone and the rest is sent again; when it names none, the payload is halved until the bad
 * item stands alone. Every item ends in `accepted` or `refused` exactly once.
 */
export async function sendSplittingRefusals<T>(
  items: T[],
  send: (items: T[]) => Promise<BatchAnswer<T>>,
  outcome: { accepted(items: T[]): void; refused(item: T, reason: string): void },
): Promise<void> {
  if (items.length === 0) return;
  const answer = await send(items);
  if (answer.accepted) {
    outcome.accepted(items);
    return;
  }
  if (answer.named.length > 0 || items.length === 1) {
    const bad = answer.named.length > 0 ? answer.named : items;
    for (const item of bad) outcome.refused(item, answer.reason);
    await sendSplittingRefusals(
      items.filter((i) => !bad.includes(i)),
      send,
      outcome,
    );
    return;
  }
  const half = Math.ceil(items.length / 2);
  await sendSplittingRefusals(items.slice(0, half), send, outcome);
  await sendSplittingRefusals(items.slice(half), send, outcome);
}
