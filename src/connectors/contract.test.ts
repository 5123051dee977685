import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Connector, ConnectorEnv, FeedKind } from "./contract.ts";
import { describeMissingFeedMethods, feedKinds, feedRegistry, missingFeedMethods } from "./feeds.ts";
import { connectors } from "./index.ts";

const env: ConnectorEnv = { logger: pino({ level: "silent" }), allowPrivateUrls: true };

/**
 * Credentials of each platform's shape, enough to open a session (no call is made). A platform
 * registered without an entry here fails the contract test, naming it.
 */
const sampleCredentials: Record<string, unknown> = {
  shopify: { shopDomain: "sample-shop.myshopify.com", accessToken: "shpat_sample", apiSecret: "secret" },
  "quickbooks-online": {
    realmId: "9130350000000000",
    clientId: "client",
    clientSecret: "secret",
    accessToken: "access",
    refreshToken: "refresh",
    accessTokenExpiresAt: "2030-01-01T00:00:00Z",
  },
  woocommerce: { url: "https://shop.example.com", consumerKey: "ck_sample", consumerSecret: "cs_sample" },
  "quickbooks-desktop": { username: "web-connector", password: "sample-password" },
  bigcommerce: { storeHash: "abc123", accessToken: "token" },
  shipstation: { apiKey: "key", apiSecret: "secret" },
};

describe("every registered connector can run the feeds it declares", () => {
  it.each(Object.keys(connectors))("%s", (platform) => {
    const connector = connectors[platform as keyof typeof connectors] as Connector<unknown>;
    const raw = sampleCredentials[platform];
    expect(raw, `add sample credentials for "${platform}" to contract.test.ts`).toBeDefined();
    const session = connector.connect(connector.credentials.parse(raw), env);
    const missing = missingFeedMethods(connector.capabilities.feeds, session);
    expect(describeMissingFeedMethods(missing)).toBe("");
    expect(connector.capabilities.feeds.every((kind) => feedKinds.includes(kind))).toBe(true);
  });
});

describe("missingFeedMethods", () => {
  const lacking: Connector<string> = {
    platform: "lacking",
    displayName: "Lacking",
    capabilities: {
      feeds: ["new-orders", "stock-export", "stock-check"],
      webhooks: false,
      compareAndSet: false,
      bulkExport: false,
      maxStockBatch: 1,
    },
    credentials: z.string(),
    describeCredentials: () => ({}),
    connect: () => ({
      validate: async () => ({ label: "lacking" }),
      listOrders: async () => ({ items: [], nextCursor: null }),
    }),
  };

  it("names each declared feed whose methods the session lacks, and only those", () => {
    const missing = missingFeedMethods(lacking.capabilities.feeds, lacking.connect("x", env));
    expect(missing).toEqual([
      { feed: "stock-export", methods: ["writeStock"] },
      { feed: "stock-check", methods: ["readStock"] },
    ]);
    expect(describeMissingFeedMethods(missing)).toBe(
      "stock-export needs writeStock; stock-check needs readStock",
    );
  });

  it("declares every kind once with a direction and, for the ones a connector runs, a method", () => {
    const runnable: FeedKind[] = feedKinds.filter(
      (kind) => kind !== "suppliers" && kind !== "supplier-links",
    );
    for (const kind of runnable) expect(feedRegistry[kind].sessionMethods.length).toBeGreaterThan(0);
    expect(new Set(feedKinds).size).toBe(feedKinds.length);
  });
});
