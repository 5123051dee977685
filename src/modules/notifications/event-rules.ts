import type { Db } from "../../db/engine.ts";
import { getProductById } from "../catalog/index.ts";
import { connectionDisconnected, listConnections, syncError } from "../connections/index.ts";
import type { DomainEvent, EventOf } from "../events/index.ts";
import { stockChanged, stockOfProduct } from "../inventory/index.ts";
import { allotmentThresholdReached, refundRecorded } from "../orders/index.ts";
import { purchaseOrderReceived } from "../suppliers/index.ts";
import { backfillFinished, feedRunFinished, syncRecovered, syncStalled } from "../sync/index.ts";
import type { NotificationInput } from "./record.ts";

/** Feeds that bring products in; their runs speak for "product synchronization". */
const PRODUCT_FEEDS = new Set(["new-products", "update-products", "product-images", "initial-stock"]);

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Connection names of an account, looked up once per batch. */
export async function connectionNames(db: Db, accountId: string): Promise<Map<string, string>> {
  return new Map((await listConnections(db, accountId)).map((c) => [c.id, c.name]));
}

/** The connection a notification names: the account's name for it now, or that it is gone. */
function connectionOf(id: string | null, names: Map<string, string>) {
  return { id, name: id ? (names.get(id) ?? "deleted connection") : "" };
}

/** The standard and global notifications one event raises (custom alerts and goals are separate). */
export function notificationsForEvent(e: DomainEvent, names: Map<string, string>): NotificationInput[] {
  const base = (connectionId: string | null) => ({ accountId: e.accountId, eventId: e.id, connectionId });
  if (feedRunFinished.is(e)) {
    const p = e.payload;
    const vars = {
      connection: connectionOf(p.connectionId, names),
      feedKind: p.feedKind,
      status: p.status,
      counts: p.counts,
      error: p.error,
      runId: p.runId,
    };
    const out: NotificationInput[] = [
      {
        ...base(p.connectionId),
        type: "job_completion",
        vars,
        subject: p.runId,
        dedupeKey: `event:${e.id}:job_completion`,
      },
    ];
    if (PRODUCT_FEEDS.has(p.feedKind) && p.status === "succeeded") {
      out.push({
        ...base(p.connectionId),
        type: "product_sync_successful",
        vars,
        subject: p.connectionId,
        dedupeKey: `event:${e.id}:sync_ok`,
      });
    }
    if (PRODUCT_FEEDS.has(p.feedKind) && p.counts.new > 0) {
      out.push({
        ...base(p.connectionId),
        type: "new_inventory_imported",
        vars,
        subject: p.connectionId,
        dedupeKey: `event:${e.id}:new_inv`,
      });
    }
    return out;
  }
  if (syncError.is(e)) {
    const p = e.payload;
    const vars = { connection: connectionOf(p.connectionId, names), ...p };
    const out: NotificationInput[] = [
      {
        ...base(p.connectionId),
        type: "sync_error",
        vars,
        subject: `${p.subjectType}:${p.subjectId}`,
        dedupeKey: `event:${e.id}:sync_error`,
      },
    ];
    if (["product", "sku", "variant", "listing"].includes(p.subjectType)) {
      out.push({
        ...base(p.connectionId),
        type: "product_sync_failed",
        vars: { ...vars, sku: p.subjectId },
        subject: p.subjectId,
        dedupeKey: `event:${e.id}:product_sync_failed`,
      });
    }
    return out;
  }
  if (syncStalled.is(e) || syncRecovered.is(e)) {
    const p = e.payload;
    const type = syncStalled.is(e) ? "sync_stalled" : "sync_recovered";
    return [
      {
        ...base(p.connectionId),
        type,
        vars: { connection: connectionOf(p.connectionId, names), ...p },
        subject: p.connectionId,
        dedupeKey: `event:${e.id}:${type}`,
      },
    ];
  }
  if (connectionDisconnected.is(e)) {
    const p = e.payload;
    return [
      {
        ...base(p.connectionId),
        type: "connection_disconnected",
        vars: { connection: connectionOf(p.connectionId, names), ...p },
        subject: p.connectionId,
        dedupeKey: `event:${e.id}:connection_disconnected`,
      },
    ];
  }
  if (refundRecorded.is(e)) {
    const p = e.payload;
    return p.lines.map((l) => ({
      ...base(p.connectionId),
      type: "product_refund" as const,
      vars: {
        sku: l.sku,
        quantity: l.quantity,
        orderNumber: p.orderNumber,
        amount: (p.amountMinor / 100).toFixed(2),
        currency: p.currency,
        connection: connectionOf(p.connectionId, names),
      },
      subject: l.sku,
      dedupeKey: `event:${e.id}:refund:${l.sku}`,
    }));
  }
  if (allotmentThresholdReached.is(e)) {
    const p = e.payload;
    return [
      {
        ...base(null),
        type: p.threshold === 100 ? "order_allotment_reached" : "order_allotment_warning",
        vars: { ...p },
        subject: String(p.year),
        dedupeKey: `event:${e.id}:order_allotment`,
      },
    ];
  }
  if (purchaseOrderReceived.is(e)) {
    return [
      {
        ...base(null),
        type: "purchase_order_received",
        vars: { ...e.payload },
        subject: e.payload.purchaseOrderId,
        dedupeKey: `event:${e.id}:purchase_order_received`,
      },
    ];
  }
  if (backfillFinished.is(e)) {
    const p = e.payload;
    // Keyed by the run: a backfill resumed after a crash may announce twice; one is recorded.
    return [
      {
        ...base(p.connectionId),
        type: "backfill_summary",
        vars: {
          connection: connectionOf(p.connectionId, names),
          orders: p.orders,
          refunds: p.refunds,
          from: p.from,
          to: p.to,
        },
        subject: p.runId,
        dedupeKey: `backfill:${p.runId}`,
      },
    ];
  }
  return invoiceNotifications(e, base(str(e.payload.connectionId)));
}

