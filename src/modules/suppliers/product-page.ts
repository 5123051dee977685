import type { Db } from "../../db/engine.ts";
import { linksOfProducts } from "./links.ts";
import { onOrderOfProducts } from "./purchase-orders.ts";
import { supplierStockOfProducts } from "./supplier-stock.ts";
import { suppliersById } from "./suppliers.ts";
import { decimalOf } from "./views.ts";

/**
 * What the product page shows of suppliers: each supplier's stock (`supplierStock`, kept apart from
 * the warehouses' on-hand), the product's links with their terms, and the units on sent purchase
 * orders not yet received (`onOrder`).
 */
export async function supplierPartOfProductPage(db: Db, accountId: string, productId: string) {
  const [stock, links, onOrder] = await Promise.all([
    supplierStockOfProducts(db, accountId, [productId]),
    linksOfProducts(db, accountId, [productId]),
    onOrderOfProducts(db, accountId, [productId]),
  ]);
  const suppliers = await suppliersById(
    db,
    accountId,
    links.map((l) => l.supplierId),
  );
  return {
    supplierStock: stock.map((r) => ({
      supplierId: r.supplierId,
      supplier: r.supplier,
      quantity: r.quantity,
      cost: decimalOf(r.costMinor, r.currency),
      currency: r.currency,
      reportedAt: r.reportedAt.toISOString(),
    })),
    supplierLinks: links.map((l) => {
      const supplier = suppliers.get(l.supplierId);
      return {
        id: l.id,
        supplierId: l.supplierId,
        supplier: supplier?.name ?? null,
        supplierSku: l.supplierSku,
        cost: supplier ? decimalOf(l.costMinor, supplier.currency) : null,
        leadTimeDays: l.leadTimeDays ?? supplier?.defaultLeadTimeDays ?? null,
        minOrderQuantity: l.minOrderQuantity,
        orderMultiple: l.orderMultiple,
        preferred: l.preferred,
        origin: l.origin,
      };
    }),
    onOrder: onOrder.get(productId) ?? 0,
  };
}
