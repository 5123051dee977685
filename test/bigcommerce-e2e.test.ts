import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BigCommerceSandbox, startBigCommerceSandbox } from "../src/sandboxes/bigcommerce/index.ts";
import type { Api } from "./helpers/api.ts";
import { bcStock, cleanTrackedSkus, placeBcOrder } from "./helpers/bigcommerce-store.ts";
import { sandboxControl as bcControl, runFeedAndWait, startChannelHub } from "./helpers/channel-sandbox.ts";
import type { TestHub } from "./helpers/hub.ts";
import { until } from "./helpers/until.ts";

/**
 * A BigCommerce store (sandbox on 127.0.0.1) paired with a hub over real HTTP: every feed, the
 * thin webhooks re-read, the 30-second window forced small, header-less 429s and a refused
 * adjustment item.
 */
let hub: TestHub;
let api: Api;
let store: BigCommerceSandbox;
let id: string;
let skus: string[];

const runAndWait = (kind: string, full = false) => runFeedAndWait(api, id, kind, full);

const available = async (sku: string) =>
  (await api.get(`/api/v1/products/${encodeURIComponent(sku)}`)).body.available as number;

const failedPushes = async () =>
  (
    (await api.get(`/api/v1/sync-log?connectionId=${id}&status=failed&limit=500`)).body.items as {
      sku: string;
      reason: string;
      direction: string;
    }[]
  ).filter((row) => row.direction === "push");

