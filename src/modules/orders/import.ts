import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { chunks, pgArray } from "../../db/sql.ts";
import { inTransaction } from "../../db/tx.ts";
import { AppError } from "../../lib/errors.ts";
import { type Product, productsBySku } from "../catalog/index.ts";
import { appendEvents } from "../events/index.ts";
import {
  applyMovements,
  levelKey,
  lockLevels,
  type MovementInput,
  resolveWarehouse,
} from "../inventory/index.ts";
import { cancelInTx } from "./cancel.ts";
import { analyzeSalesTables, countInDailySales } from "./daily-sales.ts";
import { orderBackordered, orderImported, orderStatusChanged } from "./events.ts";
import type { OrderInput } from "./order-input.ts";
import { orderLines, orders } from "./schema.ts";

export type ImportOutcome = "created" | "updated" | "unchanged" | "stale";
export type ImportOrderResult = { orderId: string; outcome: ImportOutcome; backordered: boolean };
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

/**
 * The same for many orders in one transaction with a fixed number of statements (backfills).
 * One order with an unknown SKU fails the whole batch; callers that must keep going import
 * one by one.
 */
export async function importOrders(
  db: Db,
  accountId: string,
  inputs: OrderInput[],
  options: ImportOptions = {},
): Promise<ImportOrderResult[]> {
  if (inputs.length === 0) return [];
  const before = (at: Date) => options.historyBefore !== undefined && at < options.historyBefore;
  const results = await inTransaction(db, async (tx) => {
    const keys = [...new Set(inputs.map((i) => keyOf(accountId, i)))].sort();
    // Serialise imports of the same order (webhook and schedule racing) before looking it up.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(k)) from unnest(${pgArray(keys)}::text[]) as k order by k`,
    );
    const existing = await findExisting(tx, accountId, inputs);
    const results: ImportOrderResult[] = new Array(inputs.length);
    const toCreate: { input: OrderInput; at: number }[] = [];
    const seen = new Set<string>();
    for (const [at, input] of inputs.entries()) {
      const k = keyOf(accountId, input);
      if (existing.has(k) || seen.has(k)) continue;
      seen.add(k);
      toCreate.push({ input, at });
    }
    if (toCreate.length > 0) {
      const created = await createOrders(
        tx,
        accountId,
        toCreate.map((c) => c.input),
        (input) => before(input.placedAt),
      );
      toCreate.forEach((c, i) => {
        results[c.at] = created[i]!;
      });
    }
    for (const [at, input] of inputs.entries()) {
      if (results[at]) continue;
      const current = (await findExisting(tx, accountId, [input])).get(keyOf(accountId, input))!;
      results[at] = await updateExisting(
        tx,
        current,
        input,
        before(input.platformUpdatedAt ?? input.placedAt),
      );
    }
    return results;
  });
  // A backfill's pages feed the reports that follow; a webhook's single order is not worth the check.
  if (inputs.length >= BULK_IMPORT) await analyzeSalesTables(db);
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

