import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Api, apiFor } from "../../test/helpers/api.ts";
import { changedTables, fingerprint } from "../../test/helpers/fingerprint.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "../../test/helpers/hub.ts";
import { MAX_INPUT_DEPTH } from "./input-guard.ts";

let hub: TestHub;
let tenant: Tenant;
let api: Api;
beforeAll(async () => {
  hub = await startTestHub();
  tenant = await createTenant(hub);
  api = apiFor(hub.app, tenant);
  await api.post("/api/v1/products/import", { products: [{ sku: "NUL-1", name: "Widget", quantity: 1 }] });
});
afterAll(() => hub?.close());

/** `{"!": {"!": … true}}`: nests as deep as asked and is still a valid json-logic condition. */
function nested(depth: number): unknown {
  let value: unknown = true;
  for (let i = 0; i < depth; i++) value = { "!": value };
  return value;
}

describe("input no route can store is a 400 before any handler runs", () => {
  it("refuses a NUL character in a body value, a body key, the query or a path parameter", async () => {
    const before = await fingerprint(hub);
    const cases: [string, Promise<{ status: number; body: unknown }>][] = [
      ["body.name", api.post("/api/v1/warehouses", { name: "back\u0000room" })],
      [
        "body.products.0.name",
        api.post("/api/v1/products/import", { products: [{ sku: "N", name: "a\u0000" }] }),
      ],
      [
        "body.credentials",
        api.post("/api/v1/connections", { platform: "x", name: "n", credentials: { "k\u0000": 1 } }),
      ],
      ["query.q", api.get("/api/v1/products?q=a%00b")],
      ["params.sku", api.get("/api/v1/products/NUL%00-1")],
      ["params.sku", api.patch("/api/v1/products/%00", { name: "x" })],
    ];
    for (const [path, pending] of cases) {
      const res = await pending;
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(400);
      expect(res.body).toMatchObject({
        code: "nul_character",
        errors: [{ path: expect.stringContaining(path) }],
      });
    }
    expect(changedTables(before, await fingerprint(hub))).toEqual([]);
  });

  it("refuses a NUL character in a CSV body", async () => {
    const res = await api.csv("/api/v1/products/import", "sku,name,quantity\nN-1,Wid\u0000get,1\n");
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("nul_character");
  });

  it(`refuses JSON nested deeper than ${MAX_INPUT_DEPTH} levels and accepts what real bodies nest`, async () => {
    // Sent as text: the test's own JSON.stringify would overflow at this depth.
    const deep = await hub.app.inject({
      method: "POST",
      url: "/api/v1/connections",
      headers: { ...tenant.auth, "content-type": "application/json" },
      payload: `{"platform":"x","name":"deep","credentials":${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}}`,
    });
    expect(deep.statusCode).toBe(400);
    expect(deep.json()).toMatchObject({ code: "input_too_deep" });
    expect(deep.json().detail).toContain("nested deeper");
    const shallow = await api.post("/api/v1/custom-alerts/preview", {
      eventType: "stock.changed",
      template: "{{ sku }}",
      condition: nested(MAX_INPUT_DEPTH - 3),
    });
    expect(shallow.status, JSON.stringify(shallow.body)).toBe(200);
  });

  it("leaves raw webhook bodies, NUL bytes included, to the route's signature check", async () => {
    const res = await hub.app.inject({
      method: "POST",
      url: "/webhooks/shopify/00000000-0000-4000-8000-000000000000",
      headers: { "content-type": "application/json" },
      payload: Buffer.concat([Buffer.from('{"id":"'), Buffer.alloc(1 << 20), Buffer.from('"}')]),
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe("not_found");
  });

  it("still accepts ordinary text, including other control characters and emoji", async () => {
    const res = await api.post("/api/v1/warehouses", { name: "Back room \t✓ 🚚" });
    expect(res.status).toBe(201);
  });
});
