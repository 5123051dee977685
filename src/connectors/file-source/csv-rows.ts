import { parse } from "csv-parse/sync";
import { z } from "zod";

/** Which column holds each field; `sku` (the supplier's SKU) and `quantity` are required. */
export const columnMapping = z.strictObject({
  sku: z.string().min(1).max(200),
  quantity: z.string().min(1).max(200),
  cost: z.string().min(1).max(200).optional(),
});
export type ColumnMapping = z.infer<typeof columnMapping>;

/** One good line: the supplier's SKU, its quantity, and its cost as decimal text when mapped. */
export type InventoryLine = { line: number; supplierSku: string; quantity: number; cost?: string };
export type ParsedInventory = {
  delimiter: string;
  encoding: "utf-8" | "latin1";
  lines: InventoryLine[];
  malformed: { line: number; message: string }[];
};

const delimiters = [",", ";", "\t", "|"] as const;

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), else Latin-1, as spreadsheets export. */
export function decodeText(bytes: Buffer): { text: string; encoding: "utf-8" | "latin1" } {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: "utf-8" };
  } catch {
    return { text: bytes.toString("latin1"), encoding: "latin1" };
  }
}

/** The delimiter that splits the header line into the most fields. */
export function detectDelimiter(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? "";
  return [...delimiters].sort((a, b) => header.split(b).length - header.split(a).length)[0]!;
}

/**
 * Reads a supplier's inventory CSV with its mapping: a line that is malformed (wrong field count,
 * empty SKU, a quantity that is not a whole number) fails alone with its line number; the header
 * must name the mapped columns or the whole file is refused.
 */
export function parseInventoryCsv(bytes: Buffer, mapping: ColumnMapping): ParsedInventory {
  const { text, encoding } = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  const records = parse(text, {
    delimiter,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
    trim: true,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const [header, ...body] = records;
  const out: ParsedInventory = { delimiter, encoding, lines: [], malformed: [] };
  if (!header) return out;
  const at = (column: string | undefined) => (column === undefined ? -1 : header.record.indexOf(column));
  const missing = (["sku", "quantity", "cost"] as const).filter(
    (f) => mapping[f] !== undefined && at(mapping[f]) < 0,
  );
  if (missing.length > 0)
    throw new Error(
      `the file's header has no column ${missing.map((f) => `"${mapping[f]}"`).join(", ")} (mapping: ${missing.join(", ")})`,
    );
  for (const { record, info } of body) {
    const fail = (message: string) => out.malformed.push({ line: info.lines, message });
    if (record.length !== header.record.length) {
      fail(`expected ${header.record.length} fields, found ${record.length}`);
      continue;
    }
    const supplierSku = record[at(mapping.sku)] ?? "";
    const quantityText = record[at(mapping.quantity)] ?? "";
    const quantity = Number(quantityText.replace(/\.0+$/, ""));
    if (!supplierSku) fail("the SKU is empty");
    else if (quantityText === "" || !Number.isInteger(quantity))
      fail(`quantity "${quantityText}" is not a whole number`);
    else {
      const cost = mapping.cost === undefined ? "" : (record[at(mapping.cost)] ?? "");
      out.lines.push({
        line: info.lines,
        supplierSku,
        quantity: Math.max(0, quantity),
        ...(cost ? { cost } : {}),
      });
    }
  }
  return out;
}
