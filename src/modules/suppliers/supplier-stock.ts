import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { chunks, pgArray } from "../../db/sql.ts";
import { supplierStock, suppliers } from "./schema.ts";

export type SupplierStockRow = { productId: string; quantity: number; costMinor?: number | null | undefined };

/**
 * Stores what a supplier reports it holds, one row per (supplier, product); a cost left out keeps
 * the stored one. Never touches the ledger: this is stock the merchant may sell, not hold.
 */
export async function recordSupplierStock(
  tx: Db,
  accountId: string,
  supplierId: string,
  rows: SupplierStockRow[],
): Promise<number> {
  const now = new Date();
  for (const part of chunks(rows, 1000)) {
    await tx
      .insert(supplierStock)
      .values(
        part.map((r) => ({
          accountId,
          supplierId,
          productId: r.productId,
          quantity: Math.max(0, r.quantity),
          costMinor: r.costMinor ?? null,
          reportedAt: now,
          updatedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [supplierStock.supplierId, supplierStock.productId],
        set: {
          quantity: sql`excluded.quantity`,
          costMinor: sql`coalesce(excluded.cost_minor, ${supplierStock.costMinor})`,
          reportedAt: now,
          updatedAt: now,
        },
      });
  }
  return rows.length;
}

export type SupplierStockOfProduct = {
  productId: string;
  supplierId: string;
  supplier: string;
  quantity: number;
  costMinor: number | null;
  currency: string;
  reportedAt: Date;
};

/** Every supplier's stock of the given products, with the supplier's name and currency. */
export async function supplierStockOfProducts(
  db: Db,
  accountId: string,
  productIds: string[],
): Promise<SupplierStockOfProduct[]> {
  const out: SupplierStockOfProduct[] = [];
  for (const ids of chunks([...new Set(productIds)], 5000)) {
    out.push(
      ...(await db
        .select({
          productId: supplierStock.productId,
          supplierId: supplierStock.supplierId,
          supplier: suppliers.name,
          quantity: supplierStock.quantity,
          costMinor: supplierStock.costMinor,
          currency: suppliers.currency,
          reportedAt: supplierStock.reportedAt,
        })
        .from(supplierStock)
        .innerJoin(suppliers, eq(suppliers.id, supplierStock.supplierId))
        .where(
          and(
            eq(supplierStock.accountId, accountId),
            sql`${supplierStock.productId} = any(${pgArray(ids)}::uuid[])`,
          ),
        )
        .orderBy(suppliers.name)),
    );
  }
  return out;
}
