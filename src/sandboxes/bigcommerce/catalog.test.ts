import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiAnswer, bcApi as api } from "../../../test/helpers/bigcommerce-store.ts";
import { sandboxControl as control } from "../../../test/helpers/channel-sandbox.ts";
import { type BigCommerceSandbox, startBigCommerceSandbox } from "./index.ts";

let sandbox: BigCommerceSandbox;
beforeAll(async () => {
  sandbox = await startBigCommerceSandbox({ seed: 3, products: 23, orders: 12 });
});
afterAll(() => sandbox.close());

interface Variant {
  id: number;
  product_id: number;
  sku: string;
  inventory_level: number;
  option_values: unknown[];
}
interface Product {
  id: number;
  sku: string;
  inventory_tracking: "none" | "product" | "variant";
  inventory_level: number;
  base_variant_id: number | null;
  custom_fields: { name: string; value: string }[];
  variants: Variant[];
}
interface Page<T> {
  data: T[];
  meta: {
    pagination: {
      total: number;
      count: number;
      per_page: number;
      current_page: number;
      total_pages: number;
      links: { next?: string; current: string };
    };
  };
}

describe("BigCommerce sandbox: v3 catalog", () => {
  it("pages products with variants through meta.pagination to the end", async () => {
    const seen: Product[] = [];
    let next: string | null = "?page=1&limit=10";
    let pages = 0;
    while (next !== null) {
      const answer: ApiAnswer<Page<Product>> = await api<Page<Product>>(
        sandbox,
        "GET",
        `/v3/catalog/products${next}&include=variants`,
      );
      expect(answer.status).toBe(200);
      pages += 1;
      const pagination: Page<Product>["meta"]["pagination"] = answer.body.meta.pagination;
      expect(pagination).toMatchObject({ total: 23, per_page: 10, current_page: pages, total_pages: 3 });
      expect(pagination.count).toBe(answer.body.data.length);
      seen.push(...answer.body.data);
      next = pagination.links.next ?? null;
    }
    expect(pages).toBe(3);
    expect(new Set(seen.map((p) => p.id)).size).toBe(23);
    for (const p of seen) expect(p.variants.length).toBeGreaterThan(0);
    // Tracking modes as BigCommerce names them, and the realistic gaps of the seeded store.
    expect(new Set(seen.map((p) => p.inventory_tracking))).toEqual(new Set(["none", "product", "variant"]));
    const variants = seen.flatMap((p) => p.variants);
    expect(variants.some((v) => v.sku === "")).toBe(true);
    expect(variants.some((v) => v.sku !== v.sku.trim())).toBe(true);
    expect(variants.some((v) => [...v.sku].some((c) => c.charCodeAt(0) < 32))).toBe(true);
    expect(variants.some((v) => v.inventory_level < 0)).toBe(true);
    const skus = variants.map((v) => v.sku).filter((s) => s !== "");
    expect(new Set(skus).size).toBeLessThan(skus.length);
    const bundle = seen.find((p) => p.custom_fields.some((f) => f.name === "bundle_of"));
    expect(bundle?.inventory_tracking).toBe("none");
    const simple = seen.find((p) => p.base_variant_id !== null && p.inventory_tracking === "product");
    expect(simple?.variants).toHaveLength(1);
    expect(simple?.variants[0]?.option_values).toEqual([]);
  });

  it("refuses limit=251 with BigCommerce's v3 error shape", async () => {
    const { status, body } = await api(sandbox, "GET", "/v3/catalog/products?limit=251");
    expect(status).toBe(422);
    expect(body).toMatchObject({
      status: 422,
      title: expect.any(String),
      type: expect.stringContaining("developer.bigcommerce.com"),
      errors: { limit: expect.any(String) },
    });
  });

  it("filters by date_modified:min and answers unknown tokens with 401", async () => {
    const all = await api<Page<Product>>(sandbox, "GET", "/v3/catalog/products?limit=250");
    const future = await api<Page<Product>>(
      sandbox,
      "GET",
      `/v3/catalog/products?date_modified:min=${new Date(Date.now() + 60_000).toISOString()}`,
    );
    expect(all.body.data).toHaveLength(23);
    expect(future.body.data).toEqual([]);
    const wrong = await api(sandbox, "GET", "/v3/catalog/products", undefined, "not-a-token");
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ status: 401 });
  });
});

