import { parse } from "csv-parse/sync";
import { invalid } from "../../lib/errors.ts";
import type { RejectedRow } from "./import.ts";

export type CsvRows = { records: Record<string, unknown>[]; lines: number[]; rejected: RejectedRow[] };

/**
 * Parses a product CSV (header line first). A line with the wrong number of fields is rejected on
 * its own, naming its line number, so the good lines can still be imported. A file that cannot be
 * read at all (e.g. an unclosed quote) is a 400.
 */
export function parseProductCsv(text: string): CsvRows {
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
  const columns = header.record.map((c) => c.trim());
  if (!columns.includes("sku"))
    throw invalid("csv_sku_column_missing", 'CSV header must include a "sku" column');
  const out: CsvRows = { records: [], lines: [], rejected: [] };
  for (const { record, info } of body) {
    const skuAt = columns.indexOf("sku");
    if (record.length !== columns.length) {
      out.rejected.push({
        row: info.lines,
        sku: record[skuAt] ?? "",
        error: `expected ${columns.length} fields, found ${record.length}`,
      });
      continue;
    }
    out.records.push(Object.fromEntries(columns.map((c, i) => [c, record[i]])));
    out.lines.push(info.lines);
  }
  return out;
}
