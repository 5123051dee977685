import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { chunks } from "../../db/sql.ts";
import { notFound } from "../../lib/errors.ts";
import { listings, products } from "./schema.ts";

export type Product = typeof products.$inferSelect;

export async function getProductBySku(db: Db, accountId: string, sku: string): Promise<Product> {
  const [row] = await db
    .select()
    .from(products)
    .where(and(eq(products.accountId, accountId), eq(products.sku, sku.trim())));
  if (!row) throw notFound("product");
  return row;
}

export async function getProductById(db: Db, accountId: string, id: string): Promise<Product> {
  const [row] = await db
    .select()
    .from(products)
    .where(and(eq(products.accountId, accountId), eq(products.id, id)));
  if (!row) throw notFound("product");
  return row;
}

/** Products for a set of SKUs; missing SKUs are simply absent from the map. */
export async function productsBySku(
  db: Db,
  accountId: string,
  skus: string[],
): Promise<Map<string, Product>> {
  const unique = [...new Set(skus)];
  const out = new Map<string, Product>();
  for (const chunk of chunks(unique, 1000)) {
    const rows = await db
      .select()
      .from(products)
      .where(and(eq(products.accountId, accountId), inArray(products.sku, chunk)));
    for (const r of rows) out.set(r.sku, r);
  }
  return out;
}

export async function listingsOfProduct(db: Db, accountId: string, productId: string) {
  return db
    .select()
    .from(listings)
    .where(and(eq(listings.accountId, accountId), eq(listings.productId, productId)));
}

export type ProductSettings = {
  leadTimeDays?: number | null;
  lowStockThreshold?: number | null;
  allowBackorder?: boolean;
  archived?: boolean;
};

/** The hub-side settings of a product; names, prices and SKUs come from imports only. */
export async function updateProductSettings(
  db: Db,
  accountId: string,
  sku: string,
  settings: ProductSettings,
): Promise<Product> {
  const product = await getProductBySku(db, accountId, sku);
  const [row] = await db
    .update(products)
    .set({ ...settings, updatedAt: new Date() })
    .where(eq(products.id, product.id))
    .returning();
  return row!;
}

/** Whether each product may be sold beyond what is available. */
export async function backorderPolicy(
  db: Db,
  accountId: string,
  productIds: string[],
): Promise<Map<string, boolean>> {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .select({ id: products.id, allowBackorder: products.allowBackorder })
    .from(products)
    .where(and(eq(products.accountId, accountId), inArray(products.id, [...new Set(productIds)])));
  return new Map(rows.map((r) => [r.id, r.allowBackorder]));
}
