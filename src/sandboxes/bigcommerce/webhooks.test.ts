import { createHmac, timingSafeEqual } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { bcApi as api } from "../../../test/helpers/bigcommerce-store.ts";
import { sandboxControl as control } from "../../../test/helpers/channel-sandbox.ts";
import { startReceiver } from "../kit/test-receiver.ts";
import { type BigCommerceSandbox, startBigCommerceSandbox } from "./index.ts";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function setup(webhookRetryDelaysMs: number[] = []) {
  const sandbox = await startBigCommerceSandbox({ seed: 11, products: 8, orders: 2, webhookRetryDelaysMs });
  const receiver = await startReceiver();
  closers.push(sandbox.close, receiver.close);
  return { sandbox, receiver };
}

/** A tracked variant with a clean SKU. */
async function trackedVariant(sandbox: BigCommerceSandbox) {
  const { body } = await api<{
    data: { inventory_tracking: string; variants: { id: number; sku: string }[] }[];
  }>(sandbox, "GET", "/v3/catalog/products?include=variants&limit=250");
  const product = body.data.find((p) => p.inventory_tracking === "variant");
  return product?.variants.find((v) => v.sku !== "" && v.sku.trim() === v.sku) as { id: number; sku: string };
}

async function createHook(sandbox: BigCommerceSandbox, scope: string, destination: string) {
  return api<{ data: { id: number; is_active: boolean; scope: string; headers: Record<string, string> } }>(
    sandbox,
    "POST",
    "/v3/hooks",
    { scope, destination, is_active: true, headers: { "X-Stockwire-Secret": "older-stores-secret" } },
  );
}

