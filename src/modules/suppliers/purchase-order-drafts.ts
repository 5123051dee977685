import type { Db } from "../../db/engine.ts";
import { inTransaction } from "../../db/tx.ts";
import { getProductById, getProductBySku, type Product } from "../catalog/index.ts";
import { linksOfProducts } from "./links.ts";
import { createPurchaseOrder, type PurchaseOrderWithLines } from "./purchase-orders.ts";
import { getSupplier } from "./suppliers.ts";
import { allPositiveNeeds, type NeedSettings, type NeedSources } from "./supply-needs.ts";

export type HandLine = {
  sku?: string | undefined;
  productId?: string | undefined;
  quantity: number;
  /** Minor units of the supplier's currency; else the link's cost. */
  costMinor?: number | null | undefined;
};

/**
 * A draft typed by the merchant: every product must be the account's (404 otherwise); a product
 * the supplier has a link for takes its supplier SKU and, unless given, its cost.
 */
export async function draftByHand(
  db: Db,
  accountId: string,
  input: { supplierId: string; note?: string | null | undefined; lines: HandLine[] },
): Promise<PurchaseOrderWithLines> {
  return inTransaction(db, async (tx) => {
    const supplier = await getSupplier(tx, accountId, input.supplierId);
    const products: Product[] = [];
    for (const l of input.lines)
      products.push(
        l.productId
          ? await getProductById(tx, accountId, l.productId)
          : await getProductBySku(tx, accountId, l.sku!),
      );
    const links = (
      await linksOfProducts(
        tx,
        accountId,
        products.map((p) => p.id),
      )
    ).filter((l) => l.supplierId === supplier.id);
    return createPurchaseOrder(tx, accountId, {
      supplierId: supplier.id,
      currency: supplier.currency,
      note: input.note,
      lines: input.lines.map((l, i) => {
        const link = links.find((k) => k.productId === products[i]!.id);
        return {
          productId: products[i]!.id,
          supplierSku: link?.supplierSku ?? null,
          quantity: l.quantity,
          costMinor: l.costMinor !== undefined ? l.costMinor : (link?.costMinor ?? null),
        };
      }),
    });
  });
}

/**
 * One draft per supplier from the current supply needs: each product with something to order goes
 * to the supplier its need was reckoned through (the preferred link), at that link's SKU and cost.
 * Nothing to order drafts nothing.
 */
export async function draftFromNeeds(
  src: NeedSources,
  accountId: string,
  settings: NeedSettings,
): Promise<PurchaseOrderWithLines[]> {
  const needs = await allPositiveNeeds(src, accountId, settings);
  const bySupplier = new Map<string, typeof needs>();
  for (const n of needs) bySupplier.set(n.supplier.id, [...(bySupplier.get(n.supplier.id) ?? []), n]);
  return inTransaction(src.db, async (tx) => {
    const drafted: PurchaseOrderWithLines[] = [];
    for (const group of bySupplier.values()) {
      const supplier = group[0]!.supplier;
      drafted.push(
        await createPurchaseOrder(tx, accountId, {
          supplierId: supplier.id,
          currency: supplier.currency,
          note: null,
          lines: group.map((n) => ({
            productId: n.productId,
            supplierSku: n.link.supplierSku,
            quantity: n.quantity,
            costMinor: n.link.costMinor,
          })),
        }),
      );
    }
    return drafted;
  });
}
