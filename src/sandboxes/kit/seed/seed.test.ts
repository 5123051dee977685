import { describe, expect, it } from "vitest";
import { ORDER_GAPS, PRODUCT_GAPS, seedStore } from "./index.ts";

const options = { seed: 7, products: 30, orders: 40, anchorMs: Date.UTC(2026, 0, 1) };

describe("seeded store", () => {
  it("is the same for the same seed and differs for another", () => {
    expect(seedStore(options)).toEqual(seedStore(options));
    expect(seedStore({ ...options, seed: 8 }).products).not.toEqual(seedStore(options).products);
  });

  it("places every gap, each with the effect it names", () => {
    const store = seedStore(options);
    for (const gap of [...PRODUCT_GAPS, ...ORDER_GAPS])
      expect(store.gaps[gap]?.length, gap).toBeGreaterThan(0);
    const product = (gap: (typeof PRODUCT_GAPS)[number]) => store.products[store.gaps[gap]?.[0] as number];
    const sku = (gap: (typeof PRODUCT_GAPS)[number]) => product(gap)?.variants[0]?.sku;

    expect(sku("missing_sku")).toBeNull();
    expect(sku("duplicate_sku")).toBe(store.products[0]?.variants[0]?.sku);
    expect(sku("sku_whitespace")).toMatch(/^\s.*\s$/);
    expect([...(sku("sku_control_char") ?? "")].some((c) => c.charCodeAt(0) < 32)).toBe(true);
    expect(product("negative_stock")?.variants[0]?.stock).toBeLessThan(0);
    expect(product("untracked_stock")?.variants.every((v) => v.stock === null)).toBe(true);
    expect(product("null_barcode")?.variants.every((v) => v.barcode === null)).toBe(true);
    expect(product("default_title")?.variants.map((v) => v.title)).toEqual(["Default Title"]);
    expect(product("bundle")).toMatchObject({ kind: "bundle" });
    expect(product("bundle")?.components.length).toBeGreaterThan(0);
    expect(product("grouped")).toMatchObject({ kind: "grouped", variants: [] });

    const order = (gap: (typeof ORDER_GAPS)[number]) => store.orders[store.gaps[gap]?.[0] as number];
    expect(order("null_customer")?.customer).toBeNull();
    expect(order("null_address")?.shippingAddress).toBeNull();
  });

  it("keeps the rest clean: SKUs trimmed, stock tracked and not negative", () => {
    const store = seedStore(options);
    const clean = store.products.filter((p) => p.gaps.length === 0);
    expect(clean.length).toBeGreaterThan(15);
    for (const p of clean) {
      for (const v of p.variants) {
        expect(v.sku).toBe(v.sku?.trim());
        expect(v.stock).toBeGreaterThanOrEqual(0);
        expect(v.price).toMatch(/^\d+\.\d{2}$/);
      }
    }
  });

  it("orders only sell products that exist, oldest first", () => {
    const store = seedStore(options);
    const times = store.orders.map((o) => o.createdAtMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const o of store.orders) {
      for (const line of o.lines) expect(store.products[line.product]?.variants[line.variant]).toBeDefined();
    }
  });
});
