import type { ChannelOrder } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import { productsBySku } from "../catalog/index.ts";
import { type Connection, raiseIssue, recordSyncLog, resolveIssue } from "../connections/index.ts";
import {
  findOrderId,
  importOrder,
  importOrderPage,
  type PageOrder,
  type PageOrderResult,
} from "../orders/index.ts";
import { UNPAID_MAX_ATTEMPTS, UNPAID_RECHECK_MS } from "./defaults.ts";
import { isHistory } from "./history.ts";
import type { RunRecorder } from "./runs.ts";

export type OrderOutcome = "imported" | "updated" | "unchanged" | "parked" | "skipped" | "failed";

/** How one order comes in: its feed, its run, and (for a backfill) where history ends (history.ts). */
export type ChannelOrderOptions = { feedKind: string; recorder?: RunRecorder; historyBefore?: Date };

/**
 * Brings one channel order into the hub (from a feed page, a webhook or a retry): only paid ones
 * are imported (R-SYNC-4), unpaid ones wait as `retry` issues rechecked hourly, cancelled ones that
 * never came in are noted as `info`, and unknown SKUs are `error`s for a person.
 */
export async function processChannelOrder(
  ctx: AppContext,
  connection: Connection,
  order: ChannelOrder,
  options: ChannelOrderOptions,
): Promise<OrderOutcome> {
  const { recorder, historyBefore } = options;
  const subject = {
    accountId: connection.accountId,
    connectionId: connection.id,
    feedKind: options.feedKind,
    subjectType: "order",
    subjectId: order.platformOrderId,
  };
  const runId = recorder?.run.id;
  const label = `order ${order.orderNumber}`;

  const skus = order.lines.map((l) => l.sku?.trim() ?? "");
  const known = await productsBySku(ctx.db, connection.accountId, skus.filter(Boolean));
  const missing = [...new Set(skus.filter((s) => !known.has(s)))];
  if (!order.paid && !order.cancelled) {
    const existing = await importIfKnown(ctx, connection, order, missing.length === 0, historyBefore);
    if (existing) return existing;
    await raiseIssue(ctx.db, {
      ...subject,
      severity: "retry",
      code: "unpaid",
      message: `${label} is not paid yet; checking again hourly`,
      delayMs: UNPAID_RECHECK_MS,
      maxAttempts: UNPAID_MAX_ATTEMPTS,
      ...(runId ? { runId } : {}),
    });
    recorder?.count("skipped");
    await recorder?.message("retry", "unpaid", `${label} is not paid yet; parked`, order.platformOrderId);
    return "parked";
  }
  if (
    order.cancelled &&
    !(await findOrderId(ctx.db, connection.accountId, connection.id, order.platformOrderId))
  ) {
    await resolveIssue(
      ctx.db,
      connection.id,
      "order",
      order.platformOrderId,
      "cancelled before it was paid or imported",
    );
    recorder?.count("skipped");
    await recorder?.message(
      "info",
      "cancelled",
      `${label} was cancelled before it was imported; nothing to do`,
      order.platformOrderId,
    );
    return "skipped";
  }
  if (missing.length > 0) {
    const names = missing.map((s) => (s === "" ? "(no SKU)" : `"${s}"`)).join(", ");
    const message = `${label} has SKU ${names} on ${connection.name} that matches no product in the hub`;
    await raiseIssue(ctx.db, {
      ...subject,
      severity: "error",
      code: "unknown_sku",
      message,
      ...(runId ? { runId } : {}),
    });
    await recordSyncLog(
      ctx.db,
      missing.filter(Boolean).map((sku) => ({
        accountId: connection.accountId,
        connectionId: connection.id,
        sku,
        direction: "pull" as const,
        quantity: null,
        result: "failed" as const,
        severity: "error" as const,
        reason: `SKU on ${connection.name} matches no product (${label})`,
      })),
    );
    recorder?.count("failed");
    await recorder?.message("error", "unknown_sku", message, order.platformOrderId);
    return "failed";
  }
  const [result] = await importOrderPage(
    ctx.db,
    connection.accountId,
    [toPageOrder(connection, order, historyBefore)],
    { historyBefore },
  );
  await resolveIssue(ctx.db, connection.id, "order", order.platformOrderId, resolutionOf(result!));
  return countImport(order, result!, options);
}

/** How an imported order's open issue is resolved. */
export const resolutionOf = (result: PageOrderResult) =>
  result.outcome === "created" ? "imported" : "updated";

/**
 * The run's counts and messages for an order its page imported (its channel shipment and refunds
 * with it); the caller resolves its open issue.
 */
