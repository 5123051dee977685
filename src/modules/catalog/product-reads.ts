import { and, asc, eq, gt, ilike, or, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { likePattern, pgArray } from "../../db/sql.ts";
import type { Product } from "./products.ts";
import { listings, products } from "./schema.ts";

/**
 * The catalogue's reads for other modules (inventory's product list, planning, notifications,
 * sync's stock pushes): set-based, so a reader combines them with its own tables in a fixed number
 * of queries, never one per product.
 */

/** Every account that has at least one product. */
export async function accountsWithProducts(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ accountId: products.accountId }).from(products);
  return rows.map((r) => r.accountId);
}

export type ProductPageQuery = {
  /** Part of the SKU or the name, or the whole barcode. */
  q?: string | undefined;
  sku?: string | undefined;
  archived?: boolean | undefined;
  /** Keyset: only SKUs after this one. */
  afterSku?: string | undefined;
  limit: number;
};

/** Products in SKU order, keyset-paged: at most `limit` of them. */
export async function productPage(db: Db, accountId: string, f: ProductPageQuery): Promise<Product[]> {
  const like = f.q ? likePattern(f.q) : undefined;
  const conditions: (SQL | undefined)[] = [
    eq(products.accountId, accountId),
    like && f.q
      ? or(ilike(products.sku, like), ilike(products.name, like), eq(products.barcode, f.q))
      : undefined,
    f.sku !== undefined ? eq(products.sku, f.sku) : undefined,
    f.archived !== undefined ? eq(products.archived, f.archived) : undefined,
    f.afterSku !== undefined ? gt(products.sku, f.afterSku) : undefined,
  ];
  return db
    .select()
    .from(products)
    .where(and(...conditions))
    .orderBy(asc(products.sku))
    .limit(f.limit);
}

/** SKU of each product id of the account; ids that are not its products are absent. */
export async function productSkus(
  db: Db,
  accountId: string,
  productIds: string[],
): Promise<Map<string, string>> {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .select({ id: products.id, sku: products.sku })
    .from(products)
    .where(and(eq(products.accountId, accountId), sql`${products.id} = any(${pgArray(productIds)}::uuid[])`));
  return new Map(rows.map((r) => [r.id, r.sku]));
}

export type ProductListing = { connectionId: string; productId: string; sku: string };

/** The listings of these products (one per connection that lists one), with the product's SKU. */
export async function listingsOfProducts(
  db: Db,
  accountId: string,
  productIds: string[],
  /** Only this connection's listings. */
  onlyConnectionId?: string,
): Promise<ProductListing[]> {
  if (productIds.length === 0) return [];
  return db
    .select({ connectionId: listings.connectionId, productId: listings.productId, sku: products.sku })
    .from(listings)
    .innerJoin(products, eq(products.id, listings.productId))
    .where(
      and(
        eq(listings.accountId, accountId),
        sql`${listings.productId} = any(${pgArray(productIds)}::uuid[])`,
        onlyConnectionId ? eq(listings.connectionId, onlyConnectionId) : undefined,
      ),
    );
}
