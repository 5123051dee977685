import { createAdminApiClient } from "@shopify/admin-api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ShopifySandbox, startShopifySandbox } from "./index.ts";

let sandbox: ShopifySandbox;

beforeAll(async () => {
  sandbox = await startShopifySandbox({ seed: 3, products: 10, orders: 10, apiSecret: "shpss_test" });
});
afterAll(() => sandbox.close());

const shopQuery = JSON.stringify({ query: "{ shop { name } }" });

function post(path: string, token: string | null, body = shopQuery) {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (token !== null) headers["X-Shopify-Access-Token"] = token;
  return fetch(`${sandbox.url}${path}`, { method: "POST", headers, body });
}

describe("Shopify sandbox HTTP surface", () => {
  it("answers 401 with Shopify's body for a missing or wrong access token", async () => {
    for (const token of [null, "shpat_wrong"]) {
      const response = await post(`/admin/api/${sandbox.apiVersion}/graphql.json`, token);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
      });
    }
  });

  it("accepts the fixed sandbox token and the seed token", async () => {
    for (const token of ["shpat_sandbox", sandbox.accessToken]) {
      const response = await post(`/admin/api/${sandbox.apiVersion}/graphql.json`, token);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ data: { shop: { name: "stockwire-sandbox" } } });
    }
  });

  it("serves only the pinned API version", async () => {
    const response = await post("/admin/api/2024-10/graphql.json", sandbox.accessToken);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ errors: "Not Found" });
  });

  it("accepts raw application/graphql bodies", async () => {
    const response = await fetch(sandbox.graphqlUrl, {
      method: "POST",
      headers: { "Content-Type": "application/graphql", "X-Shopify-Access-Token": sandbox.accessToken },
      body: "{ shop { currencyCode } }",
    });
    expect(await response.json()).toMatchObject({ data: { shop: { currencyCode: "USD" } } });
  });

  it("grants 24-hour tokens through the client-credentials grant", async () => {
    const response = await fetch(`${sandbox.url}/admin/oauth/access_token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        grant_type: "client_credentials",
        client_id: "app",
        client_secret: "shpss_test",
      }),
    });
    const grant = (await response.json()) as { access_token: string; expires_in: number };
    expect(grant.expires_in).toBe(86399);
    expect((await post(`/admin/api/${sandbox.apiVersion}/graphql.json`, grant.access_token)).status).toBe(
      200,
    );
  });

  it("talks to @shopify/admin-api-client (which forces https, so the fetch is pointed back at http)", async () => {
    const client = createAdminApiClient({
      storeDomain: sandbox.url,
      apiVersion: sandbox.apiVersion,
      accessToken: sandbox.accessToken,
      customFetchApi: (url, init) => fetch(String(url).replace(/^https:/, "http:"), init),
    });
    const { data, extensions } = await client.request<{ shop: { name: string } }>("{ shop { name } }");
    expect(data?.shop.name).toBe("stockwire-sandbox");
    expect(extensions?.cost).toMatchObject({ requestedQueryCost: 1, actualQueryCost: 1 });
  });
});

describe("an outage", () => {
  it("answers every Admin API request with the chosen 5xx until it is lifted over HTTP", async () => {
    const url = `/admin/api/${sandbox.apiVersion}/graphql.json`;
    const put = (status: number | null) =>
      fetch(`${sandbox.url}/_sandbox/outage`, {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ status }),
      });
    expect((await put(503)).status).toBe(200);
    const down = await post(url, sandbox.accessToken);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ errors: "Service Unavailable" });
    expect((await put(418)).status).toBe(422);
    expect((await put(null)).status).toBe(200);
    expect((await post(url, sandbox.accessToken)).status).toBe(200);
  });
});

describe("a revoked access token", () => {
  it("answers 401 to the token until the store is reset, over HTTP", async () => {
    const url = `/admin/api/${sandbox.apiVersion}/graphql.json`;
    const revoke = await fetch(`${sandbox.url}/_sandbox/access-tokens/${sandbox.accessToken}`, {
      method: "DELETE",
    });
    expect(revoke.status).toBe(204);
    expect((await post(url, sandbox.accessToken)).status).toBe(401);
    sandbox.control.reset();
    expect((await post(url, sandbox.accessToken)).status).toBe(200);
  });
});

describe("HTTP control routes", () => {
  it("places an order, reads stock and resets the store over JSON", async () => {
    const variant = sandbox.store.variants.find((v) => sandbox.store.itemOfVariant(v).tracked);
    if (!variant) throw new Error("no tracked variant");
    const json = (path: string, method: string, body?: unknown) =>
      fetch(`${sandbox.url}/_sandbox${path}`, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const stock = await json("/inventory", "PUT", { sku: variant.sku, quantity: 12 });
    expect(await stock.json()).toMatchObject({ sku: variant.sku, available: 12 });
    const created = await json("/orders", "POST", { lines: [{ sku: variant.sku, quantity: 2 }] });
    expect(created.status).toBe(201);
    const order = (await created.json()) as { id: string; legacyId: number; name: string };
    expect(
      (await json(`/orders/${order.legacyId}/fulfillments`, "POST", { company: "UPS", number: "1Z1" }))
        .status,
    ).toBe(201);
    const levels = (await (await json(`/inventory?sku=${variant.sku}`, "GET")).json()) as {
      available: number;
    }[];
    expect(levels[0]?.available).toBe(10);
    const invalid = await json("/orders", "POST", { lines: [] });
    expect(invalid.status).toBe(422);
    const unknown = await json("/orders", "POST", { lines: [{ sku: "NOPE", quantity: 1 }] });
    expect(unknown.status).toBe(404);
    expect(((await (await json("/call-log", "GET")).json()) as { graphql: number }).graphql).toBeGreaterThan(
      0,
    );
    expect((await json("/reset", "POST")).status).toBe(204);
    expect(sandbox.store.orders.map((candidate) => candidate.name)).not.toContain(order.name);
  });
});
