import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxControl as control } from "../../../test/helpers/channel-sandbox.ts";
import { refusal, wooClient } from "../../../test/helpers/woocommerce-client.ts";
import { startWooCommerceSandbox, type WooCommerceSandbox } from "./index.ts";

let sandbox: WooCommerceSandbox;
/** The items of products with options: WooCommerce's variations. */
const variations = (s: WooCommerceSandbox) =>
  [...s.store.items.values()].filter((i) => s.store.productOf(i).hasOptions);
beforeAll(async () => {
  sandbox = await startWooCommerceSandbox({ seed: 5, products: 23, orders: 12 });
});
afterAll(() => sandbox.close());

type Product = {
  id: number;
  sku: string;
  type: string;
  manage_stock: boolean;
  stock_quantity: number | null;
};

describe("WooCommerce sandbox: products through the official client", () => {
  it("pages with X-WP-Total, X-WP-TotalPages and a Link to the next page", async () => {
    const api = wooClient(sandbox);
    const first = await api.get("products", { per_page: 10, page: 1 });
    expect(first.headers["x-wp-total"]).toBe("23");
    expect(first.headers["x-wp-totalpages"]).toBe("3");
    expect(first.data).toHaveLength(10);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.link)?.[1];
    expect(new URL(next as string).searchParams.get("page")).toBe("2");
    const pages = [
      first.data,
      (await api.get("products", { per_page: 10, page: 2 })).data,
      (await api.get("products", { per_page: 10, page: 3 })).data,
    ];
    const ids = pages.flat().map((p: Product) => p.id);
    expect(new Set(ids).size).toBe(23);
  });

  it("refuses per_page above 100 with WordPress's parameter error", async () => {
    const { status, data } = await refusal(wooClient(sandbox).get("products", { per_page: 101 }));
    expect(status).toBe(400);
    expect(data).toEqual({
      code: "rest_invalid_param",
      message: "Invalid parameter(s): per_page",
      data: {
        status: 400,
        params: { per_page: "per_page must be between 1 (inclusive) and 100 (inclusive)" },
      },
    });
  });

  it("answers wrong keys with 401 in WooCommerce's error JSON", async () => {
    const wrongSecret = await refusal(wooClient(sandbox, { consumerSecret: "cs_wrong" }).get("products"));
    expect(wrongSecret).toMatchObject({
      status: 401,
      data: { code: "woocommerce_rest_authentication_error", data: { status: 401 } },
    });
    const unknownKey = await refusal(wooClient(sandbox, { consumerKey: "ck_nobody" }).get("products"));
    expect(unknownKey.data).toMatchObject({ message: "Consumer key is invalid." });
    const anonymous = await fetch(`${sandbox.url}/wp-json/wc/v3/products`);
    expect([anonymous.status, await anonymous.json()]).toEqual([
      401,
      {
        code: "woocommerce_rest_cannot_view",
        message: "Sorry, you cannot list resources.",
        data: { status: 401 },
      },
    ]);
    const unknownRoute = await fetch(`${sandbox.url}/wp-json/wc/v3/no-such-thing`);
    expect([unknownRoute.status, ((await unknownRoute.json()) as { code: string }).code]).toEqual([
      404,
      "rest_no_route",
    ]);
    // Basic auth is only read over HTTPS; over plain HTTP the request is anonymous.
    const basic = await fetch(`${sandbox.url}/wp-json/wc/v3/products`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${sandbox.consumerKey}:${sandbox.consumerSecret}`).toString("base64")}`,
      },
    });
    expect(basic.status).toBe(401);
  });

  it("shows installed extensions in the public REST index and in system_status", async () => {
    const index = (await (await fetch(`${sandbox.url}/wp-json/`)).json()) as { namespaces: string[] };
    expect(index.namespaces).toEqual(expect.arrayContaining(["wc/v3", "wc-shipment-tracking/v3"]));
    const status = (await wooClient(sandbox).get("system_status")).data;
    expect(status.environment).toMatchObject({ home_url: sandbox.url });
    expect(status.active_plugins.map((p: { name: string }) => p.name)).toContain(
      "WooCommerce Shipment Tracking",
    );
    expect(status.settings.timezone).toBe("+02:00");
  });

  it("filters by SKU and lists a variable product's variations", async () => {
    const api = wooClient(sandbox);
    const variable = (await api.get("products", { type: "variable", per_page: 100 })).data[0] as Product & {
      variations: number[];
    };
    const variations = (await api.get(`products/${variable.id}/variations`, { per_page: 100 }))
      .data as Product[];
    expect(variations.map((v) => v.id).sort()).toEqual([...variable.variations].sort());
    const simple = (await api.get("products", { type: "simple", per_page: 100 })).data.find(
      (p: Product) => p.sku.trim() === p.sku && p.sku !== "",
    );
    const bySku = (await api.get("products", { sku: simple.sku })).data as Product[];
    expect(bySku.map((p) => p.id)).toContain(simple.id);
  });
});

