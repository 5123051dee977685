import type { Db } from "../../db/engine.ts";
import { getProductById } from "../catalog/products.ts";
import { listConnections } from "../connections/index.ts";
import type { DomainEvent } from "../events/events.ts";
import { stockOfProduct } from "../inventory/stock.ts";
import type { NotificationInput } from "./record.ts";

/** Feeds that bring products in; their runs speak for "product synchronization". */
const PRODUCT_FEEDS = new Set(["new-products", "update-products", "product-images", "initial-stock"]);

type Counts = Record<string, number>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Connection names of an account, looked up once per batch. */
export async function connectionNames(db: Db, accountId: string): Promise<Map<string, string>> {
  return new Map((await listConnections(db, accountId)).map((c) => [c.id, c.name]));
}

/** The standard and global notifications one event raises (custom alerts and goals are separate). */
export function notificationsForEvent(e: DomainEvent, names: Map<string, string>): NotificationInput[] {
  const p = e.payload;
  const connectionId = str(p.connectionId);
  const connection = {
    id: connectionId,
    name: connectionId ? (names.get(connectionId) ?? "deleted connection") : "",
  };
  const base = { accountId: e.accountId, eventId: e.id, connectionId };
  switch (e.type) {
    case "feed_run.finished": {
      const counts = (p.counts ?? {}) as Counts;
      const vars = {
        connection,
        feedKind: p.feedKind,
        status: p.status,
        counts,
        error: p.error,
        runId: p.runId,
      };
      const out: NotificationInput[] = [
        {
          ...base,
          type: "job_completion",
          vars,
          subject: str(p.runId),
          dedupeKey: `event:${e.id}:job_completion`,
        },
      ];
      if (PRODUCT_FEEDS.has(String(p.feedKind)) && p.status === "succeeded") {
        out.push({
          ...base,
          type: "product_sync_successful",
          vars,
          subject: connectionId,
          dedupeKey: `event:${e.id}:sync_ok`,
        });
      }
      if (PRODUCT_FEEDS.has(String(p.feedKind)) && (counts.new ?? 0) > 0) {
        out.push({
          ...base,
          type: "new_inventory_imported",
          vars,
          subject: connectionId,
          dedupeKey: `event:${e.id}:new_inv`,
        });
      }
      return out;
    }
    case "sync.error": {
      const vars = { connection, ...p };
      const out: NotificationInput[] = [
        {
          ...base,
          type: "sync_error",
          vars,
          subject: `${p.subjectType}:${p.subjectId}`,
          dedupeKey: `event:${e.id}:sync_error`,
        },
      ];
      if (["product", "sku", "variant", "listing"].includes(String(p.subjectType))) {
        out.push({
          ...base,
          type: "product_sync_failed",
          vars: { ...vars, sku: p.subjectId },
          subject: String(p.subjectId),
          dedupeKey: `event:${e.id}:product_sync_failed`,
        });
      }
      return out;
    }
    case "sync.stalled":
    case "sync.recovered": {
      const type = e.type === "sync.stalled" ? "sync_stalled" : "sync_recovered";
      return [
        {
          ...base,
          type,
          vars: { connection, ...p },
          subject: connectionId,
          dedupeKey: `event:${e.id}:${type}`,
        },
      ];
    }
    case "refund.recorded": {
      const lines = (p.lines ?? []) as { sku: string; quantity: number }[];
      return lines.map((l) => ({
        ...base,
        type: "product_refund" as const,
        vars: {
          sku: l.sku,
          quantity: l.quantity,
          orderNumber: p.orderNumber ?? p.orderId,
          amount: (Number(p.amountMinor) / 100).toFixed(2),
          currency: p.currency,
          connection,
        },
        subject: l.sku,
        dedupeKey: `event:${e.id}:refund:${l.sku}`,
      }));
    }
    case "backfill.finished":
      // Keyed by the run: a backfill resumed after a crash may announce twice; one is recorded.
      return [
        {
          ...base,
          type: "backfill_summary",
          vars: { connection, orders: p.orders, refunds: p.refunds, from: p.from, to: p.to },
          subject: str(p.runId),
          dedupeKey: `backfill:${p.runId}`,
        },
      ];
    case "invoice.imported":
      return [
        { ...base, type: "source_invoice_imported", vars: { ...p }, dedupeKey: `event:${e.id}:invoice` },
      ];
    case "invoice.cost_mismatch":
      return [
        {
          ...base,
          type: "cost_mismatch",
          vars: { ...p },
          subject: str(p.sku),
          dedupeKey: `event:${e.id}:cogs`,
        },
      ];
    default:
      return [];
  }
}

/**
 * Low stock fires when the product's total available crosses its threshold downward within the
 * batch and is still at or below it (R-NOT-2). The levels are rebuilt backwards from the current
 * available through each event's delta, so a batch holding both the stock's arrival and the sale
 * that takes it below the threshold still fires (summing the deltas first would hide it).
 */
export async function lowStockNotifications(tx: Db, batch: DomainEvent[]): Promise<NotificationInput[]> {
  const perProduct = new Map<string, { e: DomainEvent; deltas: number[] }>();
  for (const e of batch) {
    if (e.type !== "stock.changed") continue;
    const key = `${e.accountId}:${e.payload.productId}`;
    const delta = Number(e.payload.onHandDelta) - Number(e.payload.reservedDelta);
    const entry = perProduct.get(key) ?? { e, deltas: [] };
    entry.e = e;
    entry.deltas.push(delta);
    perProduct.set(key, entry);
  }
  const out: NotificationInput[] = [];
  for (const { e, deltas } of perProduct.values()) {
    if (!deltas.some((d) => d < 0)) continue;
    const productId = String(e.payload.productId);
    const product = await getProductById(tx, e.accountId, productId).catch(() => undefined);
    const threshold = product?.lowStockThreshold;
    if (!product || threshold === null || threshold === undefined) continue;
    const now = (await stockOfProduct(tx, e.accountId, productId)).available;
    let after = now;
    let crossed = false;
    for (let i = deltas.length - 1; i >= 0; i--) {
      const before = after - deltas[i]!;
      if (before > threshold && after <= threshold) crossed = true;
      after = before;
    }
    if (crossed && now <= threshold) {
      out.push({
        accountId: e.accountId,
        type: "low_stock",
        vars: { sku: product.sku, name: product.name, available: now, threshold },
        subject: product.sku,
        eventId: e.id,
        dedupeKey: `event:${e.id}:low_stock`,
      });
    }
  }
  return out;
}
