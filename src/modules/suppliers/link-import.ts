import { parse } from "csv-parse/sync";
import type { Db } from "../../db/engine.ts";
import { inTransaction } from "../../db/tx.ts";
import { invalid } from "../../lib/errors.ts";
import { toMinorUnits } from "../../lib/money.ts";
import { productsBySku } from "../catalog/index.ts";
import { type LinkRow, upsertLinks } from "./links.ts";
import type { Supplier } from "./suppliers.ts";

export type RejectedLinkRow = { line: number; sku: string; error: string };
export type LinkImportReport = { created: number; updated: number; rejected: RejectedLinkRow[] };

/** Header names a links CSV may use for each field (snake_case or camelCase). */
const columns = {
  sku: ["sku"],
  supplierSku: ["supplier_sku", "supplierSku"],
  cost: ["cost"],
  leadTimeDays: ["lead_time_days", "leadTimeDays"],
  minOrderQuantity: ["min_order_quantity", "minOrderQuantity"],
  orderMultiple: ["order_multiple", "orderMultiple"],
  preferred: ["preferred"],
} as const;
type Field = keyof typeof columns;

/**
 * Imports a supplier's product links from CSV (header line first; `sku` and `supplier_sku`
 * required). A bad line is rejected with its line number and the rest imports, in one transaction.
 */
export async function importLinksCsv(
  db: Db,
  accountId: string,
  supplier: Supplier,
  text: string,
): Promise<LinkImportReport> {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
      info: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    throw invalid("csv_unreadable", `CSV could not be read: ${(error as Error).message}`);
  }
  const [header, ...body] = parsed;
  if (!header) throw invalid("csv_empty", "CSV is empty");
  const at = Object.fromEntries(
    Object.entries(columns).map(([field, names]) => [
      field,
      header.record.findIndex((c) => (names as readonly string[]).includes(c)),
    ]),
  ) as Record<Field, number>;
  if (at.sku < 0 || at.supplierSku < 0)
    throw invalid("csv_link_columns_missing", 'a links CSV needs "sku" and "supplier_sku" columns');

  const rejected: RejectedLinkRow[] = [];
  const candidates: { line: number; sku: string; row: Omit<LinkRow, "productId"> }[] = [];
  for (const { record, info } of body) {
    const cell = (f: Field) => (at[f] >= 0 ? (record[at[f]] ?? "") : "");
    const sku = cell("sku");
    const fail = (error: string) => rejected.push({ line: info.lines, sku, error });
    if (record.length !== header.record.length) {
      fail(`expected ${header.record.length} fields, found ${record.length}`);
      continue;
    }
    if (!sku || !cell("supplierSku")) {
      fail("sku and supplier_sku are required");
      continue;
    }
    const terms = readTerms(cell, supplier.currency);
    if (typeof terms === "string") {
      fail(terms);
      continue;
    }
    candidates.push({ line: info.lines, sku, row: { supplierSku: cell("supplierSku"), ...terms } });
  }

  const products = await productsBySku(
    db,
    accountId,
    candidates.map((c) => c.sku),
  );
  const rows: LinkRow[] = [];
  const seenSupplierSkus = new Set<string>();
  for (const c of candidates) {
    const product = products.get(c.sku);
    if (!product) rejected.push({ line: c.line, sku: c.sku, error: "no product with this SKU" });
    else if (seenSupplierSkus.has(c.row.supplierSku))
      rejected.push({ line: c.line, sku: c.sku, error: "supplier SKU repeated in this file" });
    else {
      seenSupplierSkus.add(c.row.supplierSku);
      rows.push({ ...c.row, productId: product.id });
    }
  }
  const counts = await inTransaction(db, (tx) => upsertLinks(tx, accountId, supplier.id, rows, "csv"));
  return { ...counts, rejected: rejected.sort((a, b) => a.line - b.line) };
}

/** A line's optional terms, or the reason they are wrong. */
function readTerms(
  cell: (f: Field) => string,
  currency: string,
): Omit<LinkRow, "productId" | "supplierSku"> | string {
  const out: Omit<LinkRow, "productId" | "supplierSku"> = {};
  if (cell("cost")) {
    const minor = toMinorUnits(cell("cost"), currency);
    if (minor === undefined || minor < 0) return `cost "${cell("cost")}" is not an amount in ${currency}`;
    out.costMinor = minor;
  }
  const whole = (f: "leadTimeDays" | "minOrderQuantity" | "orderMultiple", min: number) => {
    if (!cell(f)) return undefined;
    const n = Number(cell(f));
    return Number.isInteger(n) && n >= min && n <= 1_000_000 ? n : null;
  };
  for (const [f, min] of [
    ["leadTimeDays", 0],
    ["minOrderQuantity", 1],
    ["orderMultiple", 1],
  ] as const) {
    const n = whole(f, min);
    if (n === null) return `${columns[f][0]} "${cell(f)}" is not a whole number from ${min}`;
    if (n !== undefined) out[f] = n;
  }
  if (cell("preferred")) {
    const v = cell("preferred").toLowerCase();
    if (!["true", "false", "yes", "no", "1", "0"].includes(v))
      return `preferred "${cell("preferred")}" is not yes or no`;
    out.preferred = ["true", "yes", "1"].includes(v);
  }
  return out;
}
