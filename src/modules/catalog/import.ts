import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { chunks } from "../../db/sql.ts";
import { inTransaction } from "../../db/tx.ts";
import { appendEvents } from "../events/index.ts";
import { productImported, productUpdated } from "./events.ts";
import { checkProductRow, type ProductRow } from "./product-row.ts";
import { products } from "./schema.ts";

export type RejectedRow = { row: number; sku: string; error: string };
export type ImportReport = { imported: number; updated: number; rejected: RejectedRow[] };
export type ImportedProduct = { id: string; sku: string; inserted: boolean; row: ProductRow };

/** Hook for the inventory module to record counted quantities in the same transaction. */
export type QuantityRecorder = (
  tx: Db,
  accountId: string,
  importId: string,
  items: ImportedProduct[],
) => Promise<void>;

const CHUNK = 1000;

/**
 * Validates every row, rejects bad and duplicate SKUs with the row they came from (never merging
 * them), and upserts the rest in chunks. Fields a row leaves out keep their stored values.
 * `rowNumbers[i]` is how the caller numbers input i (array index for JSON, line for CSV).
 */
export async function importProducts(
  db: Db,
  accountId: string,
  input: Record<string, unknown>[],
  options: { rowNumbers?: number[]; recordQuantities?: QuantityRecorder; source?: string } = {},
): Promise<ImportReport & { products: ImportedProduct[] }> {
  const rejected: RejectedRow[] = [];
  const good: { row: ProductRow; at: number }[] = [];
  const firstSeen = new Map<string, number>();
  for (const [i, raw] of input.entries()) {
    const at = options.rowNumbers?.[i] ?? i;
    const checked = checkProductRow(raw);
    if (!checked.ok) {
      rejected.push({ row: at, sku: checked.sku, error: checked.error });
      continue;
    }
    const seen = firstSeen.get(checked.row.sku);
    if (seen !== undefined) {
      rejected.push({
        row: at,
        sku: checked.row.sku,
        error: `duplicate SKU in this import (first at row ${seen})`,
      });
      continue;
    }
    firstSeen.set(checked.row.sku, at);
    good.push({ row: checked.row, at });
  }

  const importId = randomUUID();
  const done: ImportedProduct[] = [];
  await inTransaction(db, async (tx) => {
    for (const chunk of chunks(good, CHUNK)) {
      const rows = await upsertChunk(
        tx,
        accountId,
        chunk.map((g) => g.row),
      );
      await applyFlags(
        tx,
        accountId,
        chunk.map((g) => g.row),
      );
      const bySku = new Map(chunk.map((g) => [g.row.sku, g.row]));
      for (const r of rows) done.push({ id: r.id, sku: r.sku, inserted: r.inserted, row: bySku.get(r.sku)! });
      await appendEvents(
        tx,
        rows.map((r) =>
          (r.inserted ? productImported : productUpdated).of({
            accountId,
            subject: r.sku,
            payload: { productId: r.id, sku: r.sku, source: options.source ?? "import" },
          }),
        ),
      );
    }
    if (options.recordQuantities)
      await options.recordQuantities(
        tx,
        accountId,
        importId,
        done.filter((d) => d.row.quantity !== undefined),
      );
  });
  const imported = done.filter((d) => d.inserted).length;
  return { imported, updated: done.length - imported, rejected, products: done };
}

/** Boolean flags only change when a row states them, which a single bulk upsert cannot express. */
async function applyFlags(tx: Db, accountId: string, rows: ProductRow[]): Promise<void> {
  for (const flag of ["archived", "allowBackorder"] as const) {
    for (const value of [true, false]) {
      const skus = rows.filter((r) => r[flag] === value).map((r) => r.sku);
      if (skus.length === 0) continue;
      await tx
        .update(products)
        .set({ [flag]: value })
        .where(and(eq(products.accountId, accountId), inArray(products.sku, skus)));
    }
  }
}

async function upsertChunk(tx: Db, accountId: string, rows: ProductRow[]) {
  const keep = (column: string) => sql.raw(`coalesce(excluded.${column}, products.${column})`);
  return tx
    .insert(products)
    .values(
      rows.map((r) => ({
        accountId,
        sku: r.sku,
        name: r.name,
        groupKey: r.groupKey ?? null,
        options: r.options ?? {},
        barcode: r.barcode ?? null,
        weightGrams: r.weightGrams ?? null,
        priceMinor: r.priceMinor ?? null,
        costMinor: r.costMinor ?? null,
        currency: r.currency ?? null,
        images: r.images ?? [],
        archived: r.archived ?? false,
        leadTimeDays: r.leadTimeDays ?? null,
        lowStockThreshold: r.lowStockThreshold ?? null,
        allowBackorder: r.allowBackorder ?? false,
      })),
    )
    .onConflictDoUpdate({
      target: [products.accountId, products.sku],
      set: {
        name: sql.raw("excluded.name"),
        groupKey: keep("group_key"),
        options: sql.raw(
          "case when excluded.options = '{}'::jsonb then products.options else excluded.options end",
        ),
        barcode: keep("barcode"),
        weightGrams: keep("weight_grams"),
        priceMinor: keep("price_minor"),
        costMinor: keep("cost_minor"),
        currency: keep("currency"),
        images: sql.raw(
          "case when excluded.images = '[]'::jsonb then products.images else excluded.images end",
        ),
        leadTimeDays: keep("lead_time_days"),
        lowStockThreshold: keep("low_stock_threshold"),
        updatedAt: sql`now()`,
      },
    })
    .returning({ id: products.id, sku: products.sku, inserted: sql<boolean>`(xmax = 0)` });
}