/**
 * No module emits the invoice events yet (docs/notifications.md), so they have no definition to
 * read them by; their payload passes through to the templates as it is.
 */
function invoiceNotifications(
  e: DomainEvent,
  base: { accountId: string; eventId: number; connectionId: string | null },
): NotificationInput[] {
  const p = e.payload;
  if (e.type === "invoice.imported") {
    return [{ ...base, type: "source_invoice_imported", vars: { ...p }, dedupeKey: `event:${e.id}:invoice` }];
  }
  if (e.type === "invoice.cost_mismatch") {
    return [
      {
        ...base,
        type: "cost_mismatch",
        vars: { ...p },
        subject: str(p.sku),
        dedupeKey: `event:${e.id}:cogs`,
      },
    ];
  }
  return [];
}

/**
 * Low stock fires when the product's total available crosses its threshold downward within the
 * batch and is still at or below it (R-NOT-2). The levels are rebuilt backwards from the current
 * available through each event's delta, so a batch holding both the stock's arrival and the sale
 * that takes it below the threshold still fires (summing the deltas first would hide it).
 */
export async function lowStockNotifications(tx: Db, batch: DomainEvent[]): Promise<NotificationInput[]> {
  const perProduct = new Map<string, { e: EventOf<typeof stockChanged>; deltas: number[] }>();
  for (const e of batch) {
    if (!stockChanged.is(e)) continue;
    const key = `${e.accountId}:${e.payload.productId}`;
    const delta = e.payload.onHandDelta - e.payload.reservedDelta;
    const entry = perProduct.get(key) ?? { e, deltas: [] };
    entry.e = e;
    entry.deltas.push(delta);
    perProduct.set(key, entry);
  }
  const out: NotificationInput[] = [];
  for (const { e, deltas } of perProduct.values()) {
    if (!deltas.some((d) => d < 0)) continue;
    const { productId } = e.payload;
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
