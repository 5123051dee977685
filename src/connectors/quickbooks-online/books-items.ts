import type { ItemMatchRule, SkuMatchReport } from "../contract-books.ts";
import type { QboClient } from "./client.ts";
import { chunk, MAX_RESULTS, queryRows, quote } from "./query.ts";
import { itemSchema, type QboItem } from "./schemas.ts";

const VALUES_PER_QUERY = 50;

async function itemsWhere(client: QboClient, field: "Sku" | "Name", values: string[]): Promise<QboItem[]> {
  const rows: QboItem[] = [];
  for (const group of chunk(values, VALUES_PER_QUERY)) {
    const statement = `SELECT * FROM Item WHERE ${field} IN (${group.map(quote).join(", ")}) MAXRESULTS ${MAX_RESULTS}`;
    rows.push(...(await queryRows(client, "Item", statement, itemSchema, "orders")));
  }
  return rows;
}

type Rule = { rule: ItemMatchRule; test: (item: QboItem, sku: string) => boolean };

const rules: Rule[] = [
  { rule: "sku", test: (item, sku) => item.Sku === sku },
  { rule: "sku-ignoring-case", test: (item, sku) => item.Sku?.toLowerCase() === sku.toLowerCase() },
  { rule: "name", test: (item, sku) => item.Name === sku },
  { rule: "name-ignoring-case", test: (item, sku) => item.Name.toLowerCase() === sku.toLowerCase() },
];

/**
 * Maps hub SKUs to active QuickBooks items: by `Sku` (QuickBooks does not keep it unique), then by
 * `Name` — each exact first, then ignoring case. Two queries per 50 SKUs at most.
 */
export async function findItemsBySku(client: QboClient, skus: readonly string[]): Promise<SkuMatchReport> {
  const wanted = [...new Set(skus.filter((sku) => sku.trim() !== ""))];
  const bySku = await itemsWhere(client, "Sku", wanted);
  const skuHit = (sku: string) => bySku.some((item) => rules[1]?.test(item, sku));
  const byName = await itemsWhere(
    client,
    "Name",
    wanted.filter((sku) => !skuHit(sku)),
  );
  const pool = [...bySku, ...byName];
  const report: SkuMatchReport = { matches: [], unknown: [], ambiguous: [] };
  for (const sku of wanted) {
    let settled = false;
    for (const { rule, test } of rules) {
      const found = dedupe(pool.filter((item) => test(item, sku)));
      if (found.length === 0) continue;
      settled = true;
      const [only] = found;
      if (found.length === 1 && only) {
        report.matches.push({
          sku,
          itemId: only.Id,
          itemName: only.Name,
          itemSku: only.Sku ?? null,
          itemType: only.Type ?? null,
          matchedBy: rule,
          qtyOnHand: only.QtyOnHand ?? null,
        });
      } else {
        const candidates = found.map((item) => ({
          itemId: item.Id,
          itemName: item.Name,
          itemSku: item.Sku ?? null,
        }));
        report.ambiguous.push({ sku, matchedBy: rule, candidates });
      }
      break;
    }
    if (!settled) report.unknown.push(sku);
  }
  return report;
}

function dedupe(items: QboItem[]): QboItem[] {
  return [...new Map(items.map((item) => [item.Id, item])).values()];
}
