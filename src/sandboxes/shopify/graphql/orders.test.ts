import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid } from "../gid.ts";
import { type ShopifySandbox, startShopifySandbox } from "../index.ts";
import { postGraphql } from "../test-client.ts";

let sandbox: ShopifySandbox;
let skus: string[];

beforeAll(async () => {
  sandbox = await startShopifySandbox({ seed: 31, products: 30, orders: 40, plan: "plus" });
  skus = sandbox.store.variants
    .filter((variant) => sandbox.store.itemOfVariant(variant).tracked)
    .slice(0, 4)
    .map((variant) => variant.sku);
});
afterAll(() => sandbox.close());

const sku = (index: number) => skus[index] as string;
const primary = () => gid("Location", sandbox.store.locations[0]?.id as number);

interface FulfillmentOrders {
  order: {
    displayFulfillmentStatus: string;
    fulfillmentOrders: {
      nodes: {
        id: string;
        status: string;
        lineItems: { nodes: { id: string; remainingQuantity: number }[] };
      }[];
    };
  };
}

async function fulfillmentOrders(orderId: string) {
  const body = await postGraphql<FulfillmentOrders>(
    sandbox,
    `query($id: ID!) { order(id: $id) { displayFulfillmentStatus
      fulfillmentOrders(first: 5) { nodes { id status lineItems(first: 10) { nodes { id remainingQuantity } } } } } }`,
    { id: orderId },
  );
  return body.data?.order as FulfillmentOrders["order"];
}

describe("orders and their stock effects", () => {
  it("commits stock when an order is placed", () => {
    const before = sandbox.control.getInventory(sku(0), primary());
    sandbox.control.setInventory({ sku: sku(0), locationId: primary(), quantity: 20 });
    const order = sandbox.control.createOrder({
      lines: [{ sku: sku(0), quantity: 3 }],
      locationId: primary(),
    });
    const after = sandbox.control.getInventory(sku(0), primary());
    expect(order.financialStatus).toBe("PAID");
    expect(after).toMatchObject({ available: 17, committed: (before?.committed ?? 0) + 3 });
    expect(after?.onHand).toBe(20 + (before?.committed ?? 0));
  });

  it("fulfills with tracking: the order becomes FULFILLED and shipped units leave committed only", async () => {
    sandbox.control.setInventory({ sku: sku(1), locationId: primary(), quantity: 10 });
    const order = sandbox.control.createOrder({
      lines: [{ sku: sku(1), quantity: 2 }],
      locationId: primary(),
    });
    const committed = sandbox.control.getInventory(sku(1), primary())?.committed ?? 0;
    const [fulfillmentOrder] = (await fulfillmentOrders(order.id)).fulfillmentOrders.nodes;
    expect(fulfillmentOrder?.status).toBe("OPEN");
    const body = await postGraphql<{
      fulfillmentCreate: {
        fulfillment: { status: string; trackingInfo: { company: string; number: string; url: string }[] };
        userErrors: unknown[];
      };
    }>(
      sandbox,
      `mutation($fulfillment: FulfillmentInput!) { fulfillmentCreate(fulfillment: $fulfillment) {
        fulfillment { status trackingInfo { company number url } } userErrors { field message } } }`,
      {
        fulfillment: {
          lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fulfillmentOrder?.id }],
          trackingInfo: { company: "UPS", number: "1Z999" },
          notifyCustomer: false,
        },
      },
    );
    expect(body.data?.fulfillmentCreate.userErrors).toEqual([]);
    expect(body.data?.fulfillmentCreate.fulfillment).toEqual({
      status: "SUCCESS",
      trackingInfo: [{ company: "UPS", number: "1Z999", url: "https://www.ups.com/track?tracknum=1Z999" }],
    });
    const after = await fulfillmentOrders(order.id);
    expect(after.displayFulfillmentStatus).toBe("FULFILLED");
    expect(after.fulfillmentOrders.nodes[0]?.status).toBe("CLOSED");
    expect(sandbox.control.getInventory(sku(1), primary())).toMatchObject({
      available: 8,
      committed: committed - 2,
    });

    const again = await postGraphql<{ fulfillmentCreate: { userErrors: { message: string }[] } }>(
      sandbox,
      `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }`,
      { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fulfillmentOrder?.id }] } },
    );
    expect(again.data?.fulfillmentCreate.userErrors[0]?.message).toMatch(/unfulfillable status= closed/);
  });

  it("restocks returned units into available with refundCreate (RETURN), once per idempotency key", async () => {
    sandbox.control.setInventory({ sku: sku(2), locationId: primary(), quantity: 10 });
    const order = sandbox.control.createOrder({
      lines: [{ sku: sku(2), quantity: 3 }],
      locationId: primary(),
    });
    sandbox.control.fulfillOrder(order.id, { company: "USPS", number: "9400" });
    expect(sandbox.control.getInventory(sku(2), primary())?.available).toBe(7);
    const refund = `mutation($input: RefundInput!) { refundCreate(input: $input) @idempotent(key: "refund-1") {
      refund { id totalRefundedSet { shopMoney { amount } } refundLineItems(first: 5) { nodes { quantity restockType restocked location { id } } } }
      order { displayFinancialStatus }
      userErrors { field message } } }`;
    const input = {
      orderId: order.id,
      refundLineItems: [
        {
          lineItemId: order.lineItems[0]?.id,
          quantity: 2,
          restockType: "RETURN",
          locationId: order.lineItems[0]?.locationId,
        },
      ],
    };
    const body = await postGraphql<{
      refundCreate: {
        refund: {
          id: string;
          refundLineItems: { nodes: { quantity: number; restockType: string; restocked: boolean }[] };
        };
        order: { displayFinancialStatus: string };
        userErrors: unknown[];
      };
    }>(sandbox, refund, { input });
    expect(body.data?.refundCreate.userErrors).toEqual([]);
    expect(body.data?.refundCreate.refund.refundLineItems.nodes[0]).toMatchObject({
      quantity: 2,
      restockType: "RETURN",
      restocked: true,
    });
    expect(body.data?.refundCreate.order.displayFinancialStatus).toBe("PARTIALLY_REFUNDED");
    expect(sandbox.control.getInventory(sku(2), primary())?.available).toBe(9);

    const replay = await postGraphql<typeof body.data>(sandbox, refund, { input });
    expect(replay.data?.refundCreate.refund.id).toBe(body.data?.refundCreate.refund.id);
    expect(sandbox.control.getInventory(sku(2), primary())?.available).toBe(9);

    const missingKey = await postGraphql(sandbox, refund.replace(' @idempotent(key: "refund-1")', ""), {
      input,
    });
    expect(missingKey.errors?.[0]?.extensions).toMatchObject({ code: "BAD_REQUEST" });
  });

  it("releases committed stock when an unpaid order is cancelled from the control API", async () => {
    sandbox.control.setInventory({ sku: sku(3), locationId: primary(), quantity: 5 });
    const order = sandbox.control.createOrder({
      lines: [{ sku: sku(3), quantity: 5 }],
      financialStatus: "PENDING",
      locationId: primary(),
    });
    expect(sandbox.control.getInventory(sku(3), primary())?.available).toBe(0);
    const paid = sandbox.control.markOrderPaid(order.id);
    expect(paid.financialStatus).toBe("PAID");
    const cancelled = sandbox.control.cancelOrder(order.id, { restock: true });
    expect(cancelled.financialStatus).toBe("REFUNDED");
    expect(cancelled.cancelledAt).not.toBeNull();
    expect(sandbox.control.getInventory(sku(3), primary())?.available).toBe(5);
  });
});
