import { describe, expect, it } from "vitest";
import { seedStore } from "../seed/index.ts";
import { loadSeed } from "./load-seed.ts";
import { placeOrder, recordRefund, recordShipment, setOrderStatus } from "./order-ops.ts";
import type { StoreEvent } from "./records.ts";
import { CommerceStore, type StorePlan } from "./store.ts";

type Status = "open" | "cancelled";
const seq = (sequence: string, first = 1) => ({ sequence, first });
const plan: StorePlan<Status> = {
  ids: {
    product: seq("post", 10),
    item: seq("post", 10),
    order: seq("post", 10),
    refund: seq("post", 10),
    line: seq("line"),
    note: seq("note"),
    subscription: seq("hook"),
    address: seq("address"),
    shipment: seq("shipment"),
  },
  itemIsProduct: false,
  locations: [
    { id: 1, code: "A", label: "A", enabled: true },
    { id: 2, code: "B", label: "B", enabled: true },
  ],
  holdsStock: (s) => s === "open",
  stockEffect: (s) => (s === "open" ? "take" : "return"),
};

function seeded() {
  const store = new CommerceStore(plan, () => Date.UTC(2026, 5, 1));
  const neutral = seedStore({ seed: 7, products: 20, orders: 10, anchorMs: Date.UTC(2026, 5, 1) });
  const ids = loadSeed<Status>(store, neutral, {
    status: {
      pending: "open",
      paid: "open",
      on_hold: "open",
      fulfilled: "open",
      cancelled: "cancelled",
      refunded: "open",
      failed: "cancelled",
    },
    everyProductHasItem: true,
  });
  return { store, neutral, ids };
}

describe("kit commerce store", () => {
  it("loads the neutral seed with its gaps, ids drawn from the declared sequences", () => {
    const { store, neutral, ids } = seeded();
    expect(store.products.size).toBe(20);
    expect(store.orders.size).toBe(10);
    const missing = neutral.gaps.missing_sku?.[0] as number;
    expect(store.items.get(ids.variants[missing]?.[0] as number)?.sku).toBe("");
    const negative = neutral.gaps.negative_stock?.[0] as number;
    expect(store.onHand(store.items.get(ids.variants[negative]?.[0] as number) as never)).toBeLessThan(0);
    const grouped = store.products.get(ids.products[neutral.gaps.grouped?.[0] as number] as number);
    expect(grouped?.itemIds.length).toBe(1);
    expect(store.items.get(grouped?.itemIds[0] as number)?.tracked).toBe(false);
    // Products, items and orders share the "post" sequence from 10.
    const all = [...store.products.keys(), ...store.items.keys(), ...store.orders.keys()].sort(
      (a, b) => a - b,
    );
    expect(all[0]).toBe(10);
    expect(new Set(all).size).toBe(all.length);
  });

  it("takes stock on placing, gives it back on cancelling, restocks refunds and marks shipped lines", () => {
    const { store } = seeded();
    const events: StoreEvent<Status>[] = [];
    store.listen((e) => events.push(e));
    const item = [...store.items.values()].find((i) => i.tracked && store.onHand(i) >= 0);
    if (!item) throw new Error("the seed has a tracked item");
    const before = store.onHand(item);
    const order = placeOrder<Status>(
      store,
      {
        status: "open",
        customerId: 0,
        customer: null,
        address: null,
        lines: [{ itemId: item.id, quantity: 3 }],
        shippingCents: 0,
        createdMs: 1,
      },
      { emit: true },
    );
    expect(store.onHand(item)).toBe(before - 3);
    expect(order.lines[0]?.price).toBe(item.price);
    const line = order.lines[0]?.id as number;
    recordShipment<Status>(store, order, {
      ref: "",
      trackingNumber: "1Z",
      provider: "ups",
      customProvider: "",
      carrier: "",
      link: "",
      comments: "",
      shippedOn: "2026-06-01",
      items: [{ lineId: line, quantity: 1 }],
    });
    expect(order.lines[0]?.shipped).toBe(1);
    const refund = recordRefund<Status>(store, order, {
      lines: [{ lineId: line, quantity: 1 }],
      reason: "",
      restock: true,
    });
    expect(refund.amountCents).toBe(Math.round(Number(item.price) * 100));
    expect(store.onHand(item)).toBe(before - 2);
    const second = placeOrder<Status>(
      store,
      {
        status: "open",
        customerId: 0,
        customer: null,
        address: null,
        lines: [{ itemId: item.id, quantity: 2 }],
        shippingCents: 0,
        createdMs: 2,
      },
      { emit: false },
    );
    expect(store.onHand(item)).toBe(before - 4);
    setOrderStatus<Status>(store, second, "cancelled");
    expect(store.onHand(item)).toBe(before - 2);
    expect(events.map((e) => e.type)).toEqual([
      "stock",
      "order.created",
      "shipment.created",
      "stock",
      "refund.created",
      "stock",
      "stock",
      "order.status",
    ]);
  });
});
