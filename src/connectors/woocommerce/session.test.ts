import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWooCommerceSandbox, type WooCommerceSandbox } from "../../sandboxes/woocommerce/index.ts";
import type { ChannelProduct } from "../contract.ts";
import { createWooCommerceSession, type WooCommerceSession } from "./index.ts";
import { parseWooWebhook, verifyWooWebhook } from "./webhooks.ts";

/** The connector's session against the WooCommerce sandbox on 127.0.0.1 (plain http: OAuth 1.0a). */
let store: WooCommerceSandbox;
let session: WooCommerceSession;
const catalogue: ChannelProduct[] = [];

const env = () => ({ logger: pino({ level: "silent" }), allowPrivateUrls: true });
const control = (method: string, path: string, body?: unknown) =>
  fetch(`${store.url}/_sandbox/${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  }).then((r) => r.json() as Promise<unknown>);

beforeAll(async () => {
  store = await startWooCommerceSandbox({ seed: 3, products: 14, orders: 12 });
  session = createWooCommerceSession(store.credentials, env(), { retry: { baseDelayMs: 5 } });
  let cursor: string | null = null;
  const notices: string[] = [];
  do {
    const page = await session.listProducts({ cursor, pageSize: 5 });
    catalogue.push(...page.items);
    notices.push(...(page.notices ?? []));
    cursor = page.nextCursor;
  } while (cursor);
  expect(notices.some((n) => /bundle/.test(n))).toBe(true);
  expect(notices.some((n) => /grouped/.test(n))).toBe(true);
}, 60_000);
afterAll(() => store?.close());

const idOf = (index: number, variant = 0) => store.seedIds.variants[index]?.[variant];
const itemOfGap = (gap: "negative_stock" | "untracked_stock" | "missing_sku") => {
  const index = store.seeded.gaps[gap]?.[0];
  if (index === undefined) throw new Error(`the seed placed no ${gap}`);
  return catalogue.find((p) => p.platformVariantId === String(idOf(index)));
};

describe("WooCommerce session", () => {
  it("validates real keys and names the keys when they are wrong", async () => {
    expect((await session.validate()).label).toContain("127.0.0.1");
    const wrong = createWooCommerceSession({ ...store.credentials, consumerSecret: "cs_wrong" }, env());
    await expect(wrong.validate()).rejects.toThrow(/consumerKey \/ consumerSecret/);
  });

  it("reads the catalogue with its gaps as they are: no SKU, untracked stock, negative stock", async () => {
    expect(itemOfGap("missing_sku")?.sku ?? "").toBe("");
    expect(itemOfGap("untracked_stock")?.inventoryItemId).toBeNull();
    const negative = itemOfGap("negative_stock");
    const [level] = await session.readStock([
      { inventoryItemId: negative!.inventoryItemId!, locationId: "store" },
    ]);
    expect(level!.quantity).toBeLessThan(0);
    expect(catalogue.some((p) => p.inventoryItemId?.includes("/"))).toBe(true);
  });

  it("writes stock through both batch endpoints and fails only the item WooCommerce refuses", async () => {
    const simple = catalogue.find((p) => p.inventoryItemId && !p.inventoryItemId.includes("/") && p.sku);
    const variation = catalogue.find((p) => p.inventoryItemId?.includes("/") && p.sku);
    const results = await session.writeStock(
      [
        {
          sku: simple!.sku!,
          inventoryItemId: simple!.inventoryItemId!,
          locationId: "store",
          quantity: 17,
          compareQuantity: null,
        },
        {
          sku: variation!.sku!,
          inventoryItemId: variation!.inventoryItemId!,
          locationId: "store",
          quantity: 9,
          compareQuantity: null,
        },
        { sku: "GONE-1", inventoryItemId: "999999", locationId: "store", quantity: 3, compareQuantity: null },
      ],
      { idempotencyKey: "k" },
    );
    expect(results).toEqual([
      { sku: simple!.sku, status: "ok", quantity: 17 },
      { sku: "GONE-1", status: "failed", retryable: false, message: expect.stringContaining("invalid_id") },
      { sku: variation!.sku, status: "ok", quantity: 9 },
    ]);
  });

  it("reads a guest order without customer or address, and its refunds", async () => {
    const sku = catalogue.find((p) => p.inventoryItemId && p.sku)!.sku!;
    const placed = (await control("POST", "orders", { lines: [{ sku, quantity: 2 }], guest: true })) as {
      id: number;
    };
    await control("POST", `orders/${placed.id}/refunds`, { lines: [{ sku, quantity: 1 }], restock: true });
    const order = await session.getOrder(String(placed.id));
    expect(order).toMatchObject({
      paid: true,
      cancelled: false,
      shippingAddress: null,
      customer: { name: null, email: null },
    });
    expect(order!.refunds).toHaveLength(1);
    expect(order!.refunds[0]!.lines[0]).toMatchObject({ quantity: 1, sku });
    expect(await session.getOrder("999999")).toBeNull();
  });

  it("confirms shipping through Shipment Tracking, or with a note when the extension is absent", async () => {
    const sku = catalogue.find((p) => p.inventoryItemId && p.sku)!.sku!;
    const input = {
      lines: [],
      carrier: "UPS",
      trackingNumber: "1Z999",
      trackingUrl: null,
      notifyCustomer: true,
    };
    const a = (await control("POST", "orders", { lines: [{ sku, quantity: 1 }] })) as { id: number };
    expect(
      (await session.createFulfillment({ ...input, platformOrderId: String(a.id) })).platformFulfillmentId,
    ).toMatch(/^tracking-/);
    await control("PUT", "shipment-tracking", { enabled: false });
    const b = (await control("POST", "orders", { lines: [{ sku, quantity: 1 }] })) as { id: number };
    expect(
      (await session.createFulfillment({ ...input, platformOrderId: String(b.id) })).platformFulfillmentId,
    ).toMatch(/^note-/);
    expect((await session.getOrder(String(b.id)))!.financialStatus).toBe("completed");
    await control("PUT", "shipment-tracking", { enabled: true });
  });

  it("waits out the host's 429 with Retry-After", async () => {
    await control("POST", "faults/throttle", { count: 1 });
    expect((await session.validate()).label).toContain("127.0.0.1");
    expect(session.stats().throttled).toBeGreaterThan(0);
  });

  it("creates webhooks with a generated secret, saved before WooCommerce hears of it, and verifies their signature", async () => {
    const saved: unknown[] = [];
    const hooked = createWooCommerceSession(
      { ...store.credentials },
      { ...env(), saveCredentials: async (c) => void saved.push(c) },
    );
    await hooked.registerWebhooks("http://127.0.0.1:9/webhooks/woocommerce/abc");
    const secret = (saved[0] as { webhookSecret: string }).webhookSecret;
    expect(secret.length).toBeGreaterThan(20);
    const body = Buffer.from(JSON.stringify({ id: 5, type: "simple", sku: "A", manage_stock: true }));
    const { createHmac } = await import("node:crypto");
    const signature = createHmac("sha256", secret).update(body).digest("base64");
    const creds = { ...store.credentials, webhookSecret: secret };
    expect(verifyWooWebhook(creds, { "x-wc-webhook-signature": signature }, body)).toBe(true);
    expect(verifyWooWebhook(creds, { "x-wc-webhook-signature": "bad" }, body)).toBe(false);
    expect(verifyWooWebhook({ ...store.credentials }, { "x-wc-webhook-signature": signature }, body)).toBe(
      false,
    );
    expect(
      parseWooWebhook({ "x-wc-webhook-topic": "product.updated", "x-wc-webhook-delivery-id": "d1" }, body),
    ).toMatchObject({
      eventId: "d1",
      kind: "product",
      variants: [{ platformVariantId: "5", inventoryItemId: "5", sku: "A" }],
    });
  });
});