describe("WooCommerce sandbox: batch stock updates", () => {
  it("reports an unknown id in its own slot and applies the rest", async () => {
    const api = wooClient(sandbox);
    const tracked = (await api.get("products", { type: "simple", per_page: 100 })).data.find(
      (p: Product) => p.manage_stock,
    ) as Product;
    const { data } = await api.post("products/batch", {
      update: [
        { id: 987654, stock_quantity: 1 },
        { id: tracked.id, stock_quantity: 42 },
      ],
    });
    expect(data.update[0]).toEqual({
      id: 987654,
      error: { code: "woocommerce_rest_product_invalid_id", message: "Invalid ID.", data: { status: 400 } },
    });
    expect(data.update[1]).toMatchObject({ id: tracked.id, stock_quantity: 42, stock_status: "instock" });
    const writes = await control<{ path: string; status: number }[]>(sandbox, "GET", "writes?path=batch");
    expect(writes.at(-1)).toMatchObject({ path: "/wp-json/wc/v3/products/batch", status: 200 });
  });

  it("updates variations in their own batch and refuses more than 100 items", async () => {
    const api = wooClient(sandbox);
    const variable = (await api.get("products", { type: "variable", per_page: 100 })).data[0] as {
      id: number;
      variations: number[];
    };
    const [first] = variable.variations;
    const { data } = await api.post(`products/${variable.id}/variations/batch`, {
      update: [{ id: first, stock_quantity: 7 }],
    });
    expect(data.update[0]).toMatchObject({ id: first, stock_quantity: 7 });
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ id: i + 1, stock_quantity: 1 }));
    const { status, data: error } = await refusal(api.post("products/batch", { update: tooMany }));
    expect(status).toBe(413);
    expect(error).toMatchObject({ code: "woocommerce_rest_request_entity_too_large" });
  });

  it("drops stock_quantity for an item that does not manage stock, as core does", async () => {
    const api = wooClient(sandbox);
    const untracked = sandbox.store.products.get(
      sandbox.seedIds.products[sandbox.seeded.gaps.untracked_stock?.[0] ?? 0] ?? 0,
    );
    const variationIds = untracked?.hasOptions ? untracked.itemIds : [];
    const target = variationIds[0] ?? untracked?.id;
    const path = variationIds.length
      ? `products/${untracked?.id}/variations/${target}`
      : `products/${target}`;
    const { data } = await api.put(path, { stock_quantity: 9 });
    expect(data).toMatchObject({ manage_stock: false, stock_quantity: null });
  });
});

