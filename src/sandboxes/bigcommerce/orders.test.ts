import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bcApi as api } from "../../../test/helpers/bigcommerce-store.ts";
import { sandboxControl as control } from "../../../test/helpers/channel-sandbox.ts";
import { type BigCommerceSandbox, startBigCommerceSandbox } from "./index.ts";

let sandbox: BigCommerceSandbox;
beforeAll(async () => {
  sandbox = await startBigCommerceSandbox({ seed: 9, products: 15, orders: 30 });
});
afterAll(() => sandbox.close());

interface Order {
  id: number;
  customer_id: number;
  status_id: number;
  status: string;
  date_modified: string;
}
interface OrderProduct {
  id: number;
  sku: string;
  quantity: number;
  order_address_id: number;
  quantity_shipped: number;
}

describe("BigCommerce sandbox: v2 orders", () => {
  it("pages orders since a date and answers 204 with no body past the end", async () => {
    const first = await api<Order[]>(sandbox, "GET", "/v2/orders?limit=20&page=1&sort=date_modified:asc");
    const second = await api<Order[]>(sandbox, "GET", "/v2/orders?limit=20&page=2&sort=date_modified:asc");
    const third = await api(sandbox, "GET", "/v2/orders?limit=20&page=3");
    expect([first.body.length, second.body.length]).toEqual([20, 10]);
    expect(third.status).toBe(204);
    expect(third.body).toBeNull();
    const modified = [...first.body, ...second.body].map((o) => Date.parse(o.date_modified));
    expect(modified).toEqual([...modified].sort((a, b) => a - b));
    // RFC 2822 as the v2 API writes it, and accepted back as a filter.
    expect(first.body[0]?.date_modified).toMatch(/^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$/);
    const since = second.body[0]?.date_modified as string;
    const recent = await api<Order[]>(
      sandbox,
      "GET",
      `/v2/orders?min_date_modified=${encodeURIComponent(since)}&limit=250`,
    );
    expect(recent.body.every((o) => Date.parse(o.date_modified) >= Date.parse(since))).toBe(true);
    expect(recent.body.length).toBeGreaterThanOrEqual(10);
    const future = await api(
      sandbox,
      "GET",
      `/v2/orders?min_date_modified=${new Date(Date.now() + 3_600_000).toISOString()}`,
    );
    expect(future.status).toBe(204);
  });

  it("has guest orders (customer_id 0) and orders without a shipping address", async () => {
    const { body } = await api<Order[]>(sandbox, "GET", "/v2/orders?limit=250");
    expect(body.some((o) => o.customer_id === 0)).toBe(true);
    const withoutAddress = [];
    for (const o of body) {
      const addresses = await api(sandbox, "GET", `/v2/orders/${o.id}/shipping_addresses`);
      if (addresses.status === 204) withoutAddress.push(o.id);
    }
    expect(withoutAddress.length).toBeGreaterThan(0);
  });

  it("ships an order placed from outside with tracking; the order becomes Shipped", async () => {
    const { body: products } = await api<{
      data: { variants: { sku: string; inventory_level: number }[]; inventory_tracking: string }[];
    }>(sandbox, "GET", "/v3/catalog/products?include=variants&limit=250");
    const sku = products.data
      .filter((p) => p.inventory_tracking !== "none")
      .flatMap((p) => p.variants)
      .find((v) => v.sku !== "" && v.sku.trim() === v.sku)?.sku as string;
    const before = await control<{ inventory_level: number }[]>(
      sandbox,
      "GET",
      `stock?sku=${encodeURIComponent(sku)}`,
    );
    const order = await control<Order>(sandbox, "POST", "orders", { lines: [{ sku, quantity: 2 }] });
    expect(order).toMatchObject({ status_id: 11, status: "Awaiting Fulfillment" });
    const after = await control<{ inventory_level: number }[]>(
      sandbox,
      "GET",
      `stock?sku=${encodeURIComponent(sku)}`,
    );
    expect((after[0]?.inventory_level ?? 0) - (before[0]?.inventory_level ?? 0)).toBe(-2);

    const lines = await api<OrderProduct[]>(sandbox, "GET", `/v2/orders/${order.id}/products`);
    const line = lines.body[0] as OrderProduct;
    const shipment = await api<{ id: number; tracking_number: string; items: unknown[] }>(
      sandbox,
      "POST",
      `/v2/orders/${order.id}/shipments`,
      {
        order_address_id: line.order_address_id,
        tracking_number: "1Z999",
        shipping_provider: "ups",
        items: [{ order_product_id: line.id, quantity: 2 }],
      },
    );
    expect(shipment.status).toBe(201);
    expect(shipment.body).toMatchObject({
      tracking_number: "1Z999",
      items: [{ order_product_id: line.id, quantity: 2 }],
    });
    const shipped = await api<Order>(sandbox, "GET", `/v2/orders/${order.id}`);
    expect(shipped.body).toMatchObject({ status_id: 2, status: "Shipped" });
    const listed = await api<unknown[]>(sandbox, "GET", `/v2/orders/${order.id}/shipments`);
    expect(listed.body).toHaveLength(1);
    const tooMany = await api(sandbox, "POST", `/v2/orders/${order.id}/shipments`, {
      order_address_id: line.order_address_id,
      items: [{ order_product_id: line.id, quantity: 1 }],
    });
    expect(tooMany.status).toBe(400);
    expect(Array.isArray(tooMany.body)).toBe(true);

    const refund = await control<{ id: number }>(sandbox, "POST", `orders/${order.id}/refunds`, {
      lines: [{ sku, quantity: 1 }],
      reason: "damaged",
    });
    const refunds = await api<{
      data: { id: number; order_id: number; items: { item_id: number; quantity: number }[] }[];
    }>(sandbox, "GET", `/v3/orders/${order.id}/payment_actions/refunds`);
    expect(refunds.body.data).toEqual([
      expect.objectContaining({
        id: refund.id,
        items: [expect.objectContaining({ item_id: line.id, quantity: 1 })],
      }),
    ]);
    const all = await api<{ data: { order_id: number }[] }>(
      sandbox,
      "GET",
      `/v3/orders/payment_actions/refunds?order_id:in=${order.id}`,
    );
    expect(all.body.data.map((r) => r.order_id)).toEqual([order.id]);
    expect((await api<Order>(sandbox, "GET", `/v2/orders/${order.id}`)).body.status).toBe(
      "Partially Refunded",
    );
  });
});

