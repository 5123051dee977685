import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { pgArray } from "../../db/sql.ts";
import { inTransaction } from "../../db/tx.ts";
import { productsBySku } from "../catalog/index.ts";
import { insertAutomaticLinks, linksBySupplierSku } from "./links.ts";
import { supplierSourceFiles, supplierStock } from "./schema.ts";
import { recordSupplierStock, type SupplierStockRow } from "./supplier-stock.ts";

/** One good row of a supplier's inventory file, with the line it came from. */
export type SourceRow = {
  line: number;
  supplierSku: string;
  quantity: number;
  costMinor?: number | undefined;
};

export type SourceFile = {
  supplierId: string;
  /** Which source read the file (a connection's id): files are compared with that source's earlier ones. */
  sourceKey: string;
  name: string;
  size: number;
  sha256: string;
  rows: SourceRow[];
  /** Lines that could not be read, each failing alone. */
  malformed: { line: number; message: string }[];
};

export type SourceImport =
  | { status: "skipped"; reason: "already_imported" }
  | { status: "refused"; code: "source_file_empty" | "source_file_truncated"; message: string }
  | {
      status: "imported";
      updated: number;
      zeroed: number;
      automaticLinks: string[];
      /** Supplier SKUs with no link and no equal hub SKU, once each. */
      unknownSkus: string[];
      malformed: { line: number; message: string }[];
    };

/** A file with fewer rows than this share of the last one is taken for truncated and imports nothing. */
export const TRUNCATION_SHARE = 0.5;

/**
 * Imports a supplier's whole inventory file as its stock (R-INV-6): linked supplier SKUs set their
 * product's supplier stock, a supplier SKU equal to a hub SKU links itself (origin `automatic`), and
 * products of the supplier the file no longer lists go to 0. An empty file, or one far shorter than
 * the last, imports nothing (a cut transfer must not zero stock); the same file twice is skipped.
 */
export async function importSourceFile(db: Db, accountId: string, file: SourceFile): Promise<SourceImport> {
  return inTransaction(db, async (tx) => {
    const seen = await tx
      .select({ id: supplierSourceFiles.id })
      .from(supplierSourceFiles)
      .where(
        and(
          eq(supplierSourceFiles.accountId, accountId),
          eq(supplierSourceFiles.sourceKey, file.sourceKey),
          eq(supplierSourceFiles.fileName, file.name),
          eq(supplierSourceFiles.size, file.size),
          eq(supplierSourceFiles.sha256, file.sha256),
        ),
      );
    if (seen.length > 0) return { status: "skipped", reason: "already_imported" };

    const read = file.rows.length + file.malformed.length;
    if (file.rows.length === 0)
      return { status: "refused", code: "source_file_empty", message: `${file.name} has no rows to import` };
    const [last] = await tx
      .select({ rows: supplierSourceFiles.rows, name: supplierSourceFiles.fileName })
      .from(supplierSourceFiles)
      .where(
        and(eq(supplierSourceFiles.accountId, accountId), eq(supplierSourceFiles.sourceKey, file.sourceKey)),
      )
      .orderBy(desc(supplierSourceFiles.importedAt))
      .limit(1);
    if (last && read < last.rows * TRUNCATION_SHARE)
      return {
        status: "refused",
        code: "source_file_truncated",
        message: `${file.name} has ${read} rows, under ${TRUNCATION_SHARE * 100}% of the ${last.rows} of ${last.name}: nothing imported`,
      };

    const { stock, automaticLinks, unknownSkus } = await matchRows(tx, accountId, file);
    await recordSupplierStock(tx, accountId, file.supplierId, stock);
    const zeroed = await zeroUnlisted(
      tx,
      accountId,
      file.supplierId,
      stock.map((s) => s.productId),
    );
    await tx.insert(supplierSourceFiles).values({
      accountId,
      supplierId: file.supplierId,
      sourceKey: file.sourceKey,
      fileName: file.name,
      size: file.size,
      sha256: file.sha256,
      rows: read,
    });
    return {
      status: "imported",
      updated: stock.length,
      zeroed,
      automaticLinks,
      unknownSkus,
      malformed: file.malformed,
    };
  });
}

/** The file's rows as supplier stock by product, linking supplier SKUs that equal a hub SKU. */
async function matchRows(tx: Db, accountId: string, file: SourceFile) {
  const links = await linksBySupplierSku(
    tx,
    accountId,
    file.supplierId,
    file.rows.map((r) => r.supplierSku),
  );
  const unlinked = [...new Set(file.rows.filter((r) => !links.has(r.supplierSku)).map((r) => r.supplierSku))];
  const sameSku = await productsBySku(tx, accountId, unlinked);
  const byRow = new Map(file.rows.map((r) => [r.supplierSku, r]));
  const automatic = await insertAutomaticLinks(
    tx,
    accountId,
    file.supplierId,
    [...sameSku.values()].map((p) => ({
      productId: p.id,
      supplierSku: p.sku,
      costMinor: byRow.get(p.sku)?.costMinor,
    })),
  );
  const productOf = new Map(
    [...links.values(), ...automatic].map((l) => [l.supplierSku, l.productId] as const),
  );
  const stock = new Map<string, SupplierStockRow>();
  for (const r of file.rows) {
    const productId = productOf.get(r.supplierSku);
    if (productId) stock.set(productId, { productId, quantity: r.quantity, costMinor: r.costMinor });
  }
  return {
    stock: [...stock.values()],
    automaticLinks: automatic.map((l) => l.supplierSku),
    unknownSkus: unlinked.filter((s) => !productOf.has(s)),
  };
}

/** Sets to 0 the supplier's stock of products a whole file no longer lists; returns how many. */
async function zeroUnlisted(
  tx: Db,
  accountId: string,
  supplierId: string,
  listed: string[],
): Promise<number> {
  const rows = await tx
    .update(supplierStock)
    .set({ quantity: 0, reportedAt: new Date(), updatedAt: new Date() })
    .where(
      and(
        eq(supplierStock.accountId, accountId),
        eq(supplierStock.supplierId, supplierId),
        sql`${supplierStock.quantity} <> 0`,
        sql`not (${supplierStock.productId} = any(${pgArray(listed)}::uuid[]))`,
      ),
    )
    .returning({ productId: supplierStock.productId });
  return rows.length;
}
