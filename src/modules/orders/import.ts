import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { pgArray } from "../../db/sql.ts";
import { inTransaction } from "../../db/tx.ts";
import { appendEvents } from "../events/index.ts";
import { cancelInTx } from "./cancel.ts";
import { createOrders } from "./create-orders.ts";
import { analyzeSalesTables } from "./daily-sales.ts";
import { orderStatusChanged } from "./events.ts";
import { followExisting, recordedBefore } from "./follow-existing.ts";
import type { OrderInput } from "./order-input.ts";
import { type ImportOrderResult, MovementQueue, type PageOrder, type PageOrderResult } from "./order-page.ts";
import { orders } from "./schema.ts";

export type { ImportOrderResult, ImportOutcome } from "./order-page.ts";
/**
 * `historyBefore`: what happened on the platform before this instant is history (a backfill's
 * rule, sync/history.ts) — a new order dated by `placedAt`, a status change by `platformUpdatedAt`.
 * Its events carry `historical: true` and the order row is marked, so notifications stay quiet
 * while stock, books and reports count it as usual. Default: nothing is history.
 */
export type ImportOptions = { historyBefore?: Date | undefined };

/** Imports of at least this many orders are bulk: afterwards the sales tables' statistics are checked. */
const BULK_IMPORT = 50;

const keyOf = (accountId: string, input: OrderInput) =>
  `${accountId}:${input.connectionId ?? ""}:${input.platformOrderId}`;

/**
 * Imports a channel order once per (connection, platform order id). The first import stores lines
 * and reserves stock; later imports update statuses only — lines and addresses are never rewritten
 * — and an update older than what is stored (a late, out-of-order delivery) changes nothing.
 */
export async function importOrder(
  db: Db,
  accountId: string,
  input: OrderInput,
  options: ImportOptions = {},
): Promise<ImportOrderResult> {
  return (await importOrders(db, accountId, [input], options))[0]!;
}

/** The same for many orders in one transaction with a fixed number of statements. */
export async function importOrders(
  db: Db,
  accountId: string,
  inputs: OrderInput[],
  options: ImportOptions = {},
): Promise<ImportOrderResult[]> {
  const results = await importOrderPage(
    db,
    accountId,
    inputs.map((input) => ({ input })),
    options,
  );
  return results.map(({ refunds: _, ...result }) => result);
}

/**
 * A page of channel orders with what the channel already did to them (shipped whole, refunded),
 * in one transaction with a fixed number of statements for the orders it creates (backfills):
 * see create-orders.ts. Orders the hub already had take their status updates and whatever
 * shipment or refund is new to the hub (follow-existing.ts). The ledger ends as if each order had
 * been imported (all of them, in order), then shipped and refunded one after the other. A
 * platform order listed twice is taken as two deliveries in turn. One order with an unknown SKU
 * fails the whole page; callers that must keep going import one by one. A refund the hub must
 * refuse is reported in its result and changes nothing.
 */
export async function importOrderPage(
  db: Db,
  accountId: string,
  items: readonly PageOrder[],
  options: ImportOptions = {},
): Promise<PageOrderResult[]> {
  if (items.length === 0) return [];
  const results = await inTransaction(db, async (tx) => {
    const keys = [...new Set(items.map((i) => keyOf(accountId, i.input)))].sort();
    // Serialise imports of the same order (webhook and schedule racing) before looking it up.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(k)) from unnest(${pgArray(keys)}::text[]) as k order by k`,
    );
    const results: PageOrderResult[] = new Array(items.length);
    for (const round of rounds(accountId, items)) {
      const done = await importRound(
        tx,
        accountId,
        round.map((at) => items[at]!),
        options,
      );
      round.forEach((at, i) => {
        results[at] = done[i]!;
      });
    }
    return results;
  });
  // A backfill's pages feed the reports that follow; a webhook's single order is not worth the check.
  if (items.length >= BULK_IMPORT) await analyzeSalesTables(db);
  return results;
}

/** Positions of the items split so that no round lists one platform order twice. */
function rounds(accountId: string, items: readonly PageOrder[]): number[][] {
  const out: number[][] = [];
  const times = new Map<string, number>();
  items.forEach((item, at) => {
    const k = keyOf(accountId, item.input);
    const n = times.get(k) ?? 0;
    times.set(k, n + 1);
    if (n === out.length) out.push([]);
    out[n]!.push(at);
  });
  return out;
}

