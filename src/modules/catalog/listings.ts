import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { analyzeIfGrown } from "../../db/analyze.ts";
import type { Db } from "../../db/engine.ts";
import { chunks, pgArray } from "../../db/sql.ts";
import { listings, products } from "./schema.ts";

export type Listing = typeof listings.$inferSelect;
export type ListingInput = {
  productId: string;
  platformProductId: string | null;
  platformVariantId: string | null;
  inventoryItemId: string | null;
  locationId: string | null;
};

/** Links products to a connection with the platform's ids; existing links get the new ids. */
export async function upsertListings(
  db: Db,
  accountId: string,
  connectionId: string,
  items: ListingInput[],
): Promise<void> {
  for (const chunk of chunks(items, 1000)) {
    await db
      .insert(listings)
      .values(chunk.map((l) => ({ ...l, accountId, connectionId })))
      .onConflictDoUpdate({
        target: [listings.connectionId, listings.productId],
        set: {
          platformProductId: sql.raw("excluded.platform_product_id"),
          platformVariantId: sql.raw("excluded.platform_variant_id"),
          inventoryItemId: sql.raw("excluded.inventory_item_id"),
          locationId: sql.raw("coalesce(excluded.location_id, listings.location_id)"),
          updatedAt: sql`now()`,
        },
      });
  }
}

export type ListingWithSku = Listing & { sku: string; allowBackorder: boolean };

/** A connection's listings (optionally only for some products), with each product's SKU. */
export async function listingsOfConnection(
  db: Db,
  connectionId: string,
  productIds?: string[],
): Promise<ListingWithSku[]> {
  if (productIds && productIds.length === 0) return [];
  return listingsWithSku(
    db,
    and(
      eq(listings.connectionId, connectionId),
      productIds ? inArray(listings.productId, productIds) : undefined,
    ),
  );
}

/** Listings joined to their products' SKU and backorder flag. */
async function listingsWithSku(db: Db, where: SQL | undefined): Promise<ListingWithSku[]> {
  const rows = await db
    .select({ l: listings, sku: products.sku, allowBackorder: products.allowBackorder })
    .from(listings)
    .innerJoin(products, eq(products.id, listings.productId))
    .where(where);
  return rows.map((r) => ({ ...r.l, sku: r.sku, allowBackorder: r.allowBackorder }));
}

/** Fresh statistics for the listings once they grew (before a drain confirms pushes against them). */
export async function analyzeListingsIfGrown(db: Db): Promise<void> {
  await analyzeIfGrown(db, ["listings", "products"]);
}

/**
 * Remembers what the hub last told the platform, for compare-and-set and echo detection. The
 * `product_id = any(…)` predicate lets the (connection, product) index find the rows whatever the
 * statistics say; the join alone over unnest() hashes the connection's listings without them.
 */
export async function markPushed(
  db: Db,
  connectionId: string,
  pushed: { productId: string; quantity: number }[],
  at = new Date(),
): Promise<void> {
  for (const chunk of chunks(pushed, 1000)) {
    await db.execute(sql`update listings l set last_pushed_quantity = p.quantity, last_pushed_at = ${at.toISOString()}::timestamptz
      from unnest(${pgArray(chunk.map((p) => p.productId))}::uuid[], ${pgArray(chunk.map((p) => p.quantity))}::int[]) as p(product_id, quantity)
      where l.connection_id = ${connectionId} and l.product_id = p.product_id
        and l.product_id = any(${pgArray(chunk.map((p) => p.productId))}::uuid[])`);
  }
}

/** The platform showed a different quantity than the hub last pushed (someone changed it there). */
export async function notePlatformQuantity(
  db: Db,
  connectionId: string,
  productId: string,
  quantity: number,
): Promise<void> {
  await db
    .update(listings)
    .set({ lastPushedQuantity: quantity })
    .where(and(eq(listings.connectionId, connectionId), eq(listings.productId, productId)));
}

/** A connection's listings for some platform variant ids, keyed by variant id. */
export async function listingsByVariant(
  db: Db,
  connectionId: string,
  platformVariantIds: string[],
): Promise<Map<string, ListingWithSku>> {
  if (platformVariantIds.length === 0) return new Map();
  const rows = await listingsWithSku(
    db,
    and(eq(listings.connectionId, connectionId), inArray(listings.platformVariantId, platformVariantIds)),
  );
  return new Map(rows.map((l) => [l.platformVariantId!, l]));
}

export async function findListingByInventoryItem(
  db: Db,
  connectionId: string,
  inventoryItemId: string,
): Promise<ListingWithSku | undefined> {
  const [row] = await listingsWithSku(
    db,
    and(eq(listings.connectionId, connectionId), eq(listings.inventoryItemId, inventoryItemId)),
  );
  return row;
}
