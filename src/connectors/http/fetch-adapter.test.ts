import { createAdminApiClient } from "@shopify/admin-api-client";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { costBucket } from "./budgets.ts";
import { platformFetch } from "./fetch-adapter.ts";
import { createPlatformClient } from "./platform-client.ts";
import { reply, startTestServer } from "./test-server.ts";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
});

describe("platformFetch", () => {
  it("routes @shopify/admin-api-client through the budget and retries", async () => {
    const server = await startTestServer((_seen, res, i) =>
      i === 0 ? reply(res, 503, "try later") : reply(res, 200, { data: { shop: { name: "Demo shop" } } }),
    );
    close = server.close;
    // Refills too slowly to matter during the test: what is spent stays visible.
    const budget = costBucket({ capacity: 2000, refillPerSecond: 0.001 });
    const client = createPlatformClient({
      platform: "shopify",
      connectionLabel: "demo",
      budget,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      allowPrivateUrls: true,
      logger: pino({ level: "silent" }),
    });
    const shopify = createAdminApiClient({
      storeDomain: server.url,
      apiVersion: "2026-01",
      accessToken: "shpat_test",
      customFetchApi: platformFetch(client, {
        priority: "catalog",
        cost: 10,
        rewriteUrl: (url) => url.replace(/^https:/, "http:"),
      }),
    });

    const { data, errors } = await shopify.request<{ shop: { name: string } }>("query { shop { name } }");
    expect(errors).toBeUndefined();
    expect(data?.shop.name).toBe("Demo shop");
    expect(server.seen).toHaveLength(2);
    expect(server.seen[1]?.url).toBe("/admin/api/2026-01/graphql.json");
    expect(server.seen[1]?.headers["x-shopify-access-token"]).toBe("shpat_test");
    expect(client.stats()).toMatchObject({ requests: 2, retries: 1 });
    // Each of the two attempts took the adapter's cost of 10.
    expect(budget.snapshot().available).toBeCloseTo(1980, 0);
  });
});
