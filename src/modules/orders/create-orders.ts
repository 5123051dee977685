import { randomUUID } from "node:crypto";
import type { Db } from "../../db/engine.ts";
import { chunks } from "../../db/sql.ts";
import { AppError } from "../../lib/errors.ts";
import { type Product, productsBySku } from "../catalog/index.ts";
import { appendEvents, type NewEvent } from "../events/index.ts";
import { levelKey, lockLevels, type MovementInput, resolveWarehouse } from "../inventory/index.ts";
import { countInDailySales } from "./daily-sales.ts";
import { orderBackordered, orderImported } from "./events.ts";
import { type OrderLine, openQty } from "./lines.ts";
import type { OrderInput } from "./order-input.ts";
import type { MovementQueue, PageOrder, PageOrderResult } from "./order-page.ts";
import { orderRow } from "./order-row.ts";
import { applyChannelRefunds, applyChannelShipment, type Effects } from "./page-effects.ts";
import { orderLines, orders, refundLines, refunds, shipmentLines, shipments } from "./schema.ts";

type OrderRow = typeof orders.$inferSelect;

/**
 * Creates a page's new orders with a fixed number of statements, whatever their number: rows are
 * built in memory in their final state — reserved, then shipped and refunded as the channel says —
 * and written with one multi-row insert per table. Reservations are computed in input order
 * against the locked levels, as if the orders had arrived one by one, and queued at once; each
 * order's shipment and refund movements are returned to be queued in page order (import.ts).
 * An order the channel already shipped takes one on-hand movement per line and no reservation.
 */
