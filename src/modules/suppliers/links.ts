import { and, asc, eq, gt, ne, or, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { chunks, isUniqueViolation, pgArray } from "../../db/sql.ts";
import { inTransaction } from "../../db/tx.ts";
import { conflict, notFound } from "../../lib/errors.ts";
import { type LinkOrigin, supplierLinks } from "./schema.ts";

export type SupplierLink = typeof supplierLinks.$inferSelect;

/** What a link says besides which supplier and product it joins; absent fields keep their value. */
export type LinkTerms = {
  costMinor?: number | null | undefined;
  leadTimeDays?: number | null | undefined;
  minOrderQuantity?: number | undefined;
  orderMultiple?: number | undefined;
  preferred?: boolean | undefined;
};

export type LinkRow = LinkTerms & { productId: string; supplierSku: string };

function takenError(error: unknown): unknown {
  if (isUniqueViolation(error, "supplier_links_supplier_id_supplier_sku_index"))
    return conflict(
      "supplier_sku_taken",
      "this supplier already links another product under that supplier SKU",
    );
  if (isUniqueViolation(error))
    return conflict("supplier_link_exists", "this supplier already has a link for that product");
  return error;
}

/** A product has at most one preferred supplier: choosing one unsets the others, in the same transaction. */
async function keepOnePreferred(tx: Db, accountId: string, productIds: string[], exceptSupplierId: string) {
  if (productIds.length === 0) return;
  await tx
    .update(supplierLinks)
    .set({ preferred: false, updatedAt: new Date() })
    .where(
      and(
        eq(supplierLinks.accountId, accountId),
        sql`${supplierLinks.productId} = any(${pgArray(productIds)}::uuid[])`,
        ne(supplierLinks.supplierId, exceptSupplierId),
        eq(supplierLinks.preferred, true),
      ),
    );
}

export async function createLink(
  db: Db,
  accountId: string,
  supplierId: string,
  row: LinkRow,
  origin: LinkOrigin = "manual",
): Promise<SupplierLink> {
  try {
    return await inTransaction(db, async (tx) => {
      if (row.preferred) await keepOnePreferred(tx, accountId, [row.productId], supplierId);
      const [link] = await tx
        .insert(supplierLinks)
        .values({
          accountId,
          supplierId,
          ...definedTerms(row),
          productId: row.productId,
          supplierSku: row.supplierSku,
          origin,
        })
        .returning();
      return link!;
    });
  } catch (error) {
    throw takenError(error);
  }
}

export async function updateLink(
  db: Db,
  accountId: string,
  id: string,
  changes: LinkTerms & { supplierSku?: string | undefined },
): Promise<SupplierLink> {
  try {
    return await inTransaction(db, async (tx) => {
      const current = await getLink(tx, accountId, id);
      if (changes.preferred) await keepOnePreferred(tx, accountId, [current.productId], current.supplierId);
      const [link] = await tx
        .update(supplierLinks)
        .set({
          ...definedTerms(changes),
          ...(changes.supplierSku ? { supplierSku: changes.supplierSku } : {}),
          // A merchant's edit makes an automatic link theirs.
          origin: current.origin === "automatic" ? "manual" : current.origin,
          updatedAt: new Date(),
        })
        .where(eq(supplierLinks.id, id))
        .returning();
      return link!;
    });
  } catch (error) {
    throw takenError(error);
  }
}

export async function deleteLink(db: Db, accountId: string, id: string): Promise<void> {
  const gone = await db
    .delete(supplierLinks)
    .where(and(eq(supplierLinks.accountId, accountId), eq(supplierLinks.id, id)))
    .returning({ id: supplierLinks.id });
  if (gone.length === 0) throw notFound("supplier_link");
}

export async function getLink(db: Db, accountId: string, id: string): Promise<SupplierLink> {
  const [row] = await db
    .select()
    .from(supplierLinks)
    .where(and(eq(supplierLinks.accountId, accountId), eq(supplierLinks.id, id)));
  if (!row) throw notFound("supplier_link");
  return row;
}

/** One page of a supplier's links by supplier SKU, then id; `limit + 1` rows. */
export async function listLinksOfSupplier(
  db: Db,
  accountId: string,
  supplierId: string,
  page: { limit: number; after?: { v: string; id: string } | undefined },
): Promise<SupplierLink[]> {
  const after = page.after;
  return db
    .select()
    .from(supplierLinks)
    .where(
      and(
        eq(supplierLinks.accountId, accountId),
        eq(supplierLinks.supplierId, supplierId),
        after
          ? or(
              gt(supplierLinks.supplierSku, after.v),
              and(eq(supplierLinks.supplierSku, after.v), gt(supplierLinks.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(asc(supplierLinks.supplierSku), asc(supplierLinks.id))
    .limit(page.limit + 1);
}

/** Every link of the given products (any supplier), for planners and the product page. */
export async function linksOfProducts(
  db: Db,
  accountId: string,
  productIds: string[],
): Promise<SupplierLink[]> {
  const out: SupplierLink[] = [];
  for (const ids of chunks([...new Set(productIds)], 5000)) {
    out.push(
      ...(await db
        .select()
        .from(supplierLinks)
        .where(
          and(
            eq(supplierLinks.accountId, accountId),
            sql`${supplierLinks.productId} = any(${pgArray(ids)}::uuid[])`,
          ),
        )),
    );
  }
  return out;
}

/** A supplier's links keyed by supplier SKU, for the given SKUs only. */
export async function linksBySupplierSku(
  db: Db,
  accountId: string,
  supplierId: string,
  supplierSkus: string[],
): Promise<Map<string, SupplierLink>> {
  const out = new Map<string, SupplierLink>();
  for (const skus of chunks([...new Set(supplierSkus)], 5000)) {
    const rows = await db
      .select()
      .from(supplierLinks)
      .where(
        and(
          eq(supplierLinks.accountId, accountId),
          eq(supplierLinks.supplierId, supplierId),
          sql`${supplierLinks.supplierSku} = any(${pgArray(skus)}::text[])`,
        ),
      );
    for (const r of rows) out.set(r.supplierSku, r);
  }
  return out;
}

/**
 * Inserts or updates a supplier's links by product (CSV import): one statement per 1,000 rows. A
 * row's terms replace the stored ones, except a cost or lead time it leaves empty.
 */
export async function upsertLinks(
  tx: Db,
  accountId: string,
  supplierId: string,
  rows: LinkRow[],
  origin: LinkOrigin,
): Promise<{ created: number; updated: number }> {
  let created = 0;
  try {
    for (const part of chunks(rows, 1000)) {
      const inserted = await tx
        .insert(supplierLinks)
        .values(
          part.map((r) => ({
            accountId,
            supplierId,
            origin,
            ...definedTerms(r),
            productId: r.productId,
            supplierSku: r.supplierSku,
          })),
        )
        .onConflictDoUpdate({
          target: [supplierLinks.supplierId, supplierLinks.productId],
          set: {
            supplierSku: sql`excluded.supplier_sku`,
            costMinor: sql`coalesce(excluded.cost_minor, ${supplierLinks.costMinor})`,
            leadTimeDays: sql`coalesce(excluded.lead_time_days, ${supplierLinks.leadTimeDays})`,
            minOrderQuantity: sql`excluded.min_order_quantity`,
            orderMultiple: sql`excluded.order_multiple`,
            preferred: sql`excluded.preferred`,
            updatedAt: new Date(),
          },
        })
        .returning({ inserted: sql<boolean>`xmax = 0` });
      created += inserted.filter((r) => r.inserted).length;
    }
    const preferred = rows.filter((r) => r.preferred).map((r) => r.productId);
    await keepOnePreferred(tx, accountId, preferred, supplierId);
  } catch (error) {
    throw takenError(error);
  }
  return { created, updated: rows.length - created };
}

function definedTerms(t: LinkTerms) {
  return Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) as LinkTerms;
}

/**
 * Links a supplier's SKUs that equal hub SKUs (origin `automatic`, which the merchant can undo);
 * a product the supplier already links under another SKU keeps that link. Returns the links made.
 */
export async function insertAutomaticLinks(
  tx: Db,
  accountId: string,
  supplierId: string,
  rows: LinkRow[],
): Promise<SupplierLink[]> {
  const out: SupplierLink[] = [];
  for (const part of chunks(rows, 1000)) {
    out.push(
      ...(await tx
        .insert(supplierLinks)
        .values(
          part.map((r) => ({
            accountId,
            supplierId,
            origin: "automatic" as const,
            ...definedTerms(r),
            productId: r.productId,
            supplierSku: r.supplierSku,
          })),
        )
        .onConflictDoNothing()
        .returning()),
    );
  }
  return out;
}