describe("WooCommerce sandbox: orders", () => {
  it("filters by modified_after in site time, or UTC with dates_are_gmt", async () => {
    const api = wooClient(sandbox);
    const sku = sandbox.store.items.get(sandbox.seedIds.products[0] ?? 0)?.sku || variations(sandbox)[0]?.sku;
    const placed = await control<{ id: number; date_modified: string; date_modified_gmt: string }>(
      sandbox,
      "POST",
      "orders",
      {
        lines: [{ sku, quantity: 1 }],
      },
    );
    expect(placed.date_modified).not.toBe(placed.date_modified_gmt);
    const oneSecondBefore = (local: string) =>
      new Date(Date.parse(`${local}Z`) - 1000).toISOString().slice(0, 19);
    const siteBound = oneSecondBefore(placed.date_modified);
    const asSite = (await api.get("orders", { modified_after: siteBound, per_page: 100 })).data as {
      id: number;
    }[];
    expect(asSite.map((o) => o.id)).toContain(placed.id);
    // The same wall-clock string read as UTC lies after the order's change.
    const asGmt = await api.get("orders", { modified_after: siteBound, dates_are_gmt: true, per_page: 100 });
    expect(asGmt.data.map((o: { id: number }) => o.id)).not.toContain(placed.id);
    const gmtBound = oneSecondBefore(placed.date_modified_gmt);
    const rightGmt = (
      await api.get("orders", { modified_after: gmtBound, dates_are_gmt: true, per_page: 100 })
    ).data;
    for (const o of rightGmt as { date_modified_gmt: string }[])
      expect(o.date_modified_gmt > gmtBound).toBe(true);
    expect(rightGmt.map((o: { id: number }) => o.id)).toContain(placed.id);
  });

  it("filters by WooCommerce's status names and serves refunds and notes", async () => {
    const api = wooClient(sandbox);
    const sku = variations(sandbox).find((v) => v.tracked && v.sku.trim() === v.sku && v.sku)?.sku;
    const placed = await control<{ id: number; line_items: { id: number }[] }>(sandbox, "POST", "orders", {
      lines: [{ sku, quantity: 2 }],
    });
    const processing = (await api.get("orders", { status: "processing", per_page: 100 })).data as {
      status: string;
    }[];
    expect(processing.every((o) => o.status === "processing")).toBe(true);
    expect((await refusal(api.get("orders", { status: "shipped" }))).status).toBe(400);

    await control(sandbox, "POST", `orders/${placed.id}/refunds`, {
      lines: [{ sku, quantity: 1 }],
      reason: "damaged",
    });
    const refunds = (await api.get(`orders/${placed.id}/refunds`)).data as {
      amount: string;
      reason: string;
      line_items: { quantity: number }[];
    }[];
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ reason: "damaged", line_items: [{ quantity: -1 }] });
    expect(refunds[0]?.amount).toMatch(/^\d+\.\d{2}$/);

    await api.post(`orders/${placed.id}/notes`, { note: "Shipped with UPS 1Z999" });
    const done = await api.put(`orders/${placed.id}`, { status: "completed" });
    expect(done.data).toMatchObject({ status: "completed" });
    expect(done.data.date_completed_gmt).not.toBeNull();
    const notes = (await api.get(`orders/${placed.id}/notes`)).data as { note: string }[];
    expect(notes.map((n) => n.note)).toContain("Shipped with UPS 1Z999");
  });

  it("serves Shipment Tracking while the extension is on, and 404 rest_no_route when it is off", async () => {
    const api = wooClient(sandbox);
    const orderId = [...sandbox.store.orders.keys()][0];
    const tracking = new (api.constructor as new (o: object) => typeof api)({
      url: sandbox.url,
      consumerKey: sandbox.consumerKey,
      consumerSecret: sandbox.consumerSecret,
      version: "wc-shipment-tracking/v3",
    });
    const created = await tracking.post(`orders/${orderId}/shipment-trackings`, {
      tracking_provider: "UPS",
      tracking_number: "1Z999",
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ tracking_number: "1Z999", tracking_provider: "UPS" });
    await control(sandbox, "PUT", "shipment-tracking", { enabled: false });
    const off = await refusal(tracking.get(`orders/${orderId}/shipment-trackings`));
    expect(off).toMatchObject({ status: 404, data: { code: "rest_no_route" } });
    await control(sandbox, "PUT", "shipment-tracking", { enabled: true });
  });

  it("answers the optional host rate limit with 429 and Retry-After", async () => {
    const api = wooClient(sandbox);
    await control(sandbox, "PUT", "rate-limit", { limit: 1, windowSeconds: 60 });
    await api.get("products");
    const limited = await refusal(api.get("products"));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    await control(sandbox, "DELETE", "rate-limit");
    expect((await api.get("products")).status).toBe(200);
  });
});