/** Standard Webhooks verification written from the spec, with nothing of the sandbox's code. */
function verifiedByHand(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
): boolean {
  const id = String(headers["webhook-id"]);
  const timestamp = String(headers["webhook-timestamp"]);
  const expected = createHmac("sha256", Buffer.from(secret)).update(`${id}.${timestamp}.${body}`).digest();
  return String(headers["webhook-signature"])
    .split(" ")
    .some((entry) => {
      const [version, signature] = entry.split(",");
      const given = Buffer.from(signature ?? "", "base64");
      return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

describe("BigCommerce sandbox: webhooks", () => {
  it("creates a hook and delivers a thin payload signed as Standard Webhooks, with the custom header", async () => {
    const { sandbox, receiver } = await setup();
    const created = await createHook(sandbox, "store/product/inventory/updated", `${receiver.url}/hooks`);
    expect(created.status).toBe(200);
    expect(created.body.data).toMatchObject({ scope: "store/product/inventory/updated", is_active: true });
    const variant = await trackedVariant(sandbox);
    await api(sandbox, "PUT", "/v3/inventory/adjustments/absolute", {
      reason: "sync",
      items: [{ location_id: 1, variant_id: variant.id, quantity: 12 }],
    });
    await control(sandbox, "POST", "webhooks/wait");

    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    const body = delivery?.body ?? "";
    const headers = delivery?.headers ?? {};
    expect(JSON.parse(body)).toEqual({
      scope: "store/product/inventory/updated",
      store_id: expect.stringMatching(/^\d+$/),
      data: {
        type: "product",
        id: expect.any(Number),
        inventory: expect.objectContaining({ method: "absolute", variant_id: variant.id }),
      },
      hash: expect.stringMatching(/^[0-9a-f]{40}$/),
      created_at: expect.any(Number),
      producer: `stores/${sandbox.storeHash}`,
    });
    expect(headers["x-stockwire-secret"]).toBe("older-stores-secret");
    expect(verifiedByHand(sandbox.clientSecret, headers, body)).toBe(true);
    expect(verifiedByHand("another-secret", headers, body)).toBe(false);
    // The standardwebhooks package as BigCommerce's docs use it: base64 of the client secret.
    const verifier = new Webhook(Buffer.from(sandbox.clientSecret).toString("base64"));
    expect(verifier.verify(body, headers as Record<string, string>)).toEqual(JSON.parse(body));
    expect(() => verifier.verify(body.replace("12", "13"), headers as Record<string, string>)).toThrow();
  });

  it("retries a failed delivery, signing each attempt, and stops at the first success", async () => {
    const { sandbox, receiver } = await setup([5, 5, 5]);
    await createHook(sandbox, "store/order/*", receiver.url);
    receiver.answerWith(() => (receiver.received.length < 3 ? 503 : 200));
    const variant = await trackedVariant(sandbox);
    const order = await control<{ id: number }>(sandbox, "POST", "orders", {
      lines: [{ sku: variant.sku, quantity: 1 }],
    });
    await control(sandbox, "POST", "webhooks/wait");

    const attempts = sandbox.webhooks.deliveries({ topic: "store/order/created" });
    expect(attempts.map((d) => [d.attempt, d.status])).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);
    expect(new Set(attempts.map((d) => d.headers["webhook-id"])).size).toBe(1);
    for (const r of receiver.received)
      expect(verifiedByHand(sandbox.clientSecret, r.headers, r.body)).toBe(true);
    expect(JSON.parse(receiver.received[0]?.body ?? "{}").data).toEqual({ type: "order", id: order.id });
    const hooks = await api<{ data: { is_active: boolean }[] }>(sandbox, "GET", "/v3/hooks");
    expect(hooks.body.data.map((h) => h.is_active)).toEqual([true]);
  });

  it("deactivates a hook whose delivery failed through the whole retry schedule", async () => {
    const { sandbox, receiver } = await setup([5, 5]);
    const created = await createHook(sandbox, "store/order/created", receiver.url);
    receiver.answerWith(500);
    const variant = await trackedVariant(sandbox);
    await control(sandbox, "POST", "orders", { lines: [{ sku: variant.sku, quantity: 1 }] });
    await control(sandbox, "POST", "webhooks/wait");

    expect(receiver.received).toHaveLength(3);
    const hook = await api<{ data: { is_active: boolean } }>(
      sandbox,
      "GET",
      `/v3/hooks/${created.body.data.id}`,
    );
    expect(hook.body.data.is_active).toBe(false);
    // Reactivated through the API, it delivers again.
    receiver.answerWith(200);
    await api(sandbox, "PUT", `/v3/hooks/${created.body.data.id}`, { is_active: true });
    await control(sandbox, "POST", "orders", { lines: [{ sku: variant.sku, quantity: 1 }] });
    await control(sandbox, "POST", "webhooks/wait");
    expect(receiver.received).toHaveLength(4);
  });

  it("tells a store/product/* hook about a product edited from outside; the catalog shows the edit", async () => {
    const { sandbox, receiver } = await setup();
    await createHook(sandbox, "store/product/*", receiver.url);
    const variant = await trackedVariant(sandbox);
    const product = (
      await api<{ data: { product_id: number }[] }>(sandbox, "GET", `/v3/catalog/variants?sku=${variant.sku}`)
    ).body.data[0]?.product_id as number;
    await control(sandbox, "PUT", `products/${product}`, {
      variants: [{ id: variant.id, sku: "RENAMED-1" }],
    });
    await control(sandbox, "POST", "webhooks/wait");
    expect(receiver.received.map((r) => JSON.parse(r.body))).toEqual([
      expect.objectContaining({ scope: "store/product/updated", data: { type: "product", id: product } }),
    ]);
    const renamed = await api<{ data: { id: number }[] }>(
      sandbox,
      "GET",
      "/v3/catalog/variants?sku=RENAMED-1",
    );
    expect(renamed.body.data.map((v) => v.id)).toEqual([variant.id]);
  });

  it("refuses a hook without scope or destination in the v3 error shape", async () => {
    const { sandbox } = await setup();
    const { status, body } = await api(sandbox, "POST", "/v3/hooks", { scope: "store/order/created" });
    expect(status).toBe(422);
    expect(body).toMatchObject({ status: 422, errors: { destination: expect.any(String) } });
  });
});