async function importRound(
  tx: Db,
  accountId: string,
  items: readonly PageOrder[],
  options: ImportOptions,
): Promise<PageOrderResult[]> {
  const before = (at: Date) => options.historyBefore !== undefined && at < options.historyBefore;
  const queue = new MovementQueue(tx, accountId);
  const existing = await findExisting(
    tx,
    accountId,
    items.map((i) => i.input),
  );
  const fresh = [...items.keys()].filter((at) => !existing.has(keyOf(accountId, items[at]!.input)));
  const results: PageOrderResult[] = new Array(items.length);
  const followUps = new Map<number, Parameters<MovementQueue["push"]>>();
  if (fresh.length > 0) {
    const created = await createOrders(
      tx,
      accountId,
      fresh.map((at) => items[at]!),
      (input) => before(input.placedAt),
      queue,
    );
    fresh.forEach((at, i) => {
      results[at] = created.results[i]!;
      followUps.set(at, created.followUps[i]!);
    });
  }
  const known: { orderId: string; item: PageOrder }[] = [];
  for (const [at, item] of items.entries()) {
    if (results[at]) continue;
    const current = existing.get(keyOf(accountId, item.input))!;
    // A cancel reads and moves stock on its own: what the page queued goes first.
    if (item.input.cancelled) await queue.flush();
    const result = await updateExisting(
      tx,
      current,
      item.input,
      before(item.input.platformUpdatedAt ?? item.input.placedAt),
    );
    results[at] = { ...result, refunds: [] };
    known.push({ orderId: current.id, item });
  }
  // Shipments and refunds follow in page order, as if each order had been followed up in turn.
  const recorded = known.length > 0 ? await recordedBefore(tx, known) : undefined;
  for (const [at, item] of items.entries()) {
    const movements = followUps.get(at);
    if (movements) queue.push(...movements);
    else
      results[at]!.refunds = await followExisting(
        tx,
        accountId,
        results[at]!.orderId,
        item,
        recorded!,
        queue,
      );
  }
  await queue.flush();
  return results;
}

async function findExisting(tx: Db, accountId: string, inputs: OrderInput[]) {
  const rows = await tx
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.accountId, accountId),
        inArray(orders.platformOrderId, [...new Set(inputs.map((i) => i.platformOrderId))]),
      ),
    )
    .for("update");
  const out = new Map<string, typeof orders.$inferSelect>();
  for (const r of rows) out.set(`${accountId}:${r.connectionId ?? ""}:${r.platformOrderId}`, r);
  return out;
}

async function updateExisting(
  tx: Db,
  existing: typeof orders.$inferSelect,
  input: OrderInput,
  historical: boolean,
): Promise<ImportOrderResult> {
  const base = { orderId: existing.id, backordered: existing.backordered };
  if (
    input.platformUpdatedAt &&
    existing.platformUpdatedAt &&
    input.platformUpdatedAt <= existing.platformUpdatedAt
  ) {
    return {
      ...base,
      outcome:
        input.platformUpdatedAt.getTime() === existing.platformUpdatedAt.getTime() ? "unchanged" : "stale",
    };
  }
  const channelStatus = input.channelStatus ?? existing.channelStatus;
  const financialStatus = input.financialStatus ?? existing.financialStatus;
  const cancel =
    input.cancelled === true && (existing.status === "pending" || existing.status === "processing");
  const changed =
    channelStatus !== existing.channelStatus || financialStatus !== existing.financialStatus || cancel;
  await tx
    .update(orders)
    .set({
      channelStatus,
      financialStatus,
      platformUpdatedAt: input.platformUpdatedAt ?? existing.platformUpdatedAt,
      updatedAt: new Date(),
    })
    .where(eq(orders.id, existing.id));
  if (cancel) await cancelInTx(tx, existing, "channel", { historical });
  if (changed && !cancel) {
    await appendEvents(tx, [
      orderStatusChanged.of({
        accountId: existing.accountId,
        subject: existing.id,
        payload: {
          orderId: existing.id,
          status: existing.status,
          channelStatus,
          financialStatus,
          connectionId: existing.connectionId,
          ...(historical ? { historical: true } : {}),
        },
      }),
    ]);
  }
  return { ...base, outcome: changed ? "updated" : "unchanged" };
}
