import type { ChannelOrder } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import { productsBySku } from "../catalog/index.ts";
import type { Connection } from "../connections/index.ts";
import { importOrders } from "../orders/index.ts";
import {
  type ChannelOrderOptions,
  followImport,
  processChannelOrder,
  toOrderInput,
} from "./channel-order.ts";
import type { RunRecorder } from "./runs.ts";

/**
 * A page of channel orders from a feed. Paid, uncancelled orders whose SKUs the hub knows are
 * imported together in one transaction (a 90-day backfill is mostly these); the rest, and the
 * whole page again one by one if that transaction fails, go through `processChannelOrder`, so a
 * bad order is reported on its own and never holds back the others.
 */
export async function processChannelOrderPage(
  ctx: AppContext,
  connection: Connection,
  orders: ChannelOrder[],
  options: ChannelOrderOptions & { recorder: RunRecorder },
): Promise<void> {
  const known = await productsBySku(
    ctx.db,
    connection.accountId,
    orders.flatMap((o) => o.lines.map((l) => l.sku?.trim() ?? "")).filter(Boolean),
  );
  const batchable = (o: ChannelOrder) =>
    o.paid && !o.cancelled && o.lines.every((l) => known.has(l.sku?.trim() ?? ""));
  const together = orders.filter(batchable);
  const alone = orders.filter((o) => !batchable(o));
  if (together.length > 1) {
    try {
      const results = await importOrders(
        ctx.db,
        connection.accountId,
        together.map((o) => toOrderInput(connection, o)),
        { historyBefore: options.historyBefore },
      );
      for (const [i, order] of together.entries()) {
        await guarded(options.recorder, order, () =>
          followImport(ctx, connection, order, results[i]!, options),
        );
      }
    } catch {
      alone.push(...together);
    }
  } else alone.push(...together);
  for (const order of alone) {
    await guarded(options.recorder, order, () => processChannelOrder(ctx, connection, order, options));
  }
}

async function guarded(recorder: RunRecorder, order: ChannelOrder, work: () => Promise<unknown>) {
  try {
    await work();
  } catch (error) {
    recorder.count("failed");
    await recorder.message(
      "error",
      "order_failed",
      `order ${order.orderNumber}: ${reasonOf(error)}`,
      order.platformOrderId,
    );
  }
}

/** The database's own words when a query failed (the driver's wrapper repeats the whole statement). */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
