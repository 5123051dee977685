import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ShopifySandbox, startShopifySandbox } from "../src/sandboxes/shopify/index.ts";
import { type Daemon, lastJsonLine, runCli, startDaemon } from "./helpers/cli.ts";
import { freshDatabase, onPostgres } from "./helpers/database.ts";
import { TEST_SECRET } from "./helpers/hub.ts";
import { until } from "./helpers/until.ts";

// A hub process killed with SIGKILL mid-drain must lose no stock push. PGlite cannot be shared
// between the killed process and its successor safely, so this runs in CI's PostgreSQL pass.
describe.skipIf(!onPostgres)("crash safety of the stock outbox", () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let sandbox: ShopifySandbox;
  let env: Record<string, string>;
  let server: (Daemon & { match: RegExpMatchArray }) | undefined;
  const listening = /"url":"(http:\/\/[^"]+)".*stockwire is listening/;

  beforeAll(async () => {
    database = await freshDatabase();
    sandbox = await startShopifySandbox({ seed: 5, products: 300, orders: 0, locations: 1 });
    env = {
      DATABASE_URL: database.url!,
      STOCKWIRE_SECRET: TEST_SECRET,
      PORT: "0",
      LOG_LEVEL: "info",
      STOCKWIRE_ALLOW_PRIVATE_URLS: "1",
    };
  }, 60_000);
  afterAll(async () => {
    await server?.stop("SIGKILL");
    await sandbox?.close();
    await database?.close();
  });

  it("pushes every queued quantity after a SIGKILL and restart", async () => {
    server = await startDaemon(["serve"], env, listening);
    let url = server.match[1]!;
    await runCli(
      [
        "user",
        "create",
        "--account",
        "Crash Shop",
        "--email",
        "crash@example.com",
        "--password",
        "a long password",
      ],
      env,
    );
    const { token } = lastJsonLine<{ token: string }>(
      (await runCli(["token", "create", "--email", "crash@example.com"], env)).stdout,
    );
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return (await res.json()) as Record<string, never>;
    };
    const connection = await call("POST", "/api/v1/connections", {
      platform: "shopify",
      name: "Crash store",
      credentials: {
        shopDomain: sandbox.url,
        accessToken: sandbox.accessToken,
        apiSecret: sandbox.apiSecret,
      },
      onboarding: false,
    });
    const run = await call("POST", `/api/v1/connections/${connection.id}/feeds/new-products/run`, {
      full: true,
    });
    await until(
      "the catalogue",
      async () => (await call("GET", `/api/v1/feed-runs/${run.id}`)).status === "succeeded",
      60_000,
    );
    await call("POST", `/api/v1/connections/${connection.id}/mode`, { mode: "live" });

    // Slow the store down (one 250-item call every 5.5 seconds: real Shopify and the sandbox charge
    // 11 points for it) so the kill lands mid-drain. A bucket smaller than one call would hold
    // every push back for good.
    sandbox.control.setThrottle({ maximumAvailable: 11, restoreRate: 2, currentlyAvailable: 11 });
    const products = (await call("GET", "/api/v1/products?limit=500&stockStatus=out")).items as unknown as {
      sku: string;
    }[];
    const expected = new Map(products.map((p, i) => [p.sku, 300 + i]));
    await call("POST", "/api/v1/products/import", {
      products: products.map((p) => ({ sku: p.sku, name: p.sku, quantity: expected.get(p.sku) })),
    });
    const pendingAtKill = await until(
      "the first pushes, with more waiting",
      async () => {
        if ((sandbox.control.callLog().byRootField.inventorySetQuantities ?? 0) < 1) return false;
        return (await call("GET", `/api/v1/connections/${connection.id}/pending`)).count as unknown as number;
      },
      60_000,
    );
    expect(await server.stop("SIGKILL")).not.toBe(0);
    expect(pendingAtKill).toBeGreaterThan(0);

    server = await startDaemon(["serve"], env, listening);
    url = server.match[1]!;
    await until(
      "the queue to empty",
      async () => (await call("GET", `/api/v1/connections/${connection.id}/pending`)).count === 0,
      120_000,
    );
    // Variants the store does not track are never pushed (the sync log says why).
    const skipped = new Set(
      (
        (await call("GET", `/api/v1/sync-log?connectionId=${connection.id}&status=skipped&limit=500`))
          .items as unknown as { sku: string }[]
      ).map((l) => l.sku),
    );
    const wrong = [...expected].filter(
      ([sku, q]) => !skipped.has(sku) && sandbox.control.getInventory(sku)?.available !== q,
    );
    expect(skipped.size).toBeLessThan(expected.size / 4);
    expect(wrong).toEqual([]);
  }, 240_000);
});
