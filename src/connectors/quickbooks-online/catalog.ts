import { z } from "zod";
import type { ChannelProduct, Page, StockLevel } from "../contract.ts";
import type { QboClient } from "./client.ts";
import { QboFaultError } from "./faults.ts";
import { fromQboAmount } from "./money.ts";
import { chunk, MAX_RESULTS, queryRows, quote } from "./query.ts";
import { companyInfoSchema, itemSchema, preferencesSchema, type QboItem } from "./schemas.ts";

/** QuickBooks has no locations for stock: every item lives at this one pseudo location. */
export const QBO_LOCATION_ID = "qbo";
const DEFAULT_PAGE_SIZE = 200;
/** Ids per `Id IN (…)` query: keeps the URL short. */
const IDS_PER_QUERY = 100;

/** The company's home currency is in Preferences; the country decides it for the common cases. */
const currencyByCountry: Record<string, string> = {
  US: "USD",
  CA: "CAD",
  GB: "GBP",
  UK: "GBP",
  AU: "AUD",
  IN: "INR",
};

export type CompanyProfile = {
  label: string;
  currency?: string;
  country: string | null;
  /** CompanyInfo's `OfferingSku` ("QuickBooks Online Plus"), or null when the company does not say. */
  edition: string | null;
  /**
   * Whether stock can be written with InventoryAdjustment (US Plus/Advanced). null when neither the
   * edition nor Preferences tell; writes are then tried and a refusal reported.
   */
  inventoryAdjustment: boolean | null;
};

/** Home currency from Preferences (the country decides it when Preferences cannot be read). */
export async function validateCompany(client: QboClient): Promise<CompanyProfile> {
  const body = companyInfoSchema.parse(await client.get(`companyinfo/${client.realmId}`, {}, "catalog"));
  const info = body.CompanyInfo;
  const country = info.Country ?? null;
  const edition = info.NameValue?.find((pair) => pair.Name === "OfferingSku")?.Value ?? null;
  const preferences = await readPreferences(client);
  const currency =
    preferences?.CurrencyPrefs?.HomeCurrency?.value ?? currencyByCountry[country ?? ""] ?? undefined;
  const tracksQuantity = preferences?.ProductAndServicesPrefs?.QuantityOnHand;
  let inventoryAdjustment: boolean | null = null;
  if (country !== null && country !== "US") inventoryAdjustment = false;
  else if (edition !== null) inventoryAdjustment = /\b(Plus|Advanced)\b/i.test(edition);
  else if (tracksQuantity === false) inventoryAdjustment = false;
  return {
    label: info.CompanyName,
    ...(currency ? { currency } : {}),
    country,
    edition,
    inventoryAdjustment,
  };
}

async function readPreferences(client: QboClient) {
  try {
    return preferencesSchema.parse(await client.get("preferences", {}, "catalog")).Preferences;
  } catch (error) {
    // Older or restricted companies may not serve Preferences; the country decides the currency then.
    if (error instanceof QboFaultError && error.kind !== "authentication" && error.kind !== "authorization")
      return null;
    throw error;
  }
}

/** QuickBooks' own sku when set, else the item name (names are unique per company). */
export function itemSku(item: QboItem): string {
  const sku = item.Sku?.trim();
  return sku ? sku : item.Name;
}

export function toChannelProduct(item: QboItem, currency: string): ChannelProduct {
  return {
    platformProductId: item.Id,
    platformVariantId: item.Id,
    inventoryItemId: item.Id,
    sku: itemSku(item),
    name: item.Name,
    groupKey: null,
    options: {},
    barcode: null,
    priceMinor: item.UnitPrice === undefined ? null : (fromQboAmount(item.UnitPrice, currency) ?? null),
    currency,
    weightGrams: null,
    images: [],
    archived: item.Active === false,
    updatedAt: new Date(item.MetaData.LastUpdatedTime),
  };
}

const cursorSchema = z.coerce.number().int().min(1);

/**
 * Inventory items, archived (inactive) ones included, ordered by Id: offset paging over a stable
 * order, so items changed while paging are seen (perhaps twice), never skipped.
 */
export async function listProductPage(
  client: QboClient,
  currency: string,
  options: { updatedSince?: Date; cursor?: string | null; pageSize?: number },
): Promise<Page<ChannelProduct>> {
  const start = options.cursor ? cursorSchema.parse(options.cursor) : 1;
  const size = Math.min(Math.max(options.pageSize ?? DEFAULT_PAGE_SIZE, 1), MAX_RESULTS);
  const since = options.updatedSince
    ? ` AND Metadata.LastUpdatedTime > ${quote(options.updatedSince.toISOString())}`
    : "";
  const statement =
    `SELECT * FROM Item WHERE Type = 'Inventory' AND Active IN (true, false)${since}` +
    ` ORDERBY Id STARTPOSITION ${start} MAXRESULTS ${size}`;
  const items = await queryRows(client, "Item", statement, itemSchema, "catalog");
  return {
    items: items.map((item) => toChannelProduct(item, currency)),
    nextCursor: items.length === size ? String(start + size) : null,
  };
}

/** Items by Id, inactive included (batched `Id IN (…)` queries). */
export async function itemsById(client: QboClient, ids: readonly string[]): Promise<Map<string, QboItem>> {
  const found = new Map<string, QboItem>();
  for (const group of chunk([...new Set(ids)], IDS_PER_QUERY)) {
    const list = group.map(quote).join(", ");
    const statement = `SELECT * FROM Item WHERE Id IN (${list}) AND Active IN (true, false) MAXRESULTS ${MAX_RESULTS}`;
    for (const item of await queryRows(client, "Item", statement, itemSchema, "stock"))
      found.set(item.Id, item);
  }
  return found;
}

export function toStockLevel(item: QboItem): StockLevel {
  return {
    inventoryItemId: item.Id,
    locationId: QBO_LOCATION_ID,
    sku: itemSku(item),
    quantity: item.QtyOnHand ?? 0,
  };
}

/** `QtyOnHand` of each requested item; unknown ids and other locations are left out. */
export async function readStock(
  client: QboClient,
  requested: { inventoryItemId: string; locationId: string }[],
): Promise<StockLevel[]> {
  const ids = requested.filter((r) => r.locationId === QBO_LOCATION_ID).map((r) => r.inventoryItemId);
  const items = await itemsById(client, ids);
  return ids.flatMap((id) => {
    const item = items.get(id);
    return item ? [toStockLevel(item)] : [];
  });
}
