import type { ChannelOrder } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import { productsBySku } from "../catalog/index.ts";
import { type Connection, resolveIssues } from "../connections/index.ts";
import { importOrderPage } from "../orders/index.ts";
import {
  type ChannelOrderOptions,
  countImport,
  processChannelOrder,
  resolutionOf,
  toPageOrder,
} from "./channel-order.ts";
import type { RunRecorder } from "./runs.ts";

/**
 * A page of channel orders from a feed. Paid, uncancelled orders whose SKUs the hub knows are
 * imported together, with the channel's shipments and refunds, in one transaction of a fixed
 * number of statements (a 90-day backfill is mostly these), and their open issues resolved in
 * one statement per resolution; the rest, and the whole page again one by one if that
 * transaction fails, go through `processChannelOrder`, so a bad order is reported on its own and
 * never holds back the others.
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
      const results = await importOrderPage(
        ctx.db,
        connection.accountId,
        together.map((o) => toPageOrder(connection, o, options.historyBefore)),
        { historyBefore: options.historyBefore },
      );
      for (const resolution of ["imported", "updated"]) {
        const ids = together.filter((_, i) => resolutionOf(results[i]!) === resolution);
        await resolveIssues(
          ctx.db,
          connection.id,
          "order",
          ids.map((o) => o.platformOrderId),
          resolution,
        );
      }
      for (const [i, order] of together.entries()) {
        await guarded(options.recorder, order, () => countImport(order, results[i]!, options));
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