describe("BigCommerce sandbox: inventory", () => {
  const variantTracked = async () => {
    const { body } = await api<Page<Product>>(
      sandbox,
      "GET",
      "/v3/catalog/products?include=variants&limit=250",
    );
    const product = body.data.find(
      (p) =>
        p.inventory_tracking === "variant" && p.variants.every((v) => v.sku.trim() === v.sku && v.sku !== ""),
    ) as Product;
    const byProduct = body.data.find((p) => p.inventory_tracking === "product") as Product;
    return { product, variant: product.variants[0] as Variant, byProduct };
  };

  it("lists locations and items per location", async () => {
    const locations = await api<{ data: { id: number }[] }>(sandbox, "GET", "/v3/inventory/locations");
    expect(locations.body.data.map((l) => l.id)).toEqual([1, 2]);
    const { variant } = await variantTracked();
    const items = await api<
      Page<{ identity: { variant_id: number; sku: string }; locations: { location_id: number }[] }>
    >(sandbox, "GET", `/v3/inventory/items?variant_id:in=${variant.id}&location_id:in=1`);
    expect(items.body.data).toHaveLength(1);
    expect(items.body.data[0]?.identity).toMatchObject({ variant_id: variant.id, sku: variant.sku });
    expect(items.body.data[0]?.locations.map((l) => l.location_id)).toEqual([1]);
  });

  it("applies an absolute adjustment with a transaction id; the catalog shows the new level", async () => {
    const { variant } = await variantTracked();
    const { status, body } = await api<{ transaction_id: string }>(
      sandbox,
      "PUT",
      "/v3/inventory/adjustments/absolute",
      {
        reason: "stockwire sync",
        items: [{ location_id: 1, variant_id: variant.id, quantity: 17 }],
      },
    );
    expect(status).toBe(200);
    expect(body.transaction_id).toMatch(/^[0-9a-f-]{36}$/);
    const stock = await control<{ locations: Record<string, number> }[]>(
      sandbox,
      "GET",
      `stock?sku=${encodeURIComponent(variant.sku)}`,
    );
    expect(stock[0]?.locations["1"]).toBe(17);
    const writes = await control<{ path: string; status: number }[]>(
      sandbox,
      "GET",
      "writes?path=adjustments",
    );
    expect(writes.at(-1)).toMatchObject({ status: 200 });
  });

  it("refuses a payload naming an unknown variant, and applies none of it", async () => {
    const { variant } = await variantTracked();
    const before = await control<{ locations: Record<string, number> }[]>(
      sandbox,
      "GET",
      `stock?sku=${encodeURIComponent(variant.sku)}`,
    );
    const { status, body } = await api(sandbox, "PUT", "/v3/inventory/adjustments/absolute", {
      reason: "sync",
      items: [
        { location_id: 1, variant_id: variant.id, quantity: 99 },
        { location_id: 1, variant_id: 987654, quantity: 1 },
      ],
    });
    expect(status).toBe(422);
    expect(body).toMatchObject({
      status: 422,
      title: expect.stringContaining("variant_id 987654"),
      errors: {},
    });
    const after = await control<{ locations: Record<string, number> }[]>(
      sandbox,
      "GET",
      `stock?sku=${encodeURIComponent(variant.sku)}`,
    );
    expect(after).toEqual(before);
  });

  it("refuses a variant id on a product tracked by product, as the docs' example", async () => {
    const { byProduct } = await variantTracked();
    const base = byProduct.variants[0] as Variant;
    const { status, body } = await api(sandbox, "PUT", "/v3/inventory/adjustments/absolute", {
      items: [{ location_id: 1, variant_id: base.id, quantity: 3 }],
    });
    expect(status).toBe(422);
    expect(body).toMatchObject({
      title: `[Item with variant_id ${base.id} is tracked by product, please update stock by product id]`,
    });
    const byProductId = await api(sandbox, "PUT", "/v3/inventory/adjustments/absolute", {
      items: [{ location_id: 1, product_id: byProduct.id, quantity: 3 }],
    });
    expect(byProductId.status).toBe(200);
  });

  it("refuses a payload of more than 2,000 items", async () => {
    const { variant } = await variantTracked();
    const items = Array.from({ length: 2001 }, () => ({
      location_id: 1,
      variant_id: variant.id,
      quantity: 1,
    }));
    const { status, body } = await api(sandbox, "PUT", "/v3/inventory/adjustments/absolute", {
      reason: "bulk",
      items,
    });
    expect(status).toBe(422);
    expect(body).toMatchObject({ status: 422, errors: { items: expect.stringContaining("2000") } });
  });
});
