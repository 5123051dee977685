import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ShopifySandbox, startShopifySandbox } from "../src/sandboxes/shopify/index.ts";
import { type Api, apiFor } from "./helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "./helpers/hub.ts";
import { until } from "./helpers/until.ts";

/**
 * A Shopify store as real ones are (issue 19 item 6): one level oversold (available below zero),
 * a "Default Title" product, a variant without a SKU and guest orders without customer or address.
 * Onboarding it keeps the oversell below zero in the hub and says so in the sync log, pushes 0
 * (never a negative) once live, and takes the other gaps without breaking anything else.
 */
let hub: TestHub;
let api: Api;
let store: ShopifySandbox;
let connectionId: string;

type SyncLogLine = {
  sku: string;
  direction: string;
  quantity: number | null;
  severity: string | null;
  reason: string | null;
};

async function syncLog(sku: string): Promise<SyncLogLine[]> {
  const res = await api.get(`/api/v1/sync-log?connectionId=${connectionId}&sku=${encodeURIComponent(sku)}`);
  expect(res.status).toBe(200);
  return res.body.items as SyncLogLine[];
}

function oversoldSku(): { sku: string; quantity: number } {
  const item = store.store.inventoryItems.find((i) => i.levels.some((l) => l.available < 0))!;
  const variant = store.store.variantsById.get(item.variantId)!;
  return { sku: variant.sku, quantity: item.levels.find((l) => l.available < 0)!.available };
}

beforeAll(async () => {
  store = await startShopifySandbox({
    seed: 43,
    products: 8,
    orders: 30,
    locations: 1,
    plan: "plus",
    shopName: "Gaps",
    realisticGaps: true,
  });
  hub = await startTestHub({ work: true, env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" } });
  api = apiFor(hub.app, await createTenant(hub));
  const res = await api.post("/api/v1/connections", {
    platform: "shopify",
    name: "Gaps",
    credentials: { shopDomain: store.url, accessToken: store.accessToken, apiSecret: store.apiSecret },
  });
  expect(res.status).toBe(201);
  connectionId = res.body.id;
  const onboarding = await until(
    "the onboarding to finish",
    async () => {
      const body = (await api.get(`/api/v1/connections/${connectionId}`)).body;
      return body.onboarding.status !== "running" && body.onboarding;
    },
    90_000,
    100,
  );
  expect(onboarding.status).toBe("succeeded");
}, 120_000);

afterAll(async () => {
  await hub?.close();
  await store?.close();
});

describe("onboarding a Shopify store with realistic gaps", () => {
  it("keeps the oversold level below zero, logs it, and sends the channel 0 once live", async () => {
    const { sku, quantity } = oversoldSku();
    expect(quantity).toBeLessThan(0);
    const product = (await api.get(`/api/v1/products/${encodeURIComponent(sku)}`)).body;
    expect(product.available).toBe(quantity);
    const pulled = (await syncLog(sku)).find((l) => l.direction === "pull");
    expect(pulled).toMatchObject({ quantity, severity: "error" });
    expect(pulled?.reason).toMatch(
      /oversold on Gaps: imported as -\d+, kept below zero here; channels are sent 0/,
    );

    expect((await api.post(`/api/v1/connections/${connectionId}/mode`, { mode: "live" })).status).toBe(200);
    // Going live kicks the drain itself: the push must not wait for the minute tick's sweep
    // (it did on PostgreSQL, ~55 s), so the wait stays under one tick.
    const pushed = await until(
      "the oversold SKU's push",
      async () => (await syncLog(sku)).find((l) => l.direction === "push" && l.quantity !== null),
      45_000,
      100,
    );
    expect(pushed).toMatchObject({ quantity: 0 });
    expect(store.control.getInventory(sku)?.available).toBe(0);
    // The hub still shows the oversell: only what channels are sent stops at zero.
    expect((await api.get(`/api/v1/products/${encodeURIComponent(sku)}`)).body.available).toBe(quantity);
  }, 90_000);

  it("names the variant without a SKU for a person, and takes Default Title and guest orders as they are", async () => {
    const runs = (await api.get(`/api/v1/feed-runs?connectionId=${connectionId}&feed=new-products`)).body
      .items as { id: string; status: string }[];
    expect(runs.map((r) => r.status)).toEqual(["partial"]);
    const run = (await api.get(`/api/v1/feed-runs/${runs[0]!.id}`)).body;
    const missing = (run.messages as { code: string; message: string }[]).filter(
      (m) => m.code === "missing_sku",
    );
    expect(missing.map((m) => m.message)).toEqual([
      expect.stringMatching(/^"Sample Swatch" on Gaps has no usable SKU/),
    ]);
    const issues = (await api.get(`/api/v1/sync/issues?connectionId=${connectionId}`)).body.items as {
      code: string;
    }[];
    // Besides the seed's unpaid orders (parked to be checked again), only the SKU-less variant.
    expect(issues.filter((i) => i.code !== "unpaid").map((i) => i.code)).toEqual(["missing_sku"]);

    const plain = (await api.get("/api/v1/products/SKU-PLAIN-1")).body;
    expect(plain).toMatchObject({ name: "Gift Card Sleeve", options: {} });
    const products = (await api.get("/api/v1/products?limit=500")).body.items as { sku: string }[];
    expect(products.length).toBe(store.store.variants.filter((v) => v.sku !== "").length);

    const guests = store.store.orders.filter((o) => o.customerId === null);
    expect(guests.length).toBe(2);
    const orders = (await api.get(`/api/v1/orders?connectionId=${connectionId}&limit=500`)).body.items as {
      id: string;
      customerName: string | null;
      customerEmail: string | null;
    }[];
    const imported = orders.filter((o) => o.customerName === null && o.customerEmail === null);
    expect(imported.length).toBe(guests.length);
    for (const o of imported) {
      const order = (await api.get(`/api/v1/orders/${o.id}`)).body;
      expect(order.lines.map((l: { sku: string }) => l.sku)).toEqual(["SKU-PLAIN-1"]);
      expect(Object.values(order.shippingAddress).every((v) => v === null)).toBe(true);
    }
  });
});
