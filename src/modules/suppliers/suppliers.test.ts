import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "../../../test/helpers/hub.ts";
import { getProductBySku } from "../catalog/index.ts";
import { recordSupplierStock } from "./index.ts";

let hub: TestHub;
let tenant: Tenant;
let api: Api;
beforeAll(async () => {
  hub = await startTestHub();
  tenant = await createTenant(hub);
  api = apiFor(hub.app, tenant);
  await api.post("/api/v1/products/import", {
    products: [
      { sku: "SUP-1", name: "Bolt", quantity: 4 },
      { sku: "SUP-2", name: "Nut" },
      { sku: "SUP-3", name: "Washer" },
    ],
  });
});
afterAll(() => hub?.close());

const addSupplier = async (body: Record<string, unknown>) => {
  const res = await api.post("/api/v1/suppliers", body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; name: string };
};

describe("suppliers", () => {
  it("adds, lists by name in keyset pages, changes and removes suppliers", async () => {
    const acme = await addSupplier({
      name: "Acme",
      email: "orders@acme.example",
      currency: "EUR",
      defaultLeadTimeDays: 14,
      minimumOrderValue: "250.00",
      notes: "Ships Mondays",
    });
    expect(acme).toMatchObject({
      name: "Acme",
      currency: "EUR",
      defaultLeadTimeDays: 14,
      minimumOrderValue: 250,
    });
    await addSupplier({ name: "Bolts Ltd", currency: "GBP" });
    await addSupplier({ name: "Cogs Inc", currency: "USD" });

    const first = await api.get("/api/v1/suppliers?limit=2");
    expect(first.body.items.map((s: { name: string }) => s.name)).toEqual(["Acme", "Bolts Ltd"]);
    const second = await api.get(`/api/v1/suppliers?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ items: [{ name: "Cogs Inc" }], nextCursor: null });

    expect((await api.post("/api/v1/suppliers", { name: "Acme", currency: "EUR" })).body.code).toBe(
      "supplier_name_taken",
    );
    const changed = await api.patch(`/api/v1/suppliers/${acme.id}`, { defaultLeadTimeDays: 10 });
    expect(changed.body).toMatchObject({ defaultLeadTimeDays: 10, minimumOrderValue: 250 });
    const cogs = second.body.items[0];
    expect((await api.delete(`/api/v1/suppliers/${cogs.id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/suppliers/${cogs.id}`)).status).toBe(404);
  });

  it("refuses a bad currency or amount and changes nothing", async () => {
    const before = (await api.get("/api/v1/suppliers")).body.items.length;
    const currency = await api.post("/api/v1/suppliers", { name: "Bad", currency: "EU1" });
    expect([currency.status, currency.body.code]).toEqual([400, "currency_invalid"]);
    const amount = await api.post("/api/v1/suppliers", {
      name: "Bad",
      currency: "USD",
      minimumOrderValue: "1.005",
    });
    expect([amount.status, amount.body.code]).toEqual([400, "amount_invalid"]);
    expect((await api.get("/api/v1/suppliers")).body.items.length).toBe(before);
  });
});

describe("product links", () => {
  it("links products with terms, keeps one preferred supplier per product, edits and removes links", async () => {
    const north = await addSupplier({ name: "North", currency: "USD", defaultLeadTimeDays: 7 });
    const south = await addSupplier({ name: "South", currency: "USD" });
    const link = await api.post(`/api/v1/suppliers/${north.id}/links`, {
      sku: "SUP-1",
      supplierSku: "N-BOLT",
      cost: "1.25",
      minOrderQuantity: 10,
      orderMultiple: 5,
      preferred: true,
    });
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({
      sku: "SUP-1",
      supplierSku: "N-BOLT",
      cost: 1.25,
      preferred: true,
      origin: "manual",
    });
    const other = await api.post(`/api/v1/suppliers/${south.id}/links`, {
      sku: "SUP-1",
      supplierSku: "S-77",
      preferred: true,
    });
    expect(other.body.preferred).toBe(true);
    const page = (await api.get("/api/v1/products/SUP-1")).body;
    expect(
      page.supplierLinks.map((l: { supplier: string; preferred: boolean; leadTimeDays: number | null }) => [
        l.supplier,
        l.preferred,
        l.leadTimeDays,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ["North", false, 7],
        ["South", true, null],
      ]),
    );

    const again = await api.post(`/api/v1/suppliers/${north.id}/links`, {
      sku: "SUP-1",
      supplierSku: "N-OTHER",
    });
    expect([again.status, again.body.code]).toEqual([409, "supplier_link_exists"]);
    const sameSku = await api.post(`/api/v1/suppliers/${north.id}/links`, {
      sku: "SUP-2",
      supplierSku: "N-BOLT",
    });
    expect([sameSku.status, sameSku.body.code]).toEqual([409, "supplier_sku_taken"]);

    const edited = await api.patch(`/api/v1/supplier-links/${link.body.id}`, {
      cost: 1.3,
      orderMultiple: 10,
    });
    expect(edited.body).toMatchObject({ cost: 1.3, orderMultiple: 10, minOrderQuantity: 10 });
    expect((await api.delete(`/api/v1/supplier-links/${other.body.id}`)).status).toBe(204);
    const links = await api.get(`/api/v1/suppliers/${south.id}/links`);
    expect(links.body).toEqual({ items: [], nextCursor: null });
  });

  it("imports links from CSV: good lines import, bad lines are listed with their line number", async () => {
    const csvSupplier = await addSupplier({ name: "Csv Parts", currency: "EUR" });
    const csv = [
      "sku,supplier_sku,cost,lead_time_days,min_order_quantity,order_multiple,preferred",
      "SUP-2,CP-NUT,0.40,5,100,50,yes",
      "SUP-3,CP-WASH,0.05,,,,no",
      "NOPE,CP-X,1.00,,,,",
      "SUP-1,CP-BOLT,abc,,,,",
      "SUP-1,CP-BOLT2,1.00,,0,,",
      "SUP-1,too,few",
    ].join("\n");
    const res = await api.csv(`/api/v1/suppliers/${csvSupplier.id}/links/import`, csv);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(2);
    expect(res.body.rejected.map((r: { line: number }) => r.line)).toEqual([4, 5, 6, 7]);
    expect(res.body.rejected[0].error).toBe("no product with this SKU");

    const replay = await api.csv(
      `/api/v1/suppliers/${csvSupplier.id}/links/import`,
      "sku,supplier_sku,cost\nSUP-2,CP-NUT,0.45\n",
    );
    expect(replay.body).toMatchObject({ created: 0, updated: 1, rejected: [] });
    const links = (await api.get(`/api/v1/suppliers/${csvSupplier.id}/links`)).body.items;
    expect(links).toEqual([
      expect.objectContaining({
        supplierSku: "CP-NUT",
        sku: "SUP-2",
        cost: 0.45,
        origin: "csv",
        currency: "EUR",
      }),
      expect.objectContaining({ supplierSku: "CP-WASH", sku: "SUP-3", cost: 0.05, preferred: false }),
    ]);
    const missing = await api.csv(`/api/v1/suppliers/${csvSupplier.id}/links/import`, "sku,cost\nSUP-2,1\n");
    expect(missing.body, JSON.stringify(missing.body)).toMatchObject({ code: "csv_link_columns_missing" });
  });
});

describe("supplier stock", () => {
  it("shows each supplier's stock on the product page, apart from the warehouses' on-hand", async () => {
    const east = await addSupplier({ name: "East", currency: "USD" });
    const product = await getProductBySku(hub.ctx.db, tenant.accountId, "SUP-1");
    await recordSupplierStock(hub.ctx.db, tenant.accountId, east.id, [
      { productId: product.id, quantity: 120, costMinor: 199 },
    ]);
    await recordSupplierStock(hub.ctx.db, tenant.accountId, east.id, [
      { productId: product.id, quantity: 80 },
    ]);
    const page = (await api.get("/api/v1/products/SUP-1")).body;
    expect(page.supplierStock).toEqual([
      expect.objectContaining({
        supplier: "East",
        supplierId: east.id,
        quantity: 80,
        cost: 1.99,
        currency: "USD",
      }),
    ]);
    expect(page).toMatchObject({ onHand: 4, available: 4 });
  });
});
