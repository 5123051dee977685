import { describe, expect, it } from "vitest";
import { onHand } from "../store/inventory.ts";
import { seedStore } from "./seed-store.ts";

const shop = {
  name: "test",
  domain: "test.myshopify.com",
  currency: "USD",
  planName: "Shopify",
  plus: false,
};
const anchor = Date.parse("2026-03-01T00:00:00Z");
const DAY = 86_400_000;

function snapshot(seed: number) {
  const store = seedStore(shop, { seed, products: 40, orders: 150, locations: null, anchor });
  return {
    store,
    fingerprint: JSON.stringify({
      products: store.products,
      variants: store.variants,
      levels: store.inventoryItems.map((item) => item.levels),
      orders: store.orders,
      customers: store.customers,
    }),
  };
}

describe("seeded store", () => {
  it("is identical for the same seed and different for another", () => {
    expect(snapshot(7).fingerprint).toBe(snapshot(7).fingerprint);
    expect(snapshot(8).fingerprint).not.toBe(snapshot(7).fingerprint);
  });

  it("has 1–4 variants per product with unique SKUs, barcodes and Color/Size options", () => {
    const { store } = snapshot(3);
    for (const product of store.products) {
      expect(product.variantIds.length).toBeGreaterThanOrEqual(1);
      expect(product.variantIds.length).toBeLessThanOrEqual(4);
      expect(product.options.map((option) => option.name)).toEqual(["Color", "Size"]);
    }
    const skus = store.variants.map((variant) => variant.sku);
    expect(new Set(skus).size).toBe(skus.length);
    expect(skus.every((sku) => /^SKU-\d{5}-[A-Z]{3}-(XS|S|M|L|XL|XXL)$/.test(sku))).toBe(true);
    expect(new Set(store.variants.map((variant) => variant.barcode)).size).toBe(skus.length);
  });

  it("stocks every item at the primary location across 2–3 locations, oversold only at the one seeded level", () => {
    const { store } = snapshot(3);
    expect(store.locations.length).toBeGreaterThanOrEqual(2);
    expect(store.locations.length).toBeLessThanOrEqual(3);
    const levels = store.inventoryItems.flatMap((item) => item.levels);
    for (const item of store.inventoryItems) expect(item.levels[0]?.locationId).toBe(store.locations[0]?.id);
    const oversold = levels.filter((level) => level.available < 0);
    expect(oversold).toHaveLength(1);
    for (const level of levels.filter((l) => !oversold.includes(l))) {
      expect(onHand(level)).toBeGreaterThanOrEqual(level.committed);
    }
  });

  it("spreads orders over the last 90 days with mostly paid and some pending, cancelled and refunded ones", () => {
    const { store } = snapshot(3);
    expect(store.orders.length).toBeGreaterThan(140);
    for (const order of store.orders) {
      expect(order.createdAt).toBeGreaterThanOrEqual(anchor - 90 * DAY);
      expect(order.createdAt).toBeLessThan(anchor);
      expect(order.shippingAddress?.provinceCode).toBeTruthy();
    }
    const count = (status: string) => store.orders.filter((order) => order.financialStatus === status).length;
    expect(count("PAID")).toBeGreaterThan(store.orders.length * 0.6);
    expect(count("PENDING") + count("AUTHORIZED")).toBeGreaterThan(0);
    expect(count("REFUNDED") + count("PARTIALLY_REFUNDED")).toBeGreaterThan(0);
    expect(store.orders.some((order) => order.cancelledAt !== null)).toBe(true);
    expect(store.orders.some((order) => order.fulfillments.length > 0)).toBe(true);
  });

  it("commits stock for orders that are paid but not shipped", () => {
    const { store } = snapshot(3);
    const committed = store.inventoryItems.reduce(
      (sum, item) => sum + item.levels.reduce((levels, level) => levels + level.committed, 0),
      0,
    );
    const unshipped = store.orders.reduce(
      (sum, order) =>
        sum +
        order.lineItems.reduce(
          (lines, line) => lines + line.quantity - line.removedQuantity - line.fulfilledQuantity,
          0,
        ),
      0,
    );
    const untracked = store.orders.reduce(
      (sum, order) =>
        sum +
        order.lineItems.reduce((lines, line) => {
          const variant = line.variantId === null ? undefined : store.variantsById.get(line.variantId);
          const tracked = variant ? store.itemOfVariant(variant).tracked : false;
          return lines + (tracked ? 0 : line.quantity - line.removedQuantity - line.fulfilledQuantity);
        }, 0),
      0,
    );
    expect(committed).toBe(unshipped - untracked);
  });
});

describe("realistic gaps in the seeded store", () => {
  it("has one oversold level (available below zero) once the store has a few products", () => {
    const store = seedStore(
      { name: "gaps", domain: "gaps.myshopify.com", currency: "USD", planName: "Shopify", plus: false },
      { seed: 4, products: 8, orders: 10, locations: 2, anchor: Date.UTC(2026, 0, 1) },
    );
    const negative = store.inventoryItems
      .flatMap((item) => item.levels)
      .filter((level) => level.available < 0);
    expect(negative).toHaveLength(1);
  });
});

describe("real stores' gaps (realisticGaps)", () => {
  const shop = {
    name: "gaps",
    domain: "gaps.myshopify.com",
    currency: "USD",
    planName: "Shopify",
    plus: false,
  };
  const options = { seed: 4, products: 8, orders: 10, locations: 2, anchor: Date.UTC(2026, 0, 1) };

  it("adds a Default Title product, a variant without a SKU and guest orders, and leaves the rest as it was", () => {
    const tidy = seedStore(shop, options);
    const store = seedStore(shop, { ...options, gaps: true });
    const added = store.variants.slice(tidy.variants.length);
    expect(added.map((v) => [v.title, v.sku])).toEqual([
      ["Default Title", "SKU-PLAIN-1"],
      ["Default Title", ""],
    ]);
    expect(store.products.slice(tidy.products.length).map((p) => p.options)).toEqual([
      [{ name: "Title", values: ["Default Title"] }],
      [{ name: "Title", values: ["Default Title"] }],
    ]);
    const guests = store.orders.filter((o) => o.customerId === null);
    expect(guests).toHaveLength(2);
    for (const o of guests)
      expect([o.email, o.shippingAddress, o.billingAddress]).toEqual([null, null, null]);
    expect(store.variants.slice(0, tidy.variants.length)).toEqual(tidy.variants);
    expect(store.orders.slice(0, tidy.orders.length).map((o) => o.id)).toEqual(tidy.orders.map((o) => o.id));
  });
});
