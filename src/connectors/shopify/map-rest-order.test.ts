import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mapRestOrder } from "./map-rest-order.ts";
import { restOrderSchema } from "./rest-schema.ts";

const FIXTURE = "/work/shared/fixtures/real/shopify/shopify_python_api_order.json";

/** Shopify's own docs example order (shopify_python_api test/fixtures/order.json), read where it lives. */
function fixtureOrder() {
  const file = JSON.parse(readFileSync(FIXTURE, "utf8")) as { order: unknown };
  return restOrderSchema.parse(file.order);
}

describe("REST order mapper on Shopify's recorded order payload", () => {
  const order = mapRestOrder(fixtureOrder());

  it("identifies the order by gid, with its number and times", () => {
    expect(order.platformOrderId).toBe("gid://shopify/Order/450789469");
    expect(order.orderNumber).toBe("#1001");
    expect(order.placedAt.toISOString()).toBe("2008-01-10T16:00:00.000Z");
    expect(order.updatedAt.toISOString()).toBe("2008-01-10T16:00:00.000Z");
    expect(order.currency).toBe("USD");
  });

  it("reads an authorized, unfulfilled order as not paid and not cancelled", () => {
    expect(order.financialStatus).toBe("authorized");
    expect(order.paid).toBe(false);
    expect(order.cancelled).toBe(false);
    expect(order.fulfillmentStatus).toBe("unfulfilled");
  });

  it("converts every amount to exact minor units", () => {
    expect(order.subtotalMinor).toBe(39800);
    expect(order.discountMinor).toBe(0);
    expect(order.taxMinor).toBe(1194);
    expect(order.shippingMinor).toBe(0);
    expect(order.totalMinor).toBe(40994);
  });

  it("keeps the customer and the shipping address with codes", () => {
    expect(order.customer).toEqual({ name: "Bob Norman", email: "bob.norman@hostmail.com" });
    expect(order.shippingAddress).toEqual({
      name: "Bob Norman",
      line1: "Chestnut Street 92",
      line2: null,
      city: "Louisville",
      state: "KY",
      postalCode: "40202",
      country: "US",
    });
    expect(order.locationId).toBeNull();
  });

  it("maps each line with gid, sku, price, and the order tax spread over lines", () => {
    expect(order.lines).toEqual([
      {
        platformLineId: "gid://shopify/LineItem/466157049",
        sku: "IPOD2008GREEN",
        name: "IPod Nano - 8gb - green",
        quantity: 1,
        unitPriceMinor: 19900,
        discountMinor: 0,
        taxMinor: 398,
      },
      {
        platformLineId: "gid://shopify/LineItem/518995019",
        sku: "IPOD2008RED",
        name: "IPod Nano - 8gb - red",
        quantity: 1,
        unitPriceMinor: 19900,
        discountMinor: 0,
        taxMinor: 398,
      },
      {
        platformLineId: "gid://shopify/LineItem/703073504",
        sku: "IPOD2008BLACK",
        name: "IPod Nano - 8gb - black",
        quantity: 1,
        unitPriceMinor: 19900,
        discountMinor: 0,
        taxMinor: 398,
      },
    ]);
    expect(order.refunds).toEqual([]);
  });

  it("prefers per-line tax and discount allocations when the payload has them", () => {
    const raw = fixtureOrder();
    const first = raw.line_items[0];
    if (!first) throw new Error("fixture has no lines");
    raw.line_items = [
      { ...first, tax_lines: [{ price: "11.94" }], discount_allocations: [{ amount: "10.00" }] },
      ...raw.line_items.slice(1),
    ];
    const lines = mapRestOrder(raw).lines;
    expect(lines.map((line) => [line.taxMinor, line.discountMinor])).toEqual([
      [1194, 1000],
      [0, 0],
      [0, 0],
    ]);
  });

  it("maps refunds with restock types and successful refund transactions", () => {
    const raw = {
      ...fixtureOrder(),
      financial_status: "partially_refunded",
      refunds: [
        {
          id: 509562969,
          created_at: "2008-01-12T11:00:00-05:00",
          note: "damaged",
          refund_line_items: [
            {
              line_item_id: 466157049,
              quantity: 1,
              restock_type: "return",
              line_item: { sku: "IPOD2008GREEN" },
            },
            {
              line_item_id: 518995019,
              quantity: 1,
              restock_type: "no_restock",
              line_item: { sku: "IPOD2008RED" },
            },
          ],
          transactions: [
            { kind: "refund", status: "success", amount: "209.00" },
            { kind: "refund", status: "failure", amount: "209.00" },
          ],
        },
      ],
    };
    const mapped = mapRestOrder(restOrderSchema.parse(raw));
    expect(mapped.paid).toBe(true);
    expect(mapped.refunds).toEqual([
      {
        platformRefundId: "gid://shopify/Refund/509562969",
        createdAt: new Date("2008-01-12T16:00:00Z"),
        amountMinor: 20900,
        currency: "USD",
        note: "damaged",
        lines: [
          {
            platformLineId: "gid://shopify/LineItem/466157049",
            sku: "IPOD2008GREEN",
            quantity: 1,
            restock: true,
          },
          {
            platformLineId: "gid://shopify/LineItem/518995019",
            sku: "IPOD2008RED",
            quantity: 1,
            restock: false,
          },
        ],
      },
    ]);
  });
});
