import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { inTransaction } from "../../db/tx.ts";
import { AppError } from "../../lib/errors.ts";
import { getProductById, getProductBySku, type Product } from "../catalog/index.ts";
import { appendEvents } from "../events/index.ts";
import { applyMovements, getWarehouse } from "../inventory/index.ts";
import { purchaseOrderReceived } from "./events.ts";
import { orderNumberOf } from "./purchase-order-email.ts";
import {
  getPurchaseOrder,
  type PurchaseOrderWithLines,
  type PurchaseReceipt,
  setStatus,
  wrongStatus,
} from "./purchase-orders.ts";
import { purchaseOrderLines, purchaseReceipts } from "./schema.ts";
import { getSupplier } from "./suppliers.ts";

export type ReceiptInput = {
  receiptKey: string;
  warehouseId: string;
  lines: { sku?: string | undefined; productId?: string | undefined; quantity: number }[];
};

export type ReceiptResult = {
  receipt: PurchaseReceipt;
  purchaseOrder: PurchaseOrderWithLines;
  replayed: boolean;
};

async function productOf(tx: Db, accountId: string, line: ReceiptInput["lines"][number]): Promise<Product> {
  if (line.productId) return getProductById(tx, accountId, line.productId);
  return getProductBySku(tx, accountId, line.sku!);
}

/**
 * Receives part or all of a sent order into a warehouse: each line's units become a
 * `purchase-receipt` movement in the ledger (so channels follow as for any movement) and count
 * against the line's open quantity. Keyed by the caller's receipt key: a replay finds the receipt
 * and answers it again, changing nothing. More than is still open on a line is refused (422) and
 * nothing is received. The order is locked for the whole receipt, so two receipts never both
 * take the last units.
 */
export async function receivePurchaseOrder(
  db: Db,
  accountId: string,
  purchaseOrderId: string,
  input: ReceiptInput,
): Promise<ReceiptResult> {
  return inTransaction(db, async (tx) => {
    const order = await getPurchaseOrder(tx, accountId, purchaseOrderId, { lock: true });
    const earlier = order.receipts.find((r) => r.receiptKey === input.receiptKey);
    if (earlier) return { receipt: earlier, purchaseOrder: order, replayed: true };
    const warehouse = await getWarehouse(tx, accountId, input.warehouseId);
    if (order.status !== "sent" && order.status !== "partially_received")
      throw wrongStatus(order, "received");

    const wanted = new Map<string, { product: Product; quantity: number }>();
    for (const line of input.lines) {
      const product = await productOf(tx, accountId, line);
      const seen = wanted.get(product.id);
      wanted.set(product.id, { product, quantity: (seen?.quantity ?? 0) + line.quantity });
    }
    for (const { product, quantity } of wanted.values()) {
      const line = order.lines.find((l) => l.productId === product.id);
      if (!line)
        throw new AppError(
          "unexpected_state",
          "product_not_on_order",
          `${product.sku} is not on this purchase order`,
          {
            sku: product.sku,
          },
        );
      const open = line.quantity - line.received;
      if (quantity > open)
        throw new AppError(
          "unexpected_state",
          "over_receipt",
          `${quantity} of ${product.sku} is more than the ${open} still open on this purchase order`,
          { sku: product.sku, open, quantity },
        );
    }

    const received = [...wanted.values()].map(({ product, quantity }) => ({
      productId: product.id,
      quantity,
    }));
    const [receipt] = await tx
      .insert(purchaseReceipts)
      .values({
        accountId,
        purchaseOrderId,
        receiptKey: input.receiptKey,
        warehouseId: warehouse.id,
        lines: received,
      })
      .returning();
    for (const { product, quantity } of wanted.values()) {
      const line = order.lines.find((l) => l.productId === product.id)!;
      await tx
        .update(purchaseOrderLines)
        .set({ received: line.received + quantity })
        .where(and(eq(purchaseOrderLines.id, line.id), eq(purchaseOrderLines.accountId, accountId)));
      line.received += quantity;
    }
    await applyMovements(
      tx,
      accountId,
      [...wanted.values()].map(({ product, quantity }) => ({
        accountId,
        productId: product.id,
        sku: product.sku,
        warehouseId: warehouse.id,
        onHandDelta: quantity,
        reservedDelta: 0,
        reason: "purchase-receipt" as const,
        idempotencyKey: `purchase-receipt:${receipt!.id}:${product.id}`,
        referenceType: "purchase_order",
        referenceId: purchaseOrderId,
        allowBackorder: product.allowBackorder,
      })),
    );

    const complete = order.lines.every((l) => l.received >= l.quantity);
    await setStatus(tx, purchaseOrderId, complete ? "received" : "partially_received");
    if (complete) {
      const supplier = await getSupplier(tx, accountId, order.supplierId);
      await appendEvents(tx, [
        purchaseOrderReceived.of({
          accountId,
          subject: purchaseOrderId,
          payload: {
            purchaseOrderId,
            number: orderNumberOf(purchaseOrderId),
            supplierId: supplier.id,
            supplier: supplier.name,
            lines: order.lines.length,
            units: order.lines.reduce((n, l) => n + l.quantity, 0),
            receipts: order.receipts.length + 1,
            warehouseId: warehouse.id,
          },
        }),
      ]);
    }
    return {
      receipt: receipt!,
      purchaseOrder: await getPurchaseOrder(tx, accountId, purchaseOrderId),
      replayed: false,
    };
  });
}