export async function createOrders(
  tx: Db,
  accountId: string,
  items: readonly PageOrder[],
  isHistorical: (input: OrderInput) => boolean,
  queue: MovementQueue,
): Promise<{ results: PageOrderResult[]; followUps: MovementInput[][] }> {
  const inputs = items.map((i) => i.input);
  const found = await knownProducts(tx, accountId, inputs);
  const warehouseIds = new Map<string, string>();
  for (const input of inputs) {
    const wanted = input.warehouseId ?? "";
    if (!warehouseIds.has(wanted))
      warehouseIds.set(wanted, (await resolveWarehouse(tx, accountId, input.warehouseId)).id);
  }
  const now = new Date();
  const rows: OrderRow[] = inputs.map((input) => ({
    id: randomUUID(),
    ...orderRow(accountId, input, warehouseIds.get(input.warehouseId ?? "")!),
    refundedMinor: 0,
    backordered: false,
    historical: isHistorical(input),
    createdAt: now,
    updatedAt: now,
  }));
  const ships = (i: number) => items[i]!.shipped !== undefined && !inputs[i]!.cancelled;

  const levels = await lockLevels(
    tx,
    accountId,
    rows.flatMap((o, i) =>
      inputs[i]!.lines.map((l) => ({ productId: found.get(l.sku)!.id, warehouseId: o.warehouseId })),
    ),
  );
  const lines: OrderLine[][] = rows.map((order, i) => {
    const input = inputs[i]!;
    return input.lines.map((line, n) => {
      const product = found.get(line.sku)!;
      const level = levels.get(levelKey({ productId: product.id, warehouseId: order.warehouseId }))!;
      const held = input.cancelled
        ? { reserved: 0, backordered: 0 }
        : reservation(product, line.quantity, level);
      // An order that shipped already is reserved here only on paper, so that the orders after it
      // reserve what they would have, had it been reserved and shipped in turn: its shipment
      // below takes the units from on-hand in one movement.
      if (held.reserved > 0 && !ships(i)) {
        queue.push({
          accountId,
          productId: product.id,
          sku: product.sku,
          warehouseId: order.warehouseId,
          onHandDelta: 0,
          reservedDelta: held.reserved,
          reason: "order",
          idempotencyKey: `order:${order.id}:${n}:reserve`,
          referenceType: "order",
          referenceId: order.id,
          allowBackorder: product.allowBackorder,
        });
      }
      if (held.backordered > 0) order.backordered = true;
      return {
        id: randomUUID(),
        accountId,
        orderId: order.id,
        lineNo: n,
        productId: product.id,
        sku: product.sku,
        name: line.name ?? product.name,
        quantity: line.quantity,
        unitPriceMinor: line.unitPriceMinor,
        discountMinor: line.discountMinor ?? 0,
        taxMinor: line.taxMinor ?? 0,
        reservedQty: held.reserved,
        backorderedQty: held.backordered,
        shippedQty: 0,
        refundedQty: 0,
        restockedQty: 0,
        cancelledQty: input.cancelled ? line.quantity : 0,
        platformLineId: line.platformLineId ?? null,
      };
    });
  });

  const effects: Effects = {
    shipments: [],
    shipmentLines: [],
    refunds: [],
    refundLines: [],
    events: [],
    movements: [],
  };
  // Made once the rows are stored: a date the database cannot hold is refused there (400
  // value_out_of_range), before an event payload's own check could turn it into a 500.
  const orderEvents: (() => NewEvent[])[] = [];
  const followUps: MovementInput[][] = [];
  const results = rows.map((order, i): PageOrderResult => {
    const payload = {
      orderId: order.id,
      orderNumber: order.orderNumber,
      connectionId: order.connectionId,
      totalMinor: order.totalMinor,
      currency: order.currency,
      placedAt: order.placedAt.toISOString(),
      customerEmail: order.customerEmail,
      lines: inputs[i]!.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      backordered: order.backordered,
      ...(order.historical ? { historical: true } : {}),
    };
    orderEvents.push(() => [
      orderImported.of({ accountId, subject: order.id, payload }),
      ...(order.backordered ? [orderBackordered.of({ accountId, subject: order.id, payload })] : []),
    ]);
    effects.movements = [];
    const shipment = items[i]!.shipped;
    if (shipment && ships(i) && lines[i]!.some((l) => openQty(l) > 0)) {
      applyChannelShipment(order, lines[i]!, found, shipment, effects);
    }
    const refunds = applyChannelRefunds(order, lines[i]!, found, items[i]!.refunds ?? [], effects);
    followUps.push(effects.movements);
    return { orderId: order.id, outcome: "created", backordered: order.backordered, refunds };
  });

  for (const chunk of chunks(rows, 500)) await tx.insert(orders).values(chunk);
  for (const chunk of chunks(lines.flat(), 1000)) await tx.insert(orderLines).values(chunk);
  for (const chunk of chunks(effects.shipments, 1000)) await tx.insert(shipments).values(chunk);
  for (const chunk of chunks(effects.shipmentLines, 1000)) await tx.insert(shipmentLines).values(chunk);
  for (const chunk of chunks(effects.refunds, 1000)) await tx.insert(refunds).values(chunk);
  for (const chunk of chunks(effects.refundLines, 1000)) await tx.insert(refundLines).values(chunk);
  await countInDailySales(
    tx,
    rows.map((o) => o.id),
    1,
  );
  await appendEvents(tx, [...orderEvents.flatMap((make) => make()), ...effects.events]);
  return { results, followUps };
}

/** The products of the inputs' SKUs; one unknown SKU refuses them all. */
async function knownProducts(tx: Db, accountId: string, inputs: readonly OrderInput[]) {
  const skus = inputs.flatMap((i) => i.lines.map((l) => l.sku));
  const found = await productsBySku(tx, accountId, skus);
  const unknown = [...new Set(skus.filter((sku) => !found.has(sku)))];
  if (unknown.length > 0) {
    throw new AppError(
      "unexpected_state",
      "unknown_sku",
      `no product in the hub has SKU ${unknown.map((s) => `"${s}"`).join(", ")}`,
      { skus: unknown },
    );
  }
  return found;
}

/** All of it when the product allows backorders; otherwise what is available, the rest backordered. */
function reservation(product: Product, quantity: number, level: { onHand: number; reserved: number }) {
  const available = Math.max(0, level.onHand - level.reserved);
  const reserved = product.allowBackorder ? quantity : Math.min(quantity, available);
  level.reserved += reserved;
  return { reserved, backordered: quantity - reserved };
}