describe("BigCommerce sandbox: the 30-second window", () => {
  it("answers the 6th request of a quota-5 window with 429 and the rate headers, and passes after the reset", async () => {
    let now = Date.UTC(2026, 0, 1);
    const limited = await startBigCommerceSandbox({
      seed: 2,
      products: 3,
      orders: 1,
      quota: 5,
      windowMs: 30_000,
      now: () => new Date(now),
    });
    try {
      const lefts: string[] = [];
      for (let i = 0; i < 5; i++) {
        const { status, headers } = await api(limited, "GET", "/v3/catalog/products");
        expect(status).toBe(200);
        expect(headers.get("x-rate-limit-requests-quota")).toBe("5");
        expect(headers.get("x-rate-limit-time-window-ms")).toBe("30000");
        lefts.push(headers.get("x-rate-limit-requests-left") as string);
      }
      expect(lefts).toEqual(["4", "3", "2", "1", "0"]);
      const refused = await api(limited, "GET", "/v3/catalog/products");
      expect(refused.status).toBe(429);
      expect(refused.headers.get("x-rate-limit-requests-left")).toBe("0");
      expect(refused.headers.get("x-rate-limit-requests-quota")).toBe("5");
      expect(Number(refused.headers.get("x-rate-limit-time-reset-ms"))).toBeGreaterThan(0);
      expect(refused.headers.get("x-rate-limit-time-window-ms")).toBe("30000");
      expect(refused.body).toMatchObject({ status: 429 });

      now += 30_000;
      const afterReset = await api(limited, "GET", "/v3/catalog/products");
      expect(afterReset.status).toBe(200);
      expect(afterReset.headers.get("x-rate-limit-requests-left")).toBe("4");
    } finally {
      await limited.close();
    }
  });

  it("can answer 429 without the headers (load shedding) and be set through the control API", async () => {
    let now = Date.UTC(2026, 0, 1);
    const limited = await startBigCommerceSandbox({
      seed: 2,
      products: 3,
      orders: 1,
      now: () => new Date(now),
    });
    try {
      await control(limited, "PUT", "rate-limit", { quota: 1, headerless: true });
      expect((await api(limited, "GET", "/v2/orders")).status).toBe(200);
      const shed = await api(limited, "GET", "/v2/orders");
      expect(shed.status).toBe(429);
      expect([...shed.headers.keys()].filter((k) => k.startsWith("x-rate-limit"))).toEqual([]);
      await control(limited, "PUT", "rate-limit", { quota: 150, headerless: false });
      await control(limited, "POST", "faults/throttle", { count: 1 });
      const forced = await api(limited, "GET", "/v2/orders");
      expect([forced.status, forced.headers.get("x-rate-limit-requests-quota")]).toEqual([429, "150"]);
      now += 1;
      expect((await api(limited, "GET", "/v2/orders")).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
