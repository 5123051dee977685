import { and, asc, desc, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { chunks, pgArray } from "../../db/sql.ts";
import { inTransaction } from "../../db/tx.ts";
import { AppError, invalid, notFound } from "../../lib/errors.ts";
import { type PurchaseOrderStatus, purchaseOrderLines, purchaseOrders, purchaseReceipts } from "./schema.ts";

export type PurchaseOrder = typeof purchaseOrders.$inferSelect;
export type PurchaseOrderLine = typeof purchaseOrderLines.$inferSelect;
export type PurchaseReceipt = typeof purchaseReceipts.$inferSelect;
export type PurchaseOrderWithLines = PurchaseOrder & {
  lines: PurchaseOrderLine[];
  receipts: PurchaseReceipt[];
};

export type DraftLine = {
  productId: string;
  supplierSku: string | null;
  quantity: number;
  costMinor: number | null;
};

/** Statuses whose open quantities are on their way: the supplier has the order, not all of it arrived. */
export const OPEN_STATUSES = ["sent", "partially_received"] as const satisfies readonly PurchaseOrderStatus[];

export async function createPurchaseOrder(
  db: Db,
  accountId: string,
  draft: { supplierId: string; currency: string; note?: string | null | undefined; lines: DraftLine[] },
): Promise<PurchaseOrderWithLines> {
  const products = draft.lines.map((l) => l.productId);
  if (draft.lines.length === 0)
    throw invalid("purchase_order_empty", "a purchase order needs at least one line");
  if (new Set(products).size !== products.length)
    throw invalid("purchase_order_line_repeated", "a product appears on two lines of the purchase order");
  return inTransaction(db, async (tx) => {
    const [order] = await tx
      .insert(purchaseOrders)
      .values({ accountId, supplierId: draft.supplierId, currency: draft.currency, note: draft.note ?? null })
      .returning();
    const lines = await tx
      .insert(purchaseOrderLines)
      .values(draft.lines.map((l) => ({ ...l, accountId, purchaseOrderId: order!.id })))
      .returning();
    return { ...order!, lines, receipts: [] };
  });
}

/** One of the account's purchase orders with its lines and receipts; another account's is not found. */
export async function getPurchaseOrder(
  db: Db,
  accountId: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<PurchaseOrderWithLines> {
  const query = db
    .select()
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.accountId, accountId), eq(purchaseOrders.id, id)));
  const [order] = opts.lock ? await query.for("update") : await query;
  if (!order) throw notFound("purchase_order");
  const [lines, receipts] = await Promise.all([
    db
      .select()
      .from(purchaseOrderLines)
      .where(eq(purchaseOrderLines.purchaseOrderId, id))
      .orderBy(asc(purchaseOrderLines.id)),
    db
      .select()
      .from(purchaseReceipts)
      .where(eq(purchaseReceipts.purchaseOrderId, id))
      .orderBy(asc(purchaseReceipts.receivedAt), asc(purchaseReceipts.id)),
  ]);
  return { ...order, lines, receipts };
}

/** Newest first, keyset by (created at, id); each with its lines. */
export async function listPurchaseOrders(
  db: Db,
  accountId: string,
  q: {
    limit: number;
    after?: { v: string; id: string } | undefined;
    status?: PurchaseOrderStatus | undefined;
  },
): Promise<(PurchaseOrder & { lines: PurchaseOrderLine[] })[]> {
  const after = q.after;
  const orders = await db
    .select()
    .from(purchaseOrders)
    .where(
      and(
        eq(purchaseOrders.accountId, accountId),
        q.status ? eq(purchaseOrders.status, q.status) : undefined,
        after
          ? or(
              lt(purchaseOrders.createdAt, new Date(after.v)),
              and(eq(purchaseOrders.createdAt, new Date(after.v)), lt(purchaseOrders.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(purchaseOrders.createdAt), desc(purchaseOrders.id))
    .limit(q.limit + 1);
  if (orders.length === 0) return [];
  const lines = await db
    .select()
    .from(purchaseOrderLines)
    .where(
      inArray(
        purchaseOrderLines.purchaseOrderId,
        orders.map((o) => o.id),
      ),
    )
    .orderBy(asc(purchaseOrderLines.id));
  return orders.map((o) => ({ ...o, lines: lines.filter((l) => l.purchaseOrderId === o.id) }));
}

export async function setStatus(
  tx: Db,
  id: string,
  status: PurchaseOrderStatus,
  extra: { sentAt?: Date; emailedTo?: string | null } = {},
): Promise<void> {
  await tx
    .update(purchaseOrders)
    .set({ status, ...extra, updatedAt: new Date() })
    .where(eq(purchaseOrders.id, id));
}

export function wrongStatus(order: PurchaseOrder, action: string): AppError {
  return new AppError(
    "unexpected_state",
    "purchase_order_status",
    `a ${order.status.replace("_", " ")} purchase order cannot be ${action}`,
    { orderStatus: order.status },
  );
}

/** Cancels a draft or sent order; one that received anything is refused (422). */
export async function cancelPurchaseOrder(
  db: Db,
  accountId: string,
  id: string,
): Promise<PurchaseOrderWithLines> {
  return inTransaction(db, async (tx) => {
    const order = await getPurchaseOrder(tx, accountId, id, { lock: true });
    if (order.status !== "draft" && order.status !== "sent") throw wrongStatus(order, "cancelled");
    await setStatus(tx, id, "cancelled");
    return getPurchaseOrder(tx, accountId, id);
  });
}

/**
 * Units ordered and not yet received per product, over the account's sent and partly received
 * orders: what supply needs count as "on order" and the product page shows.
 */
export async function onOrderOfProducts(db: Db, accountId: string, productIds: string[]) {
  const out = new Map<string, number>();
  for (const ids of chunks([...new Set(productIds)], 5000)) {
    const rows = await db
      .select({
        productId: purchaseOrderLines.productId,
        open: sql<number>`sum(${purchaseOrderLines.quantity} - ${purchaseOrderLines.received})::int`,
      })
      .from(purchaseOrderLines)
      .innerJoin(purchaseOrders, eq(purchaseOrders.id, purchaseOrderLines.purchaseOrderId))
      .where(
        and(
          eq(purchaseOrderLines.accountId, accountId),
          sql`${purchaseOrderLines.productId} = any(${pgArray(ids)}::uuid[])`,
          inArray(purchaseOrders.status, [...OPEN_STATUSES]),
        ),
      )
      .groupBy(purchaseOrderLines.productId);
    for (const r of rows) if (Number(r.open) > 0) out.set(r.productId, Number(r.open));
  }
  return out;
}
