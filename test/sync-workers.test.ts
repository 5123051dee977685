import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connector } from "../src/connectors/contract.ts";
import { type Api, apiFor } from "./helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "./helpers/hub.ts";
import {
  addTestProduct,
  createTestConnector,
  createTestPlatform,
  type TestPlatform,
} from "./helpers/test-connector.ts";
import { until } from "./helpers/until.ts";

/** The engine with its real workers: jobs, the event pump and drains run by themselves. */
let hub: TestHub;
let api: Api;
let platform: TestPlatform;

beforeAll(async () => {
  platform = createTestPlatform();
  addTestProduct(platform, "JOB-1", 4);
  addTestProduct(platform, "JOB-2", 6);
  hub = await startTestHub({
    work: true,
    connectors: { test: createTestConnector(platform) as Connector<unknown> },
  });
  api = apiFor(hub.app, await createTenant(hub));
});
afterAll(() => hub?.close());

describe("sync engine with workers", () => {
  it("runs a feed from Run now, then pushes stock changes by itself within seconds", async () => {
    const connection = (
      await api.post("/api/v1/connections", {
        platform: "test",
        name: "Worker shop",
        credentials: { token: platform.token },
        onboarding: false,
      })
    ).body;
    const run = await api.post(`/api/v1/connections/${connection.id}/feeds/new-products/run`, {});
    expect(run.status).toBe(202);
    const done = await until(
      "the product feed",
      async () => {
        const r = (await api.get(`/api/v1/feed-runs/${run.body.id}`)).body;
        return r.status === "succeeded" && r;
      },
      20_000,
    );
    expect(done.counts).toMatchObject({ new: 2 });
    await api.post(`/api/v1/connections/${connection.id}/mode`, { mode: "live" });
    await api.post("/api/v1/products/import", {
      products: [{ sku: "JOB-1", name: "Job one", quantity: 12 }],
    });
    await until(
      "the push to reach the platform",
      async () => platform.stock.get("item-1@loc-1") === 12,
      20_000,
    );
    await until(
      "the queue to empty",
      async () => (await api.get(`/api/v1/connections/${connection.id}/pending`)).body.count === 0,
      20_000,
    );
  });
});
