import { afterAll, beforeAll, expect, it } from "vitest";
import type { Connector } from "../src/connectors/contract.ts";
import {
  createShopifySession,
  type ShopifyCredentials,
  shopifyConnector,
} from "../src/connectors/shopify/index.ts";
import { listEvents } from "../src/modules/events/index.ts";
import { advanceOnboarding, createRun, executeFeedRun } from "../src/modules/sync/index.ts";
import { type ShopifySandbox, startShopifySandbox } from "../src/sandboxes/shopify/index.ts";
import { type Api, apiFor } from "./helpers/api.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "./helpers/hub.ts";

/**
 * A failed run carries a stable code the API shows (and the dashboard advises by): the Shopify
 * sandbox refuses a revoked token, or is down. Workers are off: the test runs each feed itself.
 */
let store: ShopifySandbox;
let hub: TestHub;
let tenant: Tenant;
let api: Api;
let connectionId: string;
let onboardingSteps: { kind: string; runId: string | null }[];

// Short back-off, so giving up on an outage takes milliseconds rather than seconds.
const quickRetryShopify: Connector<ShopifyCredentials> = {
  ...shopifyConnector,
  connect: (credentials, env) =>
    createShopifySession(credentials, env, { retry: { baseDelayMs: 5, maxDelayMs: 20 } }),
};

beforeAll(async () => {
  store = await startShopifySandbox({ seed: 11, products: 3, orders: 2, locations: 1 });
  hub = await startTestHub({
    env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" },
    connectors: { shopify: quickRetryShopify as Connector<unknown> },
  });
  tenant = await createTenant(hub);
  api = apiFor(hub.app, tenant);
  const paired = await api.post("/api/v1/connections", {
    platform: "shopify",
    name: "Coded store",
    credentials: { shopDomain: store.url, accessToken: store.accessToken, apiSecret: store.apiSecret },
  });
  expect(paired.status).toBe(201);
  connectionId = paired.body.id;
  onboardingSteps = paired.body.onboarding.steps;
}, 60_000);
afterAll(async () => {
  await hub?.close();
  await store?.close();
});

const runOf = async (runId: string) => (await api.get(`/api/v1/feed-runs/${runId}`)).body;

it("a run refused with 401 has errorCode credentials_rejected, and so has its onboarding step", async () => {
  const revoked = await fetch(`${store.url}/_sandbox/access-tokens/${store.accessToken}`, {
    method: "DELETE",
  });
  expect(revoked.status).toBe(204);
  const first = onboardingSteps[0]!;
  await executeFeedRun(hub.ctx, { runId: first.runId!, connectionId, kind: first.kind });
  await advanceOnboarding(hub.ctx, connectionId);

  const run = await runOf(first.runId!);
  expect(run).toMatchObject({ status: "failed", errorCode: "credentials_rejected" });
  expect(run.error).toMatch(/refused the access token/);
  const listed = (await api.get(`/api/v1/feed-runs?connectionId=${connectionId}&status=failed`)).body.items;
  expect(listed).toEqual([expect.objectContaining({ id: first.runId, errorCode: "credentials_rejected" })]);

  const onboarding = (await api.get(`/api/v1/connections/${connectionId}`)).body.onboarding;
  expect(onboarding.status).toBe("failed");
  expect(onboarding.steps[0]).toMatchObject({ status: "failed", reasonCode: "credentials_rejected" });
  // The later steps were never run: a reason the hub chose, with no failure code.
  for (const later of onboarding.steps.slice(1))
    expect(later).toMatchObject({ status: "skipped", reasonCode: null });
  store.control.reset();
});

it("a run against a store that answers 503 has errorCode platform_unavailable", async () => {
  const down = await fetch(`${store.url}/_sandbox/outage`, {
    method: "PUT",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ status: 503 }),
  });
  expect(down.status).toBe(200);
  const run = await createRun(hub.ctx.db, {
    accountId: tenant.accountId,
    connectionId,
    feedKind: "new-products",
    trigger: "manual",
  });
  try {
    await executeFeedRun(hub.ctx, { runId: run.id, connectionId, kind: "new-products" });
  } finally {
    store.control.setOutage(null);
  }
  expect(await runOf(run.id)).toMatchObject({ status: "failed", errorCode: "platform_unavailable" });
  // Job-completion notifications and custom alerts read the code from the event, not only the API.
  const finished = await listEvents(hub.ctx.db, tenant.accountId, {
    types: ["feed_run.finished"],
    subject: connectionId,
    limit: 100,
  });
  expect(finished.find((e) => (e.payload as { runId: string }).runId === run.id)?.payload).toMatchObject({
    status: "failed",
    errorCode: "platform_unavailable",
  });
});
