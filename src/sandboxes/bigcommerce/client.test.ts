import { Agent } from "node:https";
import { connect, type Socket } from "node:net";
import BigCommerce from "node-bigcommerce";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BigCommerceSandbox, startBigCommerceSandbox } from "./index.ts";

let sandbox: BigCommerceSandbox;
beforeAll(async () => {
  sandbox = await startBigCommerceSandbox({ seed: 4, products: 12, orders: 6 });
});
afterAll(() => sandbox.close());

/**
 * node-bigcommerce always calls https://api.bigcommerce.com:443 and takes no base URL, but it
 * takes an `agent`: this one hands it a plain TCP connection to the sandbox instead of TLS.
 */
class LoopbackAgent extends Agent {
  constructor(private readonly port: number) {
    super({ keepAlive: false });
  }
  override createConnection(): Socket {
    return connect({ host: "127.0.0.1", port: this.port });
  }
}

function client(version: "v2" | "v3", accessToken = sandbox.accessToken) {
  return new BigCommerce({
    clientId: sandbox.clientId,
    accessToken,
    storeHash: sandbox.storeHash,
    responseType: "json",
    apiVersion: version,
    agent: new LoopbackAgent(sandbox.port),
  });
}

describe("BigCommerce sandbox through node-bigcommerce (a client nobody here wrote)", () => {
  it("reads the v3 catalog with meta.pagination and v2 orders", async () => {
    const products = (await client("v3").get("/catalog/products?include=variants&limit=5")) as {
      data: { variants: unknown[] }[];
      meta: { pagination: { total: number; total_pages: number } };
    };
    expect(products.data).toHaveLength(5);
    expect(products.meta.pagination).toMatchObject({ total: 12, total_pages: 3 });
    expect(products.data.every((p) => p.variants.length > 0)).toBe(true);
    const orders = (await client("v2").get("/orders?limit=250")) as { id: number; status: string }[];
    expect(orders).toHaveLength(6);
  });

  it("sets stock through an absolute adjustment and surfaces a refusal as an error", async () => {
    const items = (await client("v3").get("/inventory/items?limit=1")) as {
      data: { identity: { variant_id: number; product_id: number } }[];
    };
    const item = items.data[0]?.identity as { variant_id: number; product_id: number };
    const product = (await client("v3").get(`/catalog/products/${item.product_id}`)) as {
      data: { inventory_tracking: string };
    };
    const identity =
      product.data.inventory_tracking === "product"
        ? { product_id: item.product_id }
        : { variant_id: item.variant_id };
    const answer = (await client("v3").put("/inventory/adjustments/absolute", {
      reason: "node-bigcommerce",
      items: [{ location_id: 1, ...identity, quantity: 8 }],
    })) as { transaction_id: string };
    expect(answer.transaction_id).toEqual(expect.any(String));
    await expect(client("v3").get("/catalog/products?limit=251")).rejects.toMatchObject({ code: 422 });
    await expect(client("v3", "wrong-token").get("/catalog/products")).rejects.toMatchObject({ code: 401 });
  });
});
