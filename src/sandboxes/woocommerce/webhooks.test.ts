import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxControl as control } from "../../../test/helpers/channel-sandbox.ts";
import { wooClient } from "../../../test/helpers/woocommerce-client.ts";
import { startReceiver } from "../kit/test-receiver.ts";
import { startWooCommerceSandbox, type WooCommerceSandbox } from "./index.ts";

let sandbox: WooCommerceSandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
beforeAll(async () => {
  sandbox = await startWooCommerceSandbox({ seed: 9, products: 12, orders: 3 });
  receiver = await startReceiver();
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

function sellableSku(): string {
  const item = [...sandbox.store.items.values()].find(
    (v) => sandbox.store.productOf(v).hasOptions && v.tracked && v.sku !== "" && v.sku === v.sku.trim(),
  );
  return item?.sku as string;
}

const placeOrder = () =>
  control<{ id: number }>(sandbox, "POST", "orders", { lines: [{ sku: sellableSku(), quantity: 1 }] });
const waitForWebhooks = () => control(sandbox, "POST", "webhooks/wait");

describe("WooCommerce sandbox webhooks", () => {
  it("pings a new webhook with a form-encoded webhook_id, then delivers signed order events", async () => {
    receiver.answerWith(200);
    const api = wooClient(sandbox);
    const secret = "hub-generated-secret";
    const created = await api.post("webhooks", {
      name: "Stockwire orders",
      topic: "order.created",
      delivery_url: `${receiver.url}/webhooks/woocommerce/abc`,
      secret,
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      status: "active",
      topic: "order.created",
      resource: "order",
      event: "created",
    });
    expect(created.data).not.toHaveProperty("secret");
    const ping = receiver.received.at(-1);
    expect(ping?.body).toBe(`webhook_id=${created.data.id}`);
    expect(ping?.headers["content-type"]).toBe("application/x-www-form-urlencoded");

    const order = await placeOrder();
    await waitForWebhooks();
    const delivery = receiver.received.at(-1);
    const expected = createHmac("sha256", secret)
      .update(delivery?.body ?? "")
      .digest("base64");
    expect(delivery?.headers["x-wc-webhook-signature"]).toBe(expected);
    expect(delivery?.headers).toMatchObject({
      "x-wc-webhook-topic": "order.created",
      "x-wc-webhook-resource": "order",
      "x-wc-webhook-event": "created",
      "x-wc-webhook-id": String(created.data.id),
      "x-wc-webhook-source": `${sandbox.url}/`,
    });
    expect(delivery?.headers["x-wc-webhook-delivery-id"]).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.parse(delivery?.body ?? "{}")).toMatchObject({ id: order.id, status: "processing" });
    await api.delete(`webhooks/${created.data.id}`, { force: true });
  });

  it("disables a webhook after 5 consecutive failed deliveries and delivers again once re-enabled", async () => {
    const api = wooClient(sandbox);
    const created = await api.post("webhooks", {
      topic: "order.created",
      delivery_url: `${receiver.url}/failing`,
      secret: "s",
    });
    receiver.answerWith(500);
    const sent = () =>
      receiver.received.filter((r) => r.path === "/failing" && r.body.startsWith("{")).length;
    for (let i = 0; i < 4; i++) await placeOrder();
    await waitForWebhooks();
    expect((await api.get(`webhooks/${created.data.id}`)).data.status).toBe("active");
    await placeOrder();
    await waitForWebhooks();
    expect(sent()).toBe(5);
    expect((await api.get(`webhooks/${created.data.id}`)).data.status).toBe("disabled");

    await placeOrder();
    await waitForWebhooks();
    expect(sent()).toBe(5);

    receiver.answerWith(200);
    await api.put(`webhooks/${created.data.id}`, { status: "active" });
    await placeOrder();
    await waitForWebhooks();
    expect(sent()).toBe(6);
    expect((await api.get(`webhooks/${created.data.id}`)).data.status).toBe("active");
  });

  it("sends product.updated when the hub changes stock, signed with the API user's secret by default", async () => {
    receiver.answerWith(200);
    const api = wooClient(sandbox);
    const created = await api.post("webhooks", {
      topic: "product.updated",
      delivery_url: `${receiver.url}/products`,
    });
    const product = [...sandbox.store.products.values()].find(
      (p) => p.kind === "simple" && sandbox.store.items.get(p.id)?.tracked,
    );
    await api.put(`products/${product?.id}`, { stock_quantity: 11 });
    await waitForWebhooks();
    const delivery = receiver.received.filter((r) => r.path === "/products").at(-1);
    const expected = createHmac("sha256", sandbox.consumerSecret)
      .update(delivery?.body ?? "")
      .digest("base64");
    expect(delivery?.headers["x-wc-webhook-signature"]).toBe(expected);
    expect(JSON.parse(delivery?.body ?? "{}")).toMatchObject({ id: product?.id, stock_quantity: 11 });
    await api.delete(`webhooks/${created.data.id}`, { force: true });
  });
});