export async function countImport(
  order: ChannelOrder,
  result: PageOrderResult,
  options: Omit<ChannelOrderOptions, "feedKind">,
): Promise<OrderOutcome> {
  const { recorder } = options;
  const label = `order ${order.orderNumber}`;
  for (const refund of result.refunds) {
    if (refund.error) {
      await recorder?.message(
        "error",
        refund.error.code,
        `refund ${refund.platformRefundId} of ${label}: ${refund.error.message}`,
        order.platformOrderId,
      );
    } else if (refund.historical && !refund.replayed) recorder?.count("historicalRefunds");
  }
  if (result.outcome === "created") {
    recorder?.count("new");
    recorder?.count("imported");
    if (isHistory(order.placedAt, options.historyBefore)) recorder?.count("historical");
    return "imported";
  }
  if (result.outcome === "updated") {
    recorder?.count("updated");
    return "updated";
  }
  recorder?.count("skipped");
  return "unchanged";
}

/**
 * The order with what the channel did to it: shipped (the channel's shipment has no date of its
 * own here; the order's last update is the latest it can be) and refunded, one refund line per
 * SKU, a unit counting as restocked only if every part of it was.
 */
export function toPageOrder(
  connection: Connection,
  order: ChannelOrder,
  historyBefore: Date | undefined,
): PageOrder {
  const refunds = order.refunds.map((refund) => {
    const bySku = new Map<string, { sku: string; quantity: number; restock: boolean }>();
    for (const l of refund.lines) {
      const sku = l.sku?.trim();
      if (!sku || l.quantity <= 0) continue;
      const prev = bySku.get(sku);
      bySku.set(sku, {
        sku,
        quantity: (prev?.quantity ?? 0) + l.quantity,
        restock: (prev?.restock ?? true) && l.restock,
      });
    }
    return {
      platformRefundId: refund.platformRefundId,
      currency: refund.currency,
      amountMinor: refund.amountMinor,
      refundedAt: refund.createdAt,
      ...(refund.note ? { reason: refund.note } : {}),
      lines: [...bySku.values()],
      historical: isHistory(refund.createdAt, historyBefore),
    };
  });
  return {
    input: toOrderInput(connection, order),
    ...(order.fulfillmentStatus === "fulfilled"
      ? {
          shipped: {
            platformShipmentId: `channel:${order.platformOrderId}`,
            historical: isHistory(order.updatedAt, historyBefore),
          },
        }
      : {}),
    refunds,
  };
}

/** An unpaid order already in the hub (it was paid once, or imported by hand) still gets status updates. */
async function importIfKnown(
  ctx: AppContext,
  connection: Connection,
  order: ChannelOrder,
  skusKnown: boolean,
  historyBefore: Date | undefined,
): Promise<OrderOutcome | undefined> {
  if (!skusKnown) return undefined;
  const existing = await findOrderId(ctx.db, connection.accountId, connection.id, order.platformOrderId);
  if (!existing) return undefined;
  const result = await importOrder(ctx.db, connection.accountId, toOrderInput(connection, order), {
    historyBefore,
  });
  return result.outcome === "updated" ? "updated" : "unchanged";
}

export function toOrderInput(connection: Connection, order: ChannelOrder) {
  const warehouseId = order.locationId
    ? connection.settings.locationWarehouses?.[order.locationId]
    : undefined;
  const a = order.shippingAddress;
  const customer = {
    ...(order.customer.name ? { name: order.customer.name } : {}),
    ...(order.customer.email ? { email: order.customer.email } : {}),
  };
  return {
    connectionId: connection.id,
    platformOrderId: order.platformOrderId,
    orderNumber: order.orderNumber,
    placedAt: order.placedAt,
    currency: order.currency,
    lines: order.lines.map((l) => ({
      sku: l.sku!.trim(),
      name: l.name,
      quantity: l.quantity,
      unitPriceMinor: l.unitPriceMinor,
      discountMinor: l.discountMinor,
      taxMinor: l.taxMinor,
      platformLineId: l.platformLineId,
    })),
    subtotalMinor: order.subtotalMinor,
    discountMinor: order.discountMinor,
    taxMinor: order.taxMinor,
    shippingMinor: order.shippingMinor,
    totalMinor: order.totalMinor,
    customer,
    ...(a
      ? {
          shippingAddress: Object.fromEntries(
            Object.entries({
              name: a.name,
              line1: a.line1,
              line2: a.line2,
              city: a.city,
              state: a.state,
              postalCode: a.postalCode,
              country: a.country?.slice(0, 2),
            }).filter(([, v]) => v),
          ),
        }
      : {}),
    ...(order.financialStatus ? { financialStatus: order.financialStatus } : {}),
    ...(order.fulfillmentStatus ? { channelStatus: order.fulfillmentStatus } : {}),
    cancelled: order.cancelled,
    platformUpdatedAt: order.updatedAt,
    ...(warehouseId ? { warehouseId } : {}),
  };
}
