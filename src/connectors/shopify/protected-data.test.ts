import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startShop } from "../../../test/helpers/shopify-session.ts";
import type { ShopifySandbox } from "../../sandboxes/shopify/index.ts";
import type { ShopifySession } from "./session.ts";

let sandbox: ShopifySandbox;
let session: ShopifySession;

beforeAll(async () => {
  ({ sandbox, session } = await startShop({
    seed: 31,
    products: 10,
    orders: 12,
    plan: "plus",
    protectedCustomerData: false,
  }));
});
afterAll(() => sandbox.close());

describe("an app without protected customer data approval", () => {
  it("imports orders without the withheld fields and says what is missing and why", async () => {
    const page = await session.listOrders({ createdSince: new Date(0), cursor: null });
    expect(page.items.length).toBeGreaterThan(0);
    for (const order of page.items) {
      expect(order.lines.length).toBeGreaterThan(0);
      expect(order.customer.email ?? null).toBeNull();
      expect(order.shippingAddress ?? null).toBeNull();
    }
    expect(page.notices).toEqual([
      "Shopify withheld customer, email, shippingAddress on orders: the app is not approved " +
        "for protected customer data, so orders are imported without the customer's name, email and address",
    ]);
  });

  it("reads one order the same way", async () => {
    const first = sandbox.store.orders[0]!;
    const order = await session.getOrder(String(first.id + 5_600_000_000_000));
    expect(order?.orderNumber).toBeTruthy();
    expect(order?.customer.email ?? null).toBeNull();
  });
});
