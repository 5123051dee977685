import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connector } from "../src/connectors/contract.ts";
import { apiFor } from "./helpers/api.ts";
import { createTenant, startTestHub, type TestHub } from "./helpers/hub.ts";
import { createTestConnector, createTestPlatform } from "./helpers/test-connector.ts";

/**
 * A connector that declares a feed its session cannot run is refused before any connection
 * exists (pairing), and one declaring a feed the hub has no runner for is refused when the hub
 * starts, so neither leaves runs that fail later without saying why.
 */
const platform = createTestPlatform();
const complete = createTestConnector(platform) as Connector<unknown>;
const withoutWrites: Connector<unknown> = {
  ...complete,
  platform: "no-writes",
  displayName: "No Writes",
  connect: (credentials, env) => {
    const { writeStock: _dropped, ...rest } = complete.connect(credentials, env);
    return rest;
  },
};

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ connectors: { test: complete, "no-writes": withoutWrites } });
});
afterAll(() => hub?.close());

describe("feed registry at pairing and at hub start", () => {
  it("refuses to pair a connector whose session lacks a declared feed's method, naming both", async () => {
    const api = apiFor(hub.app, await createTenant(hub));
    const res = await api.post("/api/v1/connections", {
      platform: "no-writes",
      name: "Incomplete",
      credentials: { token: platform.token },
      onboarding: false,
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("connector_incomplete");
    expect(res.body.detail).toContain("stock-export needs writeStock");
    const list = await api.get("/api/v1/connections");
    expect(JSON.stringify(list.body)).not.toContain("Incomplete");

    const ok = await api.post("/api/v1/connections", {
      platform: "test",
      name: "Complete",
      credentials: { token: platform.token },
      onboarding: false,
    });
    expect(ok.status).toBe(201);
  });

  it("refuses to start a hub with a connector declaring a feed no runner exists for", async () => {
    const suppliers: Connector<unknown> = {
      ...complete,
      capabilities: { ...complete.capabilities, feeds: ["suppliers"] },
    };
    await expect(startTestHub({ connectors: { suppliers } })).rejects.toThrow(/suppliers: suppliers/);
  });
});
