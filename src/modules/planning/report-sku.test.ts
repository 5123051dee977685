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
      { sku: "ONE-A", name: "A", quantity: 20, leadTimeDays: 3 },
      { sku: "ONE-B", name: "B", quantity: 5 },
    ],
  });
  const placed = await api.post("/api/v1/orders", {
    platformOrderId: "sku-1",
    placedAt: new Date(Date.now() - 86_400_000).toISOString(),
    currency: "USD",
    lines: [{ sku: "ONE-A", quantity: 9, unitPriceMinor: 100 }],
  });
  expect(placed.status).toBe(201);
});
afterAll(() => hub?.close());

describe("planner report for one SKU", () => {
  it("answers only that SKU's line, with the same figures as the whole report", async () => {
    const one = await api.get("/api/v1/planning/report?sku=ONE-A");
    expect(one.status).toBe(200);
    expect(one.body.items).toHaveLength(1);
    const all = await api.get("/api/v1/planning/report");
    expect(one.body.items[0]).toEqual(all.body.items.find((r: { sku: string }) => r.sku === "ONE-A"));
    expect(one.body.items[0]).toMatchObject({ unitsSold: 9, available: 11, leadTimeDays: 3 });
  });

  it("answers an empty page for a SKU the account does not have, and refuses an empty SKU", async () => {
    expect((await api.get("/api/v1/planning/report?sku=NOPE")).body).toMatchObject({
      items: [],
      nextCursor: null,
    });
    expect((await api.get("/api/v1/planning/report?sku=")).status).toBe(400);
  });
});
