import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "../../../test/helpers/hub.ts";

let hub: TestHub;
let api: Api;
beforeAll(async () => {
  hub = await startTestHub();
  api = apiFor(hub.app, await createTenant(hub));
});
afterAll(() => hub?.close());

describe("product import", () => {
  it("imports JSON rows, reports bad ones by index, and updates on a second import", async () => {
    const first = await api.post("/api/v1/products/import", {
      products: [
        {
          sku: " TEE-BLK-M ",
          name: "Tee black M",
          price: "19.99",
          currency: "usd",
          options: { Size: "M", Color: "Black" },
          groupKey: "TEE",
          quantity: 12,
        },
        { sku: "", name: "No SKU" },
        { sku: "TEE-BLK-L", name: "Tee black L", weightGrams: "heavy" },
        { sku: "TEE-BLK-M", name: "Duplicate" },
        { sku: "MUG-1", name: "Mug", cost: "3.5", lowStockThreshold: 4 },
      ],
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ imported: 2, updated: 0 });
    expect(first.body.rejected).toEqual([
      { row: 1, sku: "", error: "SKU is empty" },
      { row: 2, sku: "TEE-BLK-L", error: expect.stringContaining("weightGrams") },
      { row: 3, sku: "TEE-BLK-M", error: "duplicate SKU in this import (first at row 0)" },
    ]);

    const detail = await api.get("/api/v1/products/TEE-BLK-M");
    expect(detail.body).toMatchObject({
      sku: "TEE-BLK-M",
      priceMinor: 1999,
      currency: "USD",
      options: { Size: "M", Color: "Black" },
      onHand: 12,
      reserved: 0,
      available: 12,
    });
    expect(detail.body.warehouses[0]).toMatchObject({ warehouseName: "Default", onHand: 12, available: 12 });
    expect(detail.body.recentMovements[0]).toMatchObject({ reason: "import", onHandDelta: 12 });

    const second = await api.post("/api/v1/products/import", {
      products: [{ sku: "TEE-BLK-M", name: "Tee black medium" }],
    });
    expect(second.body).toEqual({ imported: 0, updated: 1, rejected: [] });
    const after = await api.get("/api/v1/products/TEE-BLK-M");
    expect(after.body).toMatchObject({ name: "Tee black medium", priceMinor: 1999, onHand: 12 });
  });

  it("keeps SKUs case-sensitive", async () => {
    const res = await api.post("/api/v1/products/import", {
      products: [
        { sku: "case-1", name: "lower" },
        { sku: "CASE-1", name: "upper" },
      ],
    });
    expect(res.body).toMatchObject({ imported: 2, rejected: [] });
  });

  it("imports CSV, rejecting malformed lines by line number and keeping the good ones", async () => {
    const csv = [
      "sku,name,price,currency,quantity",
      "CSV-1,First,5.00,EUR,3",
      "CSV-2,Broken line",
      "CSV-3,Third,abc,EUR,",
      'CSV-4,"Fourth, quoted",1.5,EUR,0',
    ].join("\n");
    const res = await api.csv("/api/v1/products/import", csv);
    expect(res.status).toBe(200);
    expect(res.body.imported).toBe(2);
    expect(res.body.rejected).toEqual([
      { row: 3, sku: "CSV-2", error: "expected 5 fields, found 2" },
      { row: 4, sku: "CSV-3", error: 'price: "abc" is not an amount in EUR' },
    ]);
    expect((await api.get("/api/v1/products/CSV-4")).body).toMatchObject({
      name: "Fourth, quoted",
      priceMinor: 150,
    });
  });

  it("refuses a CSV without a sku column and an unreadable file", async () => {
    expect((await api.csv("/api/v1/products/import", "name\nx")).status).toBe(400);
    expect((await api.csv("/api/v1/products/import", 'sku,name\n"A,unclosed')).status).toBe(400);
  });
});

describe("product list and settings", () => {
  it("searches, filters by stock status and pages with a cursor", async () => {
    await api.post("/api/v1/products/import", {
      products: Array.from({ length: 7 }, (_, i) => ({
        sku: `PAGE-${i}`,
        name: `Page item ${i}`,
        quantity: i,
        lowStockThreshold: 2,
      })),
    });
    const page1 = await api.get("/api/v1/products?q=PAGE-&limit=4");
    expect(page1.body.items.map((p: { sku: string }) => p.sku)).toEqual([
      "PAGE-0",
      "PAGE-1",
      "PAGE-2",
      "PAGE-3",
    ]);
    const page2 = await api.get(`/api/v1/products?q=PAGE-&limit=4&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((p: { sku: string }) => p.sku)).toEqual(["PAGE-4", "PAGE-5", "PAGE-6"]);
    expect(page2.body.nextCursor).toBeNull();
    const low = await api.get("/api/v1/products?q=PAGE-&stockStatus=low");
    expect(low.body.items.map((p: { sku: string }) => p.sku)).toEqual(["PAGE-1", "PAGE-2"]);
    const out = await api.get("/api/v1/products?q=PAGE-&stockStatus=out");
    expect(out.body.items.map((p: { sku: string }) => p.sku)).toEqual(["PAGE-0"]);
  });

  it("changes hub settings and answers 404 for an unknown SKU", async () => {
    const res = await api.patch("/api/v1/products/MUG-1", { leadTimeDays: 14, archived: true });
    expect(res.body).toMatchObject({ leadTimeDays: 14, archived: true });
    expect((await api.get("/api/v1/products?archived=true&q=MUG")).body.items).toHaveLength(1);
    expect((await api.get("/api/v1/products/NOPE")).status).toBe(404);
    expect((await api.patch("/api/v1/products/MUG-1", { name: "renamed" })).status).toBe(400);
  });
});
