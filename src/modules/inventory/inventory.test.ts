import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../../test/helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "../../../test/helpers/hub.ts";

let hub: TestHub;
let api: Api;
beforeAll(async () => {
  hub = await startTestHub();
  api = apiFor(hub.app, await createTenant(hub));
  await api.post("/api/v1/products/import", {
    products: [
      { sku: "ADJ-1", name: "Adjustable", quantity: 10 },
      { sku: "ADJ-2", name: "Other" },
    ],
  });
});
afterAll(() => hub?.close());

describe("warehouses", () => {
  it("creates Default with the account, adds, renames, and protects the default and stocked ones", async () => {
    const list = await api.get("/api/v1/warehouses");
    expect(list.body.items).toEqual([
      expect.objectContaining({ name: "Default", isDefault: true, countsForAvailability: true }),
    ]);
    const added = await api.post("/api/v1/warehouses", { name: "Overflow", countsForAvailability: false });
    expect(added.status).toBe(201);
    expect((await api.post("/api/v1/warehouses", { name: "Overflow" })).status).toBe(409);
    const renamed = await api.patch(`/api/v1/warehouses/${added.body.id}`, { name: "Overflow B" });
    expect(renamed.body.name).toBe("Overflow B");
    const def = list.body.items[0];
    expect((await api.delete(`/api/v1/warehouses/${def.id}`)).body.code).toBe("default_warehouse");
    await api.post("/api/v1/stock/adjustments", {
      sku: "ADJ-2",
      delta: 3,
      warehouseId: added.body.id,
      idempotencyKey: "wh-stock",
    });
    expect((await api.delete(`/api/v1/warehouses/${added.body.id}`)).body.code).toBe("warehouse_has_stock");
    const empty = await api.post("/api/v1/warehouses", { name: "Empty" });
    expect((await api.delete(`/api/v1/warehouses/${empty.body.id}`)).status).toBe(204);
    const detail = await api.get("/api/v1/products/ADJ-2");
    expect(detail.body).toMatchObject({ onHand: 3, available: 3, channelAvailable: 0 });
  });
});

describe("stock adjustments", () => {
  it("records a delta once per key: 201, then 200 with the first result, 409 for another payload", async () => {
    const body = { sku: "ADJ-1", delta: 5, reason: "purchase-receipt", idempotencyKey: "po-77" };
    const first = await api.post("/api/v1/stock/adjustments", body);
    expect(first.status).toBe(201);
    expect(first.body.movement).toMatchObject({
      sku: "ADJ-1",
      onHandDelta: 5,
      onHandAfter: 15,
      reason: "purchase-receipt",
    });
    const again = await api.post("/api/v1/stock/adjustments", body);
    expect(again.status).toBe(200);
    expect(again.body.movement).toEqual(first.body.movement);
    const different = await api.post("/api/v1/stock/adjustments", { ...body, delta: 6 });
    expect(different.status).toBe(409);
    expect(different.body.code).toBe("idempotency_key_reused");
    expect((await api.get("/api/v1/products/ADJ-1")).body.onHand).toBe(15);
  });

  it("sets a counted quantity", async () => {
    const res = await api.post("/api/v1/stock/adjustments", {
      sku: "ADJ-1",
      set: 4,
      idempotencyKey: "count-1",
    });
    expect(res.body.movement).toMatchObject({ onHandDelta: -11, onHandAfter: 4, reason: "set" });
  });

  it("refuses bad input and changes nothing", async () => {
    const cases = [
      [{ sku: "NOPE", delta: 1, idempotencyKey: "k1" }, 404],
      [{ sku: "ADJ-1", delta: -50, idempotencyKey: "k2" }, 409],
      [{ sku: "ADJ-1", delta: 1, set: 3, idempotencyKey: "k3" }, 400],
      [{ sku: "ADJ-1", set: -1, idempotencyKey: "k4" }, 400],
      [{ sku: "ADJ-1", delta: 1.5, idempotencyKey: "k5" }, 400],
      [{ sku: "ADJ-1", delta: 1 }, 400],
      [
        { sku: "ADJ-1", delta: 1, idempotencyKey: "k6", warehouseId: "00000000-0000-4000-8000-000000000000" },
        404,
      ],
    ] as const;
    for (const [body, status] of cases) {
      const res = await api.post("/api/v1/stock/adjustments", body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.type).toMatch(/^https:\/\/stockwire\.dev\/problems\//);
    }
    expect((await api.get("/api/v1/products/ADJ-1")).body.onHand).toBe(4);
  });

  it("transfers between warehouses and lists the ledger with filters", async () => {
    const back = await api.post("/api/v1/warehouses", { name: "Back room" });
    const def = (await api.get("/api/v1/warehouses")).body.items.find(
      (w: { isDefault: boolean }) => w.isDefault,
    );
    const t = await api.post("/api/v1/stock/transfers", {
      sku: "ADJ-1",
      fromWarehouseId: def.id,
      toWarehouseId: back.body.id,
      quantity: 3,
      idempotencyKey: "move-1",
    });
    expect(t.status).toBe(201);
    expect(
      (
        await api.post("/api/v1/stock/transfers", {
          sku: "ADJ-1",
          fromWarehouseId: def.id,
          toWarehouseId: back.body.id,
          quantity: 3,
          idempotencyKey: "move-1",
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api.post("/api/v1/stock/transfers", {
          sku: "ADJ-1",
          fromWarehouseId: def.id,
          toWarehouseId: back.body.id,
          quantity: 30,
          idempotencyKey: "move-2",
        })
      ).body.code,
    ).toBe("insufficient_stock");
    const detail = await api.get("/api/v1/products/ADJ-1");
    expect(detail.body.onHand).toBe(4);
    expect(
      detail.body.warehouses.find((w: { warehouseName: string }) => w.warehouseName === "Back room").onHand,
    ).toBe(3);
    const moves = await api.get("/api/v1/stock/movements?sku=ADJ-1&reason=transfer&limit=1");
    expect(moves.body.items).toHaveLength(1);
    const next = await api.get(
      `/api/v1/stock/movements?sku=ADJ-1&reason=transfer&limit=1&cursor=${moves.body.nextCursor}`,
    );
    expect(next.body.items[0].id).toBeLessThan(moves.body.items[0].id);
  });
});
