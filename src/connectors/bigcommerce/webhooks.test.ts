import { describe, expect, it } from "vitest";
import { signStandardWebhook } from "../../sandboxes/bigcommerce/index.ts";
import {
  HOOK_SECRET_HEADER,
  hookSecret,
  parseBigCommerceWebhook,
  refuseBigCommerceWebhook,
  verifyBigCommerceWebhook,
} from "./webhooks.ts";

const credentials = { storeHash: "abc123", accessToken: "token-1", clientSecret: "client-secret-1" };
const body = JSON.stringify({
  scope: "store/order/created",
  store_id: "1001",
  data: { type: "order", id: 250 },
  hash: "h1",
  created_at: 1_765_000_000,
  producer: "stores/abc123",
});
const now = Math.floor(Date.now() / 1000);
const signed = (secret: string, raw = body) => ({
  "webhook-id": "msg_1",
  "webhook-timestamp": String(now),
  "webhook-signature": signStandardWebhook(secret, "msg_1", now, raw),
});

describe("BigCommerce webhook verification", () => {
  it("accepts a Standard Webhooks signature made with the client secret, among several", () => {
    const headers = signed(credentials.clientSecret);
    headers["webhook-signature"] = `v1,bm90LWl0 ${headers["webhook-signature"]}`;
    expect(verifyBigCommerceWebhook(credentials, headers, Buffer.from(body))).toBe(true);
  });

  it("refuses another secret's signature and a changed body", () => {
    expect(verifyBigCommerceWebhook(credentials, signed("other"), Buffer.from(body))).toBe(false);
    expect(
      verifyBigCommerceWebhook(credentials, signed(credentials.clientSecret), Buffer.from(`${body} `)),
    ).toBe(false);
  });

  it("accepts the custom header secret the hub set, without a client secret", () => {
    const { clientSecret: _, ...older } = credentials;
    const headers = { [HOOK_SECRET_HEADER.toLowerCase()]: hookSecret(older) };
    expect(verifyBigCommerceWebhook(older, headers, Buffer.from(body))).toBe(true);
    expect(verifyBigCommerceWebhook(older, { [HOOK_SECRET_HEADER]: "00ff" }, Buffer.from(body))).toBe(false);
    expect(verifyBigCommerceWebhook(older, signed(credentials.clientSecret), Buffer.from(body))).toBe(false);
  });

  it("refuses a signed delivery stamped outside the tolerance", () => {
    const old = { "webhook-timestamp": String(now - 3600) };
    expect(refuseBigCommerceWebhook(credentials, old, new Date())).toMatch(/too old/);
    expect(refuseBigCommerceWebhook(credentials, signed("x"), new Date())).toBeUndefined();
  });

  it("reads a thin payload as the record to re-read, keyed by webhook-id", () => {
    const notice = parseBigCommerceWebhook(signed("x"), Buffer.from(body));
    expect(notice).toMatchObject({
      eventId: "msg_1",
      topic: "store/order/created",
      kind: "order",
      objectId: "250",
    });
    const refund = body.replace("store/order/created", "store/order/refund/created");
    expect(parseBigCommerceWebhook({}, Buffer.from(refund))).toMatchObject({ kind: "refund", eventId: "h1" });
  });
});