async function createOrders(
  tx: Db,
  accountId: string,
  inputs: OrderInput[],
  isHistorical: (input: OrderInput) => boolean,
): Promise<ImportOrderResult[]> {
  const found = await productsBySku(
    tx,
    accountId,
    inputs.flatMap((i) => i.lines.map((l) => l.sku)),
  );
  const unknown = [
    ...new Set(inputs.flatMap((i) => i.lines.map((l) => l.sku)).filter((sku) => !found.has(sku))),
  ];
  if (unknown.length > 0) {
    throw new AppError(
      "unexpected_state",
      "unknown_sku",
      `no product in the hub has SKU ${unknown.map((s) => `"${s}"`).join(", ")}`,
      { skus: unknown },
    );
  }
  const warehouseIds = new Map<string, string>();
  for (const input of inputs) {
    const wanted = input.warehouseId ?? "";
    if (!warehouseIds.has(wanted))
      warehouseIds.set(wanted, (await resolveWarehouse(tx, accountId, input.warehouseId)).id);
  }
  const inserted = await tx
    .insert(orders)
    .values(
      inputs.map((input) => ({
        ...orderRow(accountId, input, warehouseIds.get(input.warehouseId ?? "")!),
        historical: isHistorical(input),
      })),
    )
    .returning();

  // Reserve in input order against the locked levels, as if the orders had arrived one by one.
  const levels = await lockLevels(
    tx,
    accountId,
    inserted.flatMap((o, i) =>
      inputs[i]!.lines.map((l) => ({ productId: found.get(l.sku)!.id, warehouseId: o.warehouseId })),
    ),
  );
  const movements: MovementInput[] = [];
  const lineRows: (typeof orderLines.$inferInsert)[] = [];
  const backorderedOrders = new Set<string>();
  inserted.forEach((order, i) => {
    const input = inputs[i]!;
    input.lines.forEach((line, n) => {
      const product = found.get(line.sku)!;
      const held = input.cancelled
        ? { reserved: 0, backordered: 0 }
        : reservation(
            product,
            line.quantity,
            levels.get(levelKey({ productId: product.id, warehouseId: order.warehouseId }))!,
          );
      if (held.reserved > 0) {
        movements.push({
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
      if (held.backordered > 0) backorderedOrders.add(order.id);
      lineRows.push({
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
        cancelledQty: input.cancelled ? line.quantity : 0,
        platformLineId: line.platformLineId ?? null,
      });
    });
  });
  await applyMovements(tx, accountId, movements);
  for (const chunk of chunks(lineRows, 1000)) await tx.insert(orderLines).values(chunk);
  await countInDailySales(
    tx,
    inserted.map((o) => o.id),
    1,
  );
  if (backorderedOrders.size > 0)
    await tx
      .update(orders)
      .set({ backordered: true })
      .where(inArray(orders.id, [...backorderedOrders]));

  const events = inserted.flatMap((order, i) => {
    const backordered = backorderedOrders.has(order.id);
    const payload = {
      orderId: order.id,
      orderNumber: order.orderNumber,
      connectionId: order.connectionId,
      totalMinor: order.totalMinor,
      currency: order.currency,
      placedAt: order.placedAt.toISOString(),
      customerEmail: order.customerEmail,
      lines: inputs[i]!.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
      backordered,
      ...(order.historical ? { historical: true } : {}),
    };
    return [
      orderImported.of({ accountId, subject: order.id, payload }),
      ...(backordered ? [orderBackordered.of({ accountId, subject: order.id, payload })] : []),
    ];
  });
  await appendEvents(tx, events);
  return inserted.map((o) => ({
    orderId: o.id,
    outcome: "created" as const,
    backordered: backorderedOrders.has(o.id),
  }));
}

/** All of it when the product allows backorders; otherwise what is available, the rest backordered. */
function reservation(product: Product, quantity: number, level: { onHand: number; reserved: number }) {
  const available = Math.max(0, level.onHand - level.reserved);
  const reserved = product.allowBackorder ? quantity : Math.min(quantity, available);
  level.reserved += reserved;
  return { reserved, backordered: quantity - reserved };
}

function orderRow(accountId: string, input: OrderInput, warehouseId: string): typeof orders.$inferInsert {
  const subtotal = input.subtotalMinor ?? input.lines.reduce((n, l) => n + l.quantity * l.unitPriceMinor, 0);
  const discount = input.discountMinor ?? input.lines.reduce((n, l) => n + (l.discountMinor ?? 0), 0);
  const tax = input.taxMinor ?? input.lines.reduce((n, l) => n + (l.taxMinor ?? 0), 0);
  const shipping = input.shippingMinor ?? 0;
  const a = input.shippingAddress;
  return {
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
    warehouseId,
    platformUpdatedAt: input.platformUpdatedAt ?? null,
  };
}
