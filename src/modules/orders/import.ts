import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { inTransaction } from "../../db/tx.ts";
import { AppError } from "../../lib/errors.ts";
import { productsBySku } from "../catalog/products.ts";
import { appendEvents } from "../events/events.ts";
import { reserve } from "../inventory/order-stock.ts";
import { resolveWarehouse } from "../inventory/warehouses.ts";
import { cancelInTx } from "./cancel.ts";
import type { OrderInput } from "./order-input.ts";
import { orderLines, orders } from "./schema.ts";

export type ImportOutcome = "created" | "updated" | "unchanged" | "stale";
export type ImportOrderResult = { orderId: string; outcome: ImportOutcome; backordered: boolean };

const NO_CONNECTION = "00000000-0000-0000-0000-000000000000";

/**
 * Imports a channel order once per (connection, platform order id). The first import stores lines
 * and reserves stock; later imports update statuses only — lines and addresses are never rewritten
 * — and an update older than what is stored (a late, out-of-order delivery) changes nothing.
 */
export async function importOrder(db: Db, accountId: string, input: OrderInput): Promise<ImportOrderResult> {
  return inTransaction(db, async (tx) => {
    // Serialise imports of the same order (webhook and schedule racing) before looking it up.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`${accountId}:${input.connectionId ?? ""}:${input.platformOrderId}`}))`,
    );
    const [existing] = await tx
      .select()
      .from(orders)
      .where(
        and(
          eq(orders.accountId, accountId),
          sql`coalesce(${orders.connectionId}, ${NO_CONNECTION}::uuid) = ${input.connectionId ?? NO_CONNECTION}::uuid`,
          eq(orders.platformOrderId, input.platformOrderId),
        ),
      )
      .for("update");
    if (existing) return updateExisting(tx, existing, input);
    return createOrder(tx, accountId, input);
  });
}

async function updateExisting(
  tx: Db,
  existing: typeof orders.$inferSelect,
  input: OrderInput,
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
  if (cancel) await cancelInTx(tx, existing, "channel");
  if (changed && !cancel) {
    await appendEvents(tx, [
      {
        accountId: existing.accountId,
        type: "order.status_changed",
        subject: existing.id,
        payload: {
          orderId: existing.id,
          status: existing.status,
          channelStatus,
          financialStatus,
          connectionId: existing.connectionId,
        },
      },
    ]);
  }
  return { ...base, outcome: changed ? "updated" : "unchanged" };
}

async function createOrder(tx: Db, accountId: string, input: OrderInput): Promise<ImportOrderResult> {
  const found = await productsBySku(
    tx,
    accountId,
    input.lines.map((l) => l.sku),
  );
  const unknown = [...new Set(input.lines.map((l) => l.sku).filter((sku) => !found.has(sku)))];
  if (unknown.length > 0) {
    throw new AppError(
      "unexpected_state",
      "unknown_sku",
      `no product in the hub has SKU ${unknown.map((s) => `"${s}"`).join(", ")}`,
      { skus: unknown },
    );
  }
  const warehouse = await resolveWarehouse(tx, accountId, input.warehouseId);
  const subtotal = input.subtotalMinor ?? input.lines.reduce((n, l) => n + l.quantity * l.unitPriceMinor, 0);
  const discount = input.discountMinor ?? input.lines.reduce((n, l) => n + (l.discountMinor ?? 0), 0);
  const tax = input.taxMinor ?? input.lines.reduce((n, l) => n + (l.taxMinor ?? 0), 0);
  const shipping = input.shippingMinor ?? 0;
  const a = input.shippingAddress;
  const [order] = await tx
    .insert(orders)
    .values({
      accountId,
      connectionId: input.connectionId ?? null,
      platformOrderId: input.platformOrderId,
      orderNumber: input.orderNumber ?? input.platformOrderId,
      placedAt: input.placedAt,
      currency: input.currency,
      subtotalMinor: subtotal,
      discountMinor: discount,
      taxMinor: tax,
      shippingMinor: shipping,
      totalMinor: input.totalMinor ?? subtotal - discount + tax + shipping,
      customerName: input.customer?.name ?? null,
      customerEmail: input.customer?.email ?? null,
      shipName: a?.name ?? null,
      shipLine1: a?.line1 ?? null,
      shipLine2: a?.line2 ?? null,
      shipCity: a?.city ?? null,
      shipState: a?.state ?? null,
      shipPostalCode: a?.postalCode ?? null,
      shipCountry: a?.country?.toUpperCase() ?? null,
      channelStatus: input.channelStatus ?? null,
      financialStatus: input.financialStatus ?? null,
      status: input.cancelled ? "cancelled" : "pending",
      warehouseId: warehouse.id,
      platformUpdatedAt: input.platformUpdatedAt ?? null,
    })
    .returning();
  let backordered = false;
  for (const [i, line] of input.lines.entries()) {
    const product = found.get(line.sku)!;
    const held = input.cancelled
      ? { reserved: 0, backordered: 0 }
      : await reserve(
          tx,
          {
            accountId,
            productId: product.id,
            sku: product.sku,
            allowBackorder: product.allowBackorder,
            warehouseId: warehouse.id,
          },
          line.quantity,
          { key: `order:${order!.id}:${i}:reserve`, referenceType: "order", referenceId: order!.id },
        );
    backordered ||= held.backordered > 0;
    await tx.insert(orderLines).values({
      accountId,
      orderId: order!.id,
      lineNo: i,
      productId: product.id,
      sku: product.sku,
      name: line.name ?? product.name,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      discountMinor: line.discountMinor ?? 0,
      taxMinor: line.taxMinor ?? 0,
      reservedQty: held.reserved,
      backorderedQty: held.backordered,
      cancelledQty: input.cancelled ? line.quantity : 0,
      platformLineId: line.platformLineId ?? null,
    });
  }
  if (backordered) await tx.update(orders).set({ backordered: true }).where(eq(orders.id, order!.id));
  const payload = {
    orderId: order!.id,
    orderNumber: order!.orderNumber,
    connectionId: order!.connectionId,
    totalMinor: order!.totalMinor,
    currency: order!.currency,
    placedAt: order!.placedAt.toISOString(),
    customerEmail: order!.customerEmail,
    lines: input.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
    backordered,
  };
  await appendEvents(tx, [
    { accountId, type: "order.imported", subject: order!.id, payload },
    ...(backordered ? [{ accountId, type: "order.backordered", subject: order!.id, payload }] : []),
  ]);
  return { orderId: order!.id, outcome: "created", backordered };
}
