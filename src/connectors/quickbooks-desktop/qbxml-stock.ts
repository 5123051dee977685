import type { SourceStockItem } from "../contract.ts";
import type { StockPage, StockQueryKind, StockQueryPage } from "../contract-web-connector.ts";
import { attrOf, buildXml, child, listOf, parseXml, textOf, type XmlValue } from "./xml.ts";

/** The item lists whose QuantityOnHand the hub reads back: inventory parts and assemblies (§8.6). */
export const STOCK_QUERY_KINDS: readonly StockQueryKind[] = ["ItemInventory", "ItemInventoryAssembly"];

/**
 * A qbXML date-time with an explicit offset. QuickBooks reads a date-time without one as the PC's
 * local time, which the hub does not know; with `+00:00` the instant is the same wherever the
 * company file lives, also across a day boundary.
 */
export function qbxmlDateTime(at: Date): string {
  return `${at.toISOString().slice(0, 19)}+00:00`;
}

/**
 * Items changed since a time, a page at a time: `Start` opens an iterator over everything modified
 * from `from` on, `Continue` reads on with QuickBooks' iteratorID (valid within one Web Connector
 * session only, §8.6). Elements in schema order: MaxReturned, ActiveStatus, FromModifiedDate, OwnerID.
 * `ActiveStatus All`: an item made inactive is reported too (and skipped by the hub, not forgotten).
 */
export function stockQuery(kind: StockQueryKind, requestId: string, page: StockQueryPage): string {
  const rq = `${kind}QueryRq`;
  if ("iteratorId" in page) {
    return buildXml({
      [rq]: {
        "@requestID": requestId,
        "@iterator": "Continue",
        "@iteratorID": page.iteratorId,
        MaxReturned: String(page.maxReturned),
      },
    });
  }
  return buildXml({
    [rq]: {
      "@requestID": requestId,
      "@iterator": "Start",
      MaxReturned: String(page.maxReturned),
      ActiveStatus: "All",
      ...(page.from ? { FromModifiedDate: qbxmlDateTime(page.from) } : {}),
      OwnerID: "0",
    },
  });
}

function itemOf(ret: XmlValue): SourceStockItem {
  const f = (name: string) => textOf(child(ret, name));
  const quantity = Number(f("QuantityOnHand") || "0");
  const modified = Date.parse(f("TimeModified"));
  return {
    inventoryItemId: f("ListID"),
    locationId: "",
    // QuickBooks Desktop has no SKU field; merchants keep it in the part number, else in the name.
    sku: f("ManufacturerPartNumber") || null,
    name: f("FullName") || f("Name"),
    // Quantities may be fractional in QuickBooks; the hub counts whole units.
    quantity: Number.isFinite(quantity) ? Math.trunc(quantity) : 0,
    active: f("IsActive") !== "false",
    updatedAt: new Date(Number.isNaN(modified) ? 0 : modified),
  };
}

/**
 * The stock query answers of a response document: items read, and the iterator to continue with
 * (null when nothing remains). Status 1 ("no match") is an empty page, not an error.
 * Throws XmlMalformedError on malformed text.
 */
export function readStockPages(xml: string): StockPage[] {
  const msgs = child(child(parseXml(xml), "QBXML"), "QBXMLMsgsRs");
  const pages: StockPage[] = [];
  for (const kind of STOCK_QUERY_KINDS) {
    for (const rs of listOf(child(msgs, `${kind}QueryRs`))) {
      const code = Number(attrOf(rs, "statusCode") ?? "NaN");
      const remaining = Number(attrOf(rs, "iteratorRemainingCount") ?? "0");
      const ok = code === 0 || code === 1 || (code >= 500 && code < 1000);
      pages.push({
        requestId: attrOf(rs, "requestID") ?? "",
        kind,
        ok,
        code: Number.isInteger(code) ? code : -1,
        message: attrOf(rs, "statusMessage") ?? "",
        items: ok ? listOf(child(rs, `${kind}Ret`)).map(itemOf) : [],
        iteratorId: ok && remaining > 0 ? (attrOf(rs, "iteratorID") ?? null) : null,
        remaining: Number.isInteger(remaining) ? remaining : 0,
      });
    }
  }
  return pages;
}
