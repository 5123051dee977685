import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAccount, setAllotment } from "../src/modules/accounts/index.ts";
import { announceAllotmentThresholds } from "../src/modules/orders/index.ts";
import { type ShopifySandbox, startShopifySandbox } from "../src/sandboxes/shopify/index.ts";
import { type Api, apiFor } from "./helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "./helpers/hub.ts";
import { until } from "./helpers/until.ts";

/**
 * Usage against an allotment (R-ORD-6): orders downloaded this year are counted once each; at 80 %
 * and 100 % the merchant is told once; at 100 % order import pauses with an error the merchant can
 * see while stock keeps syncing, and resumes where it stopped when the operator raises the allotment.
 */
let hub: TestHub;
let api: Api;
let shop: ShopifySandbox;
let id: string;
let accountName: string;

type Run = { id: string; status: string; errorCode: string | null; error: string | null };

async function runFeed(kind: string): Promise<Run> {
  const asked = await api.post(`/api/v1/connections/${id}/feeds/${kind}/run`, {});
  expect(asked.status).toBe(202);
  return until(
    `the ${kind} run to finish`,
    async () => {
      const run = (await api.get(`/api/v1/feed-runs/${asked.body.id}`)).body as Run;
      return !["queued", "running"].includes(run.status) && run;
    },
    60_000,
    100,
  );
}

const usage = async () => (await api.get("/api/v1/usage")).body;
const orderCount = async () =>
  ((await api.get(`/api/v1/orders?connectionId=${id}&limit=100`)).body.items as unknown[]).length;

beforeAll(async () => {
  shop = await startShopifySandbox({ seed: 12, products: 3, orders: 6, locations: 1 });
  hub = await startTestHub({ work: true, env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" } });
  hub.ctx.config.publicUrl = await hub.app.listen({ port: 0, host: "127.0.0.1" });
  const tenant = await createTenant(hub);
  api = apiFor(hub.app, tenant);
  accountName = (await getAccount(hub.ctx.db, tenant.accountId)).name;
  const paired = await api.post("/api/v1/connections", {
    platform: "shopify",
    name: "Allotted",
    credentials: { shopDomain: shop.url, accessToken: shop.accessToken, apiSecret: shop.apiSecret },
    onboarding: false,
  });
  expect(paired.status).toBe(201);
  id = paired.body.id;
  expect((await runFeed("new-products")).status).toBe("succeeded");
}, 120_000);

afterAll(async () => {
  await hub?.close();
  await shop?.close();
}, 60_000);

describe("an account's yearly order allotment", () => {
  it("is unlimited until the operator sets one, and counts each downloaded order once", async () => {
    expect(await usage()).toMatchObject({ used: 0, allotment: null, percent: null, reached: false });
    expect((await runFeed("new-orders")).status).toMatch(/succeeded|partial/);
    const imported = await orderCount();
    expect(imported).toBeGreaterThan(0);
    // Reading the same orders again (updates) downloads nothing new.
    await runFeed("update-orders");
    const counted = await usage();
    expect(counted.used).toBe(imported);
    expect(counted.months).toEqual([{ month: expect.stringMatching(/^\d{4}-\d{2}$/), orders: imported }]);
    expect(await announceAllotmentThresholds(hub.ctx.db)).toBe(0);
  });

  it("tells the merchant at 80 % and 100 % once each, and pauses order import at 100 %", async () => {
    const before = await orderCount();
    await setAllotment(hub.ctx.db, { account: accountName, orders: before });
    expect(await usage()).toMatchObject({ used: before, allotment: before, percent: 100, reached: true });
    expect(await announceAllotmentThresholds(hub.ctx.db)).toBe(2);
    expect(await announceAllotmentThresholds(hub.ctx.db)).toBe(0);
    const notices = await until(
      "both allotment notifications",
      async () => {
        const items = (await api.get("/api/v1/notifications?limit=50")).body.items as {
          type: string;
          title: string;
          body: string;
        }[];
        const mine = items.filter((n) => n.type.startsWith("order_allotment"));
        return mine.length === 2 && mine;
      },
      60_000,
    );
    const reached = notices.find((n) => n.type === "order_allotment_reached")!;
    expect(reached.title).toBe("Order allotment reached: order import is paused");
    expect(reached.body).toContain(`${before} of ${before} orders downloaded`);
    expect(notices.find((n) => n.type === "order_allotment_warning")?.title).toBe(
      "80% of this year's order allotment used",
    );

    // A new order on the store: its webhook is not imported, and the order feed is refused.
    const sku = [...shop.store.variantsBySku.values()].find((v) => shop.store.itemOfVariant(v).tracked)!.sku;
    shop.control.createOrder({ lines: [{ sku, quantity: 1 }] });
    await shop.control.waitForWebhooks();
    const refused = await runFeed("new-orders");
    expect(refused).toMatchObject({ status: "blocked", errorCode: "allotment_reached" });
    expect(refused.error).toMatch(
      new RegExp(`order allotment reached: ${before} of ${before} orders downloaded in \\d{4}`),
    );
    expect(await orderCount()).toBe(before);
    const run = (await api.get(`/api/v1/feed-runs/${refused.id}`)).body;
    expect(run.messages).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: "allotment_reached", severity: "error" })]),
    );
  });

  it("imports what waited once the allotment is raised", async () => {
    const before = await orderCount();
    await setAllotment(hub.ctx.db, { account: accountName, orders: before + 100 });
    expect((await runFeed("new-orders")).status).toMatch(/succeeded|partial/);
    expect(await orderCount()).toBe(before + 1);
    expect(await usage()).toMatchObject({ used: before + 1, reached: false });
  });

  it("refuses an allotment for an account that does not exist", async () => {
    await expect(setAllotment(hub.ctx.db, { account: "No such shop", orders: 5 })).rejects.toThrow(
      /account not found/,
    );
  });
});
