import { afterAll, beforeAll, expect, it } from "vitest";
import { getConnection, markDisconnected } from "../src/modules/connections/index.ts";
import {
  advanceOnboarding,
  claimRun,
  executeFeedRun,
  finishRun,
  startRun,
} from "../src/modules/sync/index.ts";
import { type ShopifySandbox, startShopifySandbox } from "../src/sandboxes/shopify/index.ts";
import { type Api, apiFor } from "./helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "./helpers/hub.ts";

/**
 * A failed onboarding step ends the chain: the later steps are ended as blocked rather than left
 * queued for ever, so nothing that waits for the account's runs to finish hangs on them.
 * Workers are off: the test drives the chain step by step.
 */
let hub: TestHub;
let api: Api;
let accountId: string;
let store: ShopifySandbox;

beforeAll(async () => {
  store = await startShopifySandbox({ seed: 5, products: 3, orders: 4, locations: 1 });
  hub = await startTestHub({ env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" } });
  const tenant = await createTenant(hub);
  accountId = tenant.accountId;
  api = apiFor(hub.app, tenant);
}, 60_000);
afterAll(async () => {
  await hub?.close();
  await store?.close();
});

it("blocks the remaining steps and reports the onboarding failed when a step fails", async () => {
  const paired = await api.post("/api/v1/connections", {
    platform: "shopify",
    name: "Failing store",
    credentials: { shopDomain: store.url, accessToken: store.accessToken, apiSecret: store.apiSecret },
  });
  expect(paired.status).toBe(201);
  const id = paired.body.id as string;
  const steps = paired.body.onboarding.steps as { kind: string; runId: string }[];
  const products = steps.find((s) => s.kind === "new-products")!;

  const claimed = await claimRun(hub.ctx.db, products.runId);
  expect(claimed).toBeTruthy();
  await finishRun(hub.ctx.db, await startRun(hub.ctx.db, claimed!), "failed", "the store refused the token");
  await advanceOnboarding(hub.ctx, id);

  const body = (await api.get(`/api/v1/connections/${id}`)).body;
  expect(body.onboarding.status).toBe("failed");
  const byKind = Object.fromEntries(
    (body.onboarding.steps as { kind: string; status: string }[]).map((s) => [s.kind, s.status]),
  );
  expect(byKind["new-products"]).toBe("failed");
  for (const later of steps.filter((s) => s.kind !== "new-products")) {
    const run = (await api.get(`/api/v1/feed-runs/${later.runId}`)).body;
    expect(run.status, later.kind).toBe("blocked");
    expect(run.error ?? JSON.stringify(run)).toMatch(/earlier onboarding step failed/);
  }
  const queued = (await api.get(`/api/v1/feed-runs?connectionId=${id}&status=queued`)).body.items;
  expect(queued).toEqual([]);
});

it("ends the onboarding failed, not succeeded, when the platform lets the connection go mid-way", async () => {
  const paired = await api.post("/api/v1/connections", {
    platform: "shopify",
    name: "Uninstalled store",
    credentials: { shopDomain: store.url, accessToken: store.accessToken, apiSecret: store.apiSecret },
  });
  expect(paired.status).toBe(201);
  const id = paired.body.id as string;
  const steps = paired.body.onboarding.steps as { kind: string; runId: string }[];
  await markDisconnected(
    hub.ctx.db,
    await getConnection(hub.ctx.db, accountId, id),
    "the app was uninstalled",
  );

  // The first step's job, as a worker would take it: refused, so every later step is blocked.
  await executeFeedRun(hub.ctx, { runId: steps[0]!.runId, connectionId: id, kind: steps[0]!.kind });
  await advanceOnboarding(hub.ctx, id);

  const onboarding = (await api.get(`/api/v1/connections/${id}`)).body.onboarding;
  expect(onboarding.status).toBe("failed");
  expect(onboarding.finishedAt).not.toBeNull();
  expect(onboarding.steps[0]).toMatchObject({ status: "failed", reasonCode: "connection_disconnected" });
  expect(onboarding.steps[0].reason).toMatch(/disconnected \(the app was uninstalled\)/);
  const queued = (await api.get(`/api/v1/feed-runs?connectionId=${id}&status=queued`)).body.items;
  expect(queued).toEqual([]);
});
