import type { Db } from "../../db/engine.ts";
import { productSkus } from "../catalog/index.ts";
import { orderNumberOf } from "./purchase-order-email.ts";
import type { PurchaseOrder, PurchaseOrderLine, PurchaseReceipt } from "./purchase-orders.ts";
import { suppliersById } from "./suppliers.ts";
import type { SupplyNeedRow } from "./supply-needs.ts";
import { decimalOf } from "./views.ts";

type Order = PurchaseOrder & { lines: PurchaseOrderLine[]; receipts?: PurchaseReceipt[] };

/** Orders as the API shows them, with SKUs and supplier names read for all of them at once. */
export async function purchaseOrderViews(db: Db, accountId: string, orders: Order[]) {
  const productIds = orders.flatMap((o) => o.lines.map((l) => l.productId));
  const [skus, suppliers] = await Promise.all([
    productSkus(db, accountId, productIds),
    suppliersById(
      db,
      accountId,
      orders.map((o) => o.supplierId),
    ),
  ]);
  return orders.map((o) => ({
    id: o.id,
    number: orderNumberOf(o.id),
    supplierId: o.supplierId,
    supplier: suppliers.get(o.supplierId)?.name ?? null,
    status: o.status,
    currency: o.currency,
    note: o.note,
    sentAt: o.sentAt?.toISOString() ?? null,
    emailedTo: o.emailedTo,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    lines: o.lines.map((l) => ({
      id: l.id,
      productId: l.productId,
      sku: skus.get(l.productId) ?? null,
      supplierSku: l.supplierSku,
      quantity: l.quantity,
      received: l.received,
      open: o.status === "cancelled" ? 0 : l.quantity - l.received,
      cost: decimalOf(l.costMinor, o.currency),
    })),
    receipts: (o.receipts ?? []).map((r) => receiptView(r, skus)),
  }));
}

export function receiptView(r: PurchaseReceipt, skus: Map<string, string>) {
  return {
    id: r.id,
    receiptKey: r.receiptKey,
    warehouseId: r.warehouseId,
    lines: r.lines.map((l) => ({
      productId: l.productId,
      sku: skus.get(l.productId) ?? null,
      quantity: l.quantity,
    })),
    receivedAt: r.receivedAt.toISOString(),
  };
}

export async function purchaseOrderView(db: Db, accountId: string, order: Order) {
  return (await purchaseOrderViews(db, accountId, [order]))[0]!;
}

export function supplyNeedView(n: SupplyNeedRow) {
  return {
    productId: n.productId,
    sku: n.sku,
    supplierId: n.supplier.id,
    supplier: n.supplier.name,
    supplierSku: n.link.supplierSku,
    salesPerDay: Math.round(n.salesPerDay * 100) / 100,
    leadTimeDays: n.leadTimeDays,
    safetyDays: n.settings.safetyDays,
    reviewDays: n.settings.reviewDays,
    available: n.available,
    onOrder: n.onOrder,
    minOrderQuantity: n.link.minOrderQuantity,
    orderMultiple: n.link.orderMultiple,
    reorderPoint: n.reorderPoint,
    quantity: n.quantity,
    cost: decimalOf(n.link.costMinor, n.supplier.currency),
    currency: n.supplier.currency,
    explanation: n.explanation,
  };
}
