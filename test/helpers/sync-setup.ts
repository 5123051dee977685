import type { Connector } from "../../src/connectors/contract.ts";
import { createRun, executeFeedRun, getRun } from "../../src/modules/sync/index.ts";
import { type Api, apiFor } from "./api.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "./hub.ts";
import { createTestConnector, createTestPlatform, type TestPlatform } from "./test-connector.ts";

export type SyncFixture = { hub: TestHub; platform: TestPlatform; tenant: Tenant; api: Api };

/** A hub whose only connector is the in-process test platform (workers off: tests drive the engine). */
export async function startSyncHub(): Promise<SyncFixture> {
  const platform = createTestPlatform();
  const hub = await startTestHub({
    connectors: { test: createTestConnector(platform) as Connector<unknown> },
  });
  const tenant = await createTenant(hub);
  return { hub, platform, tenant, api: apiFor(hub.app, tenant) };
}

export async function pair(
  f: SyncFixture,
  name: string,
  mode: "test" | "shadow" | "live" = "test",
): Promise<string> {
  const res = await f.api.post("/api/v1/connections", {
    platform: "test",
    name,
    credentials: { token: f.platform.token },
    // A bare connection: these tests run each feed themselves.
    onboarding: false,
  });
  if (res.status !== 201) throw new Error(`pairing failed: ${JSON.stringify(res.body)}`);
  if (mode !== "test") await f.api.post(`/api/v1/connections/${res.body.id}/mode`, { mode });
  return res.body.id;
}

/** Creates a feed run and executes it in this process (no queue), returning the finished run with messages. */
export async function runFeed(f: SyncFixture, connectionId: string, kind: string, full = false) {
  const run = await createRun(f.hub.ctx.db, {
    accountId: f.tenant.accountId,
    connectionId,
    feedKind: kind,
    trigger: "manual",
    full,
  });
  await executeFeedRun(f.hub.ctx, { runId: run.id, connectionId, kind });
  return getRun(f.hub.ctx.db, f.tenant.accountId, run.id);
}
