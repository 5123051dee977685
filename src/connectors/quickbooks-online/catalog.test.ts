import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionFor, startCompany } from "../../../test/helpers/quickbooks-session.ts";
import type { QuickBooksOnlineSandbox } from "../../sandboxes/quickbooks-online/index.ts";
import { QBO_LOCATION_ID } from "./catalog.ts";
import { quickBooksOnlineConnector } from "./index.ts";
import type { QuickBooksSession } from "./session.ts";

let sandbox: QuickBooksOnlineSandbox;
let session: QuickBooksSession;

beforeAll(async () => {
  sandbox = await startCompany();
  session = sessionFor(sandbox).session;
});
afterAll(() => sandbox.close());

describe("QuickBooks Online as inventory source", () => {
  it("validates the connection with the company name", async () => {
    await expect(session.validate()).resolves.toEqual({
      label: "Stockwire Sandbox Company",
      currency: "USD",
      country: "US",
      edition: "QuickBooks Online Plus",
      inventoryAdjustment: true,
    });
  });

  it("pages through inventory items and maps Sku, price and archived", async () => {
    sandbox.control.editItem({ id: "4" }, { Active: false });
    sandbox.control.editItem({ id: "5" }, { Sku: "" });
    const seen = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await session.listProducts({ cursor, pageSize: 12 });
      seen.push(...page.items);
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(30);
    expect(new Set(seen.map((p) => p.platformVariantId)).size).toBe(30);
    const first = sandbox.control.findItem({ id: "3" });
    const mapped = seen.find((p) => p.inventoryItemId === "3");
    expect(mapped?.sku).toBe(first?.Sku);
    expect(mapped?.priceMinor).toBe(Math.round(Number(first?.UnitPrice) * 100));
    expect(seen.find((p) => p.inventoryItemId === "4")?.archived).toBe(true);
    expect(seen.find((p) => p.inventoryItemId === "5")?.sku).toBe(
      sandbox.control.findItem({ id: "5" })?.Name,
    );
    expect(seen.some((p) => p.inventoryItemId === "1")).toBe(false); // the Services item
  });

  it("lists only items updated since a time", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100)); // MetaData times are whole seconds
    const since = new Date();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    sandbox.control.editItem({ id: "7" }, { UnitPrice: 12.5 });
    const page = await session.listProducts({ updatedSince: since });
    expect(page.items.map((p) => p.inventoryItemId)).toEqual(["7"]);
    expect(page.items[0]?.priceMinor).toBe(1250);
    expect(page.nextCursor).toBeNull();
  });

  it("reads QtyOnHand at the one pseudo location", async () => {
    sandbox.control.editItem({ id: "8" }, { QtyOnHand: 17 });
    const levels = await session.readStock([
      { inventoryItemId: "8", locationId: QBO_LOCATION_ID },
      { inventoryItemId: "9", locationId: QBO_LOCATION_ID },
      { inventoryItemId: "999", locationId: QBO_LOCATION_ID },
    ]);
    expect(levels).toEqual([
      {
        inventoryItemId: "8",
        locationId: "qbo",
        sku: sandbox.control.findItem({ id: "8" })?.Sku,
        quantity: 17,
      },
      expect.objectContaining({
        inventoryItemId: "9",
        quantity: sandbox.control.findItem({ id: "9" })?.QtyOnHand,
      }),
    ]);
  });

  it("writes stock as one InventoryAdjustment that moves QtyOnHand to the target", async () => {
    sandbox.control.editItem({ id: "10" }, { QtyOnHand: 5 });
    sandbox.control.editItem({ id: "11" }, { QtyOnHand: 40 });
    const writes = [
      { sku: "a", inventoryItemId: "10", locationId: "qbo", quantity: 12, compareQuantity: null },
      { sku: "b", inventoryItemId: "11", locationId: "qbo", quantity: 33, compareQuantity: null },
      {
        sku: "c",
        inventoryItemId: "12",
        locationId: "qbo",
        quantity: Number(sandbox.control.findItem({ id: "12" })?.QtyOnHand),
        compareQuantity: null,
      },
      { sku: "d", inventoryItemId: "1", locationId: "qbo", quantity: 1, compareQuantity: null },
    ];
    const results = await session.writeStock(writes, { idempotencyKey: "write-1" });
    expect(results.map((r) => r.status)).toEqual(["ok", "ok", "ok", "failed"]);
    expect(sandbox.control.findItem({ id: "10" })?.QtyOnHand).toBe(12);
    expect(sandbox.control.findItem({ id: "11" })?.QtyOnHand).toBe(33);
    const adjustments = sandbox.control
      .requestLog()
      .entries.filter((e) => e.path.includes("inventoryadjustment"));
    expect(adjustments).toHaveLength(1);
    expect(adjustments[0]?.requestId).toMatch(/^sw-[0-9a-f]{40}$/);
  });

  it("reads changed items through CDC, and through a query past 30 days", async () => {
    const since = new Date();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    sandbox.control.editItem({ id: "13" }, { QtyOnHand: 77 });
    const recent = await session.changedStockSince(since);
    expect(recent.source).toBe("cdc");
    expect(recent.items.map((i) => [i.inventoryItemId, i.quantity])).toEqual([["13", 77]]);
    const old = await session.changedStockSince(new Date(Date.now() - 40 * 86_400_000));
    expect(old.source).toBe("query");
    expect(old.items.map((i) => i.inventoryItemId)).toContain("13");
  });

  it("falls back to a paged query when CDC answers its 1,000-object cap", async () => {
    const busy = await startCompany({ items: 5 });
    try {
      const since = new Date();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      for (let i = 0; i < 1005; i += 1)
        busy.control.createItem({ Name: `Bulk ${i}`, Sku: `BULK-${i}`, QtyOnHand: i });
      const changes = await sessionFor(busy).session.changedStockSince(since);
      expect(changes.source).toBe("query");
      expect(changes.items).toHaveLength(1005);
      expect(changes.items.find((item) => item.sku === "BULK-1004")?.quantity).toBe(1004);
    } finally {
      await busy.close();
    }
  });

  it("describes credentials without secrets", () => {
    const described = quickBooksOnlineConnector.describeCredentials({
      realmId: "9130",
      clientId: "ABclient1234",
      clientSecret: "s",
      accessToken: "a",
      refreshToken: "r",
      accessTokenExpiresAt: new Date().toISOString(),
    });
    expect(described).toEqual({ realmId: "9130", clientId: "…1234" });
  });
});
