import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connector } from "../../src/connectors/contract.ts";
import { type Api, apiFor } from "../helpers/api.ts";
import { changedTables, fingerprint } from "../helpers/fingerprint.ts";
import { createTenant, startTestHub, type TestHub } from "../helpers/hub.ts";
import { createIsolationFixtures } from "../helpers/isolation-fixtures.ts";
import { createTestConnector, createTestPlatform } from "../helpers/test-connector.ts";

/**
 * Values a schema admits but the database cannot hold, and bodies with nothing in them: each was
 * a 500 the route fuzz found. Both must be answered below 500 and, when refused, write nothing.
 */
let hub: TestHub;
let api: Api;
let fixtures: Record<string, string>;
beforeAll(async () => {
  hub = await startTestHub({
    connectors: { test: createTestConnector(createTestPlatform()) as Connector<unknown> },
  });
  const owner = await createTenant(hub);
  api = apiFor(hub.app, owner);
  fixtures = await createIsolationFixtures(hub, owner);
});
afterAll(() => hub?.close());

async function refusedWithoutWriting(label: string, call: () => Promise<{ status: number; body: unknown }>) {
  const before = await fingerprint(hub);
  const res = await call();
  expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(400);
  expect(res.body, label).toMatchObject({ code: "value_out_of_range" });
  expect(changedTables(before, await fingerprint(hub)), label).toEqual([]);
}

describe("numbers and dates past what the database stores", () => {
  it("refuses a number past a 32-bit column with 400", async () => {
    await refusedWithoutWriting("lowStockThreshold", () =>
      api.patch(`/api/v1/products/${fixtures["products.sku"]}`, { lowStockThreshold: 2 ** 31 }),
    );
    await refusedWithoutWriting("order total", () =>
      api.post("/api/v1/orders", {
        platformOrderId: "too-big",
        placedAt: new Date().toISOString(),
        currency: "USD",
        lines: [{ sku: fixtures["products.sku"], quantity: 1, unitPriceMinor: Number.MAX_SAFE_INTEGER }],
      }),
    );
  });

  it("refuses a stock change whose result overflows, keeping the count it had", async () => {
    const ok = await api.post("/api/v1/stock/adjustments", {
      sku: fixtures["products.sku"],
      set: 2 ** 31 - 10,
      idempotencyKey: "near-the-top",
    });
    expect(ok.status, JSON.stringify(ok.body)).toBeLessThan(300);
    await refusedWithoutWriting("delta past the top", () =>
      api.post("/api/v1/stock/adjustments", {
        sku: fixtures["products.sku"],
        delta: 100,
        idempotencyKey: "over-the-top",
      }),
    );
  });

  it("refuses dates JavaScript has and PostgreSQL does not, in filters and bodies", async () => {
    for (const date of [
      "+275760-09-13T00:00:00.000Z",
      "0000-01-01T00:00:00.000Z",
      "-000001-01-01T00:00:00.000Z",
    ]) {
      const q = encodeURIComponent(date);
      for (const url of [
        `/api/v1/orders?from=${q}`,
        `/api/v1/sync-log?to=${q}`,
        `/api/v1/feed-runs?from=${q}`,
      ]) {
        await refusedWithoutWriting(url, () => api.get(url));
      }
      await refusedWithoutWriting(`placedAt ${date}`, () =>
        api.post("/api/v1/orders", {
          platformOrderId: `date-${date}`,
          placedAt: date,
          currency: "USD",
          lines: [{ sku: fixtures["products.sku"], quantity: 1, unitPriceMinor: 100 }],
        }),
      );
    }
  });
});

describe("bodies with nothing to change", () => {
  it("answers an empty PATCH or PUT on every route below 500", async () => {
    const paths: Record<string, Record<string, unknown>> = (
      await hub.app.inject({ url: "/api/openapi.json" })
    ).json().paths;
    const failures: string[] = [];
    for (const [path, methods] of Object.entries(paths)) {
      const url = path.replace(/\{(\w+)\}/g, (_, p: string) => {
        const segments = path.split("/");
        return encodeURIComponent(fixtures[`${segments[segments.indexOf(`{${p}}`) - 1]}.${p}`] ?? "x");
      });
      for (const method of Object.keys(methods).filter((m) => m === "patch" || m === "put")) {
        const res = await (method === "patch" ? api.patch(url, {}) : api.put(url, {}));
        if (res.status >= 500) failures.push(`${method.toUpperCase()} ${url} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
