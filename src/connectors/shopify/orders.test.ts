import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShop } from "../../../test/helpers/shopify-session.ts";
import type { ShopifySandbox } from "../../sandboxes/shopify/index.ts";
import { orderTotals } from "../../sandboxes/shopify/store/order-math.ts";
import type { Order } from "../../sandboxes/shopify/store/types.ts";
import type { ChannelOrder } from "../contract.ts";
import type { ShopifySession } from "./session.ts";

let sandbox: ShopifySandbox;
let session: ShopifySession;

beforeAll(async () => {
  ({ sandbox, session } = await startShop({ seed: 23, products: 30, orders: 40, plan: "plus" }));
  const open = sandbox.store.orders.find(
    (order) => order.cancelledAt === null && order.financialStatus === "PAID",
  );
  if (open) sandbox.control.cancelOrder(open.id + ORDER_ID_OFFSET, { reason: "CUSTOMER" });
});
afterAll(() => sandbox.close());

async function allOrders(options: { updatedSince?: Date; createdSince?: Date; pageSize?: number } = {}) {
  const items: ChannelOrder[] = [];
  let cursor: string | null = null;
  do {
    const page = await session.listOrders({ ...options, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

/** The sandbox shifts record ids into Shopify-like ranges (sandboxes/shopify/gid.ts). */
const ORDER_ID_OFFSET = 5_600_000_000_000;

const storeOrder = (gid: string): Order => {
  const found = sandbox.store.ordersById.get(Number(gid.split("/").pop()) - ORDER_ID_OFFSET);
  if (!found) throw new Error(`no sandbox order ${gid}`);
  return found;
};

const PAID = ["PAID", "PARTIALLY_PAID", "PARTIALLY_REFUNDED", "REFUNDED"];

describe("Shopify connector: orders", () => {
  it("pages through every order sorted by update time, mapping money exactly", async () => {
    const orders = await allOrders();
    expect(orders.length).toBe(sandbox.store.orders.length);
    const updated = orders.map((order) => order.updatedAt.getTime());
    expect(updated).toEqual([...updated].sort((a, b) => a - b));
    for (const order of orders) {
      const source = storeOrder(order.platformOrderId);
      const totals = orderTotals(source);
      expect(order).toMatchObject({
        orderNumber: source.name,
        currency: "USD",
        subtotalMinor: totals.subtotal,
        discountMinor: totals.discounts,
        taxMinor: totals.tax,
        shippingMinor: totals.shipping,
        totalMinor: totals.total,
        paid: PAID.includes(source.financialStatus),
        cancelled: source.cancelledAt !== null,
        financialStatus: source.financialStatus.toLowerCase(),
      });
      expect(
        order.lines.map((line) => [line.sku, line.quantity, line.unitPriceMinor, line.discountMinor]),
      ).toEqual(
        source.lineItems.map((line) => [line.sku, line.quantity, line.priceCents, line.discountCents]),
      );
      expect(order.lines.reduce((sum, line) => sum + line.taxMinor, 0)).toBe(totals.tax);
      order.lines.forEach((line, index) => {
        expect(Math.abs(line.taxMinor - (source.lineItems[index]?.taxCents ?? 0))).toBeLessThanOrEqual(1);
      });
      expect(order.refunds.length).toBe(source.refunds.length);
    }
    expect(orders.some((order) => order.cancelled)).toBe(true);
    expect(orders.some((order) => !order.paid)).toBe(true);
  });

  it("maps refunds with their lines and restock flags", async () => {
    const orders = await allOrders();
    const refunded = orders.filter((order) => order.refunds.length > 0);
    expect(refunded.length).toBeGreaterThan(0);
    for (const order of refunded) {
      const source = storeOrder(order.platformOrderId);
      order.refunds.forEach((refund, index) => {
        const sourceRefund = source.refunds[index];
        expect(refund.amountMinor).toBe(sourceRefund?.totalCents);
        expect(refund.lines.map((line) => [line.quantity, line.restock])).toEqual(
          sourceRefund?.lines.map((line) => [line.quantity, line.restockType !== "NO_RESTOCK"]),
        );
      });
    }
  });

  it("reads an order with its customer, address codes and shipping location", async () => {
    const sku = sandbox.store.variants[2]?.sku as string;
    const created = sandbox.control.createOrder({
      lines: [{ sku, quantity: 2, price: "19.99" }],
      customer: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com" },
      shippingAddress: {
        countryCode: "CA",
        provinceCode: "QC",
        province: "Quebec",
        address1: "1 Rue",
        city: "Montréal",
        zip: "H2Y 1C6",
      },
      shippingPrice: "5.00",
    });
    const order = await session.getOrder(created.id);
    expect(order).toMatchObject({
      platformOrderId: created.id,
      paid: true,
      customer: { name: "Ada Lovelace", email: "ada@example.com" },
      shippingAddress: {
        line1: "1 Rue",
        city: "Montréal",
        state: "QC",
        country: "CA",
        postalCode: "H2Y 1C6",
      },
      shippingMinor: 500,
      locationId: expect.stringMatching(/^gid:\/\/shopify\/Location\//),
    });
    expect(order?.lines[0]).toMatchObject({ sku, quantity: 2, unitPriceMinor: 1999 });
    expect(await session.getOrder(String(created.legacyId))).toEqual(order);
    expect(await session.getOrder("gid://shopify/Order/1")).toBeNull();
  });

  it("lists what changed since a time: new orders, then the same order once paid", async () => {
    const since = new Date();
    const sku = sandbox.store.variants[4]?.sku as string;
    const pending = sandbox.control.createOrder({
      lines: [{ sku, quantity: 1 }],
      financialStatus: "PENDING",
    });
    const created = await allOrders({ createdSince: since });
    // `>=` on whole seconds may also return an order from earlier in the same second.
    expect(created.length).toBeLessThanOrEqual(2);
    expect(created.find((order) => order.platformOrderId === pending.id)).toMatchObject({
      paid: false,
      financialStatus: "pending",
    });
    sandbox.control.markOrderPaid(pending.id);
    const changed = await allOrders({ updatedSince: since });
    expect(changed.find((order) => order.platformOrderId === pending.id)).toMatchObject({ paid: true });
  });

  it("completes orders whose lines and refunds do not fit one read", async () => {
    const skus = sandbox.store.variants.slice(0, 26).map((variant) => variant.sku);
    const big = sandbox.control.createOrder({ lines: skus.map((sku) => ({ sku, quantity: 1 })) });
    for (const sku of skus.slice(0, 4))
      sandbox.control.createRefund({ orderId: big.id, lines: [{ sku, quantity: 1 }] });
    sandbox.control.createRefund({
      orderId: big.id,
      lines: skus.slice(4, 16).map((sku) => ({ sku, quantity: 1, restock: false })),
    });
    const listed = (await allOrders({ updatedSince: new Date(Date.now() - 60_000) })).find(
      (order) => order.platformOrderId === big.id,
    );
    const single = await session.getOrder(big.id);
    for (const order of [listed, single]) {
      expect(order?.lines.length).toBe(26);
      expect(order?.refunds.length).toBe(5);
      expect(order?.refunds[4]?.lines.length).toBe(12);
      expect(order?.refunds[4]?.lines.every((line) => !line.restock)).toBe(true);
      expect(order?.refunds[0]?.lines).toEqual([
        { platformLineId: big.lineItems[0]?.id, sku: skus[0], quantity: 1, restock: true },
      ]);
    }
  });
});