const orderByNumber = async (number: number) => {
  const list = (await api.get(`/api/v1/orders?q=${encodeURIComponent(String(number))}`)).body.items as {
    id: string;
    orderNumber: string;
  }[];
  const found = list.find((o) => o.orderNumber.replace(/^#/, "") === String(number));
  return found ? (await api.get(`/api/v1/orders/${found.id}`)).body : undefined;
};

beforeAll(async () => {
  store = await startBigCommerceSandbox({
    seed: 21,
    products: 10,
    orders: 12,
    webhookRetryDelaysMs: [100, 300],
  });
  skus = cleanTrackedSkus(store);
  ({ hub, api } = await startChannelHub());
});
afterAll(async () => {
  await hub?.close();
  await store?.close();
});

describe("a BigCommerce store on a hub", () => {
  it("pairs with the sandbox's credentials and refuses wrong ones naming them", async () => {
    const bad = await api.post("/api/v1/connections", {
      platform: "bigcommerce",
      name: "Nope",
      credentials: { ...store.credentials, accessToken: "wrong" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.detail).toMatch(/storeHash and accessToken/);
    const res = await api.post("/api/v1/connections", {
      platform: "bigcommerce",
      name: "BC store",
      credentials: { ...store.credentials, clientSecret: store.clientSecret },
      onboarding: false,
    });
    expect(res.status).toBe(201);
    expect(res.body.webhooks.registered).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain(store.accessToken);
    id = res.body.id;
    const hooks = (await bcControl(store, "GET", "hooks")) as {
      scope: string;
      headers: Record<string, string>;
    }[];
    expect(hooks.map((h) => h.scope)).toContain("store/order/created");
    expect(Object.keys(hooks[0]!.headers)).toContain("X-Stockwire-Hook-Secret");
  });

  it("imports products with variants, paid orders and the stock per location", async () => {
    const products = await runAndWait("new-products");
    expect(products.counts.new).toBeGreaterThan(5);
    // Seeded gaps (no SKU, a duplicate SKU) fail alone; everything else is imported.
    expect(products.counts.failed).toBeGreaterThan(0);
    const orders = await runAndWait("new-orders", true);
    expect(orders.status).not.toBe("failed");
    expect(orders.counts.imported).toBeGreaterThan(0);
    expect((await runAndWait("initial-stock")).status).toBe("succeeded");
    for (const sku of skus.slice(0, 8)) expect(await available(sku), sku).toBe(bcStock(store, sku));
  });

  it("keeps the catalogue's gaps in the run log, not in the catalogue", async () => {
    const issues = (await api.get(`/api/v1/sync/issues?connectionId=${id}&limit=200`)).body.items as {
      code: string;
    }[];
    const codes = new Set(issues.map((i) => i.code));
    expect(codes.has("missing_sku") || codes.has("duplicate_sku")).toBe(true);
    const negative = [...store.store.items.values()].find(
      (v) => (v.stock.get(1) ?? 0) < 0 && store.store.itemsBySku(v.sku).length === 1,
    );
    if (negative) expect(await available(negative.sku.trim())).toBeLessThan(0);
  });

  it("follows an order placed on the store by webhook and pushes the hub's stock back", async () => {
    await api.post(`/api/v1/connections/${id}/mode`, { mode: "live" });
    const sku = skus[0]!;
    await api.post("/api/v1/stock/adjustments", { sku, set: 40, idempotencyKey: "bc-set-40" });
    await until("the store to show 40", () => bcStock(store, sku) === 40, 30_000);
    const order = await placeBcOrder(store, [{ sku, quantity: 3 }]);
    await until("the hub to reserve the order", async () => (await available(sku)) === 37, 30_000);
    expect(bcStock(store, sku)).toBe(37);
    expect((await orderByNumber(order.id))?.lines?.length ?? 1).toBeGreaterThan(0);
  });

  it("imports a guest order without customer or address", async () => {
    const sku = skus[1]!;
    const before = await available(sku);
    const order = await placeBcOrder(store, [{ sku, quantity: 1 }], { guest: true });
    await until("the guest order", async () => (await available(sku)) === before - 1, 30_000);
    expect(await orderByNumber(order.id)).toBeDefined();
  });

  it("records a refund announced by a thin webhook", async () => {
    const sku = skus[2]!;
    const order = await placeBcOrder(store, [{ sku, quantity: 2 }]);
    await until("the order", async () => (await orderByNumber(order.id)) !== undefined, 30_000);
    await bcControl(store, "POST", `orders/${order.id}/refunds`, {
      lines: [{ sku, quantity: 1 }],
      restock: false,
    });
    await until(
      "the refund on the hub's order",
      async () => ((await orderByNumber(order.id))?.refunds?.length ?? 0) > 0,
      30_000,
    );
  });

  it("confirms a shipment with its tracking number on the store", async () => {
    const sku = skus[3]!;
    const placed = await placeBcOrder(store, [{ sku, quantity: 1 }]);
    const order = await until("the order", () => orderByNumber(placed.id), 30_000);
    const shipped = await api.post(`/api/v1/orders/${order.id}/shipments`, {
      carrier: "UPS",
      trackingNumber: "1Z999",
    });
    expect(shipped.status).toBe(201);
    await until(
      "the store's shipment",
      () => store.store.orders.get(placed.id)?.shipments.some((s) => s.trackingNumber === "1Z999"),
      30_000,
    );
  });

  it("checks the store's stock against the hub", async () => {
    const run = await runAndWait("stock-check");
    expect(run.status).not.toBe("failed");
  });

  it("lands every stock update through a window forced to 5 requests, none reported failed", async () => {
    await bcControl(store, "PUT", "rate-limit", { quota: 5, windowMs: 2000 });
    const targets = skus.slice(4, 10);
    for (const [i, sku] of targets.entries()) {
      await api.post("/api/v1/stock/adjustments", { sku, set: 20 + i, idempotencyKey: `bc-throttle-${sku}` });
      await placeBcOrder(store, [{ sku, quantity: 1 }]);
    }
    for (const [i, sku] of targets.entries())
      await until(`${sku} at ${19 + i} on the store`, () => bcStock(store, sku) === 19 + i, 60_000);
    expect(await failedPushes()).toEqual([]);
    await bcControl(store, "PUT", "rate-limit", { quota: 150, windowMs: 30_000 });
  }, 90_000);

  it("backs off from a 429 without rate headers and still lands the update", async () => {
    await bcControl(store, "PUT", "rate-limit", { headerless: true });
    await bcControl(store, "POST", "faults/throttle", { count: 3 });
    const sku = skus[0]!;
    await api.post("/api/v1/stock/adjustments", { sku, set: 12, idempotencyKey: "bc-headerless" });
    // `set` is on-hand; the store is sent what can be sold (on-hand less open orders' units).
    const wanted = await available(sku);
    await until(`the store to show ${wanted}`, () => bcStock(store, sku) === wanted, 60_000);
    expect(await failedPushes()).toEqual([]);
    await bcControl(store, "PUT", "rate-limit", { headerless: false });
  }, 90_000);

  it("fails the SKU of a refused adjustment item alone", async () => {
    const bad = skus[1]!;
    const variant = store.store.itemsBySku(bad)[0]!;
    const good = skus.find((sku) => store.store.itemsBySku(sku)[0]!.productId !== variant.productId)!;
    // The merchant turned tracking off on BigCommerce: the store refuses that item, and with it the payload.
    for (const item of store.store.itemsOf(store.store.productOf(variant))) item.tracked = false;
    await api.post("/api/v1/stock/adjustments", { sku: bad, set: 9, idempotencyKey: "bc-bad" });
    await api.post("/api/v1/stock/adjustments", { sku: good, set: 8, idempotencyKey: "bc-good" });
    const wanted = await available(good);
    await until("the good SKU to land", () => bcStock(store, good) === wanted, 30_000);
    const failed = await until(
      "the bad SKU in the sync log",
      async () => (await failedPushes()).find((row) => row.sku === bad),
      30_000,
    );
    expect(failed.reason).toMatch(/inventory tracking disabled/);
    expect((await failedPushes()).map((row) => row.sku)).toEqual([bad]);
  }, 90_000);

  it("refuses a webhook with a bad signature and stores nothing", async () => {
    const body = JSON.stringify({ scope: "store/order/created", data: { type: "order", id: 1 }, hash: "x" });
    const res = await hub.app.inject({
      method: "POST",
      url: `/webhooks/bigcommerce/${id}`,
      headers: {
        "content-type": "application/json",
        "webhook-id": "msg_bad",
        "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
        "webhook-signature": "v1,AAAA",
        "x-stockwire-hook-secret": "00",
      },
      payload: body,
    });
    expect(res.statusCode).toBe(401);
  });

  it("takes duplicate and out-of-order deliveries once", async () => {
    await bcControl(store, "PUT", "webhook-mode", { duplicate: true, outOfOrder: true });
    const sku = skus[3]!;
    const before = await available(sku);
    await placeBcOrder(store, [{ sku, quantity: 1 }]);
    await placeBcOrder(store, [{ sku, quantity: 2 }]);
    await bcControl(store, "POST", "webhooks/wait");
    await until("both orders reserved", async () => (await available(sku)) === before - 3, 30_000);
    // Every duplicate was delivered and answered; the hub counted each order once.
    await new Promise((r) => setTimeout(r, 500));
    expect(await available(sku)).toBe(before - 3);
    await bcControl(store, "PUT", "webhook-mode", { duplicate: false, outOfOrder: false });
  });
});
