import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connector } from "../src/connectors/contract.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "./helpers/hub.ts";
import { createIsolationFixtures } from "./helpers/isolation-fixtures.ts";
import { createTestConnector, createTestPlatform } from "./helpers/test-connector.ts";

/**
 * Walks every route of the OpenAPI document as account B, aimed at account A's resources.
 * A new route is covered as soon as it is registered: a path parameter without a fixture fails
 * the test, so the author has to say which of A's resources it should try to reach.
 */
let hub: TestHub;
let a: Tenant;
let b: Tenant;
let fixtures: Record<string, string>;
type Operation = { requestBody?: unknown };
let paths: Record<string, Record<string, Operation>>;

beforeAll(async () => {
  hub = await startTestHub({
    connectors: { test: createTestConnector(createTestPlatform()) as Connector<unknown> },
  });
  a = await createTenant(hub, "Tenant A");
  b = await createTenant(hub, "Tenant B");
  fixtures = await createIsolationFixtures(hub, a);
  paths = (await hub.app.inject({ url: "/api/openapi.json" })).json().paths;
});
afterAll(() => hub?.close());

/** The collection a parameter belongs to: `/api/v1/tokens/{id}` → `tokens`, `{id}` of the last one. */
function fixtureKey(path: string, param: string): string {
  const segments = path.split("/");
  const at = segments.indexOf(`{${param}}`);
  return `${segments[at - 1]}.${param}`;
}

describe("tenant isolation", () => {
  it("answers 404 to every route aimed at another account's resources", async () => {
    const missing: string[] = [];
    const leaks: string[] = [];
    for (const [path, methods] of Object.entries(paths)) {
      const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      if (params.length === 0) continue;
      let url = path;
      for (const p of params) {
        const id = fixtures[fixtureKey(path, p)];
        if (!id) missing.push(`${path} → ${fixtureKey(path, p)}`);
        url = url.replace(`{${p}}`, encodeURIComponent(id ?? "missing"));
      }
      for (const [method, op] of Object.entries(methods)) {
        const res = await hub.app.inject({
          method: method.toUpperCase() as "GET",
          url,
          headers: op.requestBody ? { ...b.auth, "content-type": "application/json" } : b.auth,
          ...(op.requestBody ? { payload: {} } : {}),
        });
        // A body the schema rejects (400) is also a refusal; anything else but 404 is a leak.
        const refused = res.statusCode === 404 || (op.requestBody !== undefined && res.statusCode === 400);
        if (!refused) leaks.push(`${method.toUpperCase()} ${url} → ${res.statusCode}`);
      }
    }
    expect(missing, "path parameters without an isolation fixture").toEqual([]);
    expect(leaks).toEqual([]);
  });

  it("never lists another account's rows", async () => {
    // Feed kinds are shared vocabulary, not A's data.
    const aIds = Object.entries(fixtures)
      .filter(([key]) => key !== "feeds.kind")
      .map(([, v]) => v);
    for (const [path, methods] of Object.entries(paths)) {
      if (path.includes("{") || !methods.get) continue;
      const res = await hub.app.inject({ url: path, headers: b.auth });
      for (const id of aIds) expect(res.body, `${path} shows A's ${id}`).not.toContain(id);
    }
  });
});
