import { describe, expect, it } from "vitest";
import type { GraphqlClient } from "./client.ts";
import { registerWebhooks } from "./webhook-subscriptions.ts";

/** A client that must not be called: the refusal comes before any request. */
const untouched: GraphqlClient = {
  run: () => Promise.reject(new Error("no request expected")),
  runPartial: () => Promise.reject(new Error("no request expected")),
  download: () => Promise.reject(new Error("no request expected")),
  stats: () => {
    throw new Error("no stats expected");
  },
};

describe("webhook callbacks on a real shop", () => {
  it("refuses an http callback instead of registering one Shopify would never call", async () => {
    await expect(
      registerWebhooks(untouched, "http://127.0.0.1:3000/webhooks/shopify/1", { realShop: true }),
    ).rejects.toMatchObject({ code: "webhook_callback_not_https" });
  });

  it("lets the local sandbox (not a myshopify shop) take an http callback", async () => {
    await expect(
      registerWebhooks(untouched, "http://127.0.0.1:3000/webhooks/shopify/1", { realShop: false }),
    ).rejects.toThrow("no request expected");
  });
});
