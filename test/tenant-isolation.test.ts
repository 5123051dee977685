import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connector } from "../src/connectors/contract.ts";
import {
  bodiesWithIds,
  collectionOf,
  type JsonSchema,
  replaceAt,
  uuidPaths,
} from "./helpers/body-id-fixtures.ts";
import { changedTables, fingerprint } from "./helpers/fingerprint.ts";
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
let bFixtures: Record<string, string>;
type Operation = {
  security?: unknown[];
  requestBody?: { content: { "application/json"?: { schema: JsonSchema } } };
  parameters?: { in: string; name: string; schema: JsonSchema }[];
};
let paths: Record<string, Record<string, Operation>>;

beforeAll(async () => {
  hub = await startTestHub({
    connectors: { test: createTestConnector(createTestPlatform()) as Connector<unknown> },
  });
  a = await createTenant(hub, "Tenant A");
  b = await createTenant(hub, "Tenant B");
  fixtures = await createIsolationFixtures(hub, a);
  bFixtures = await createIsolationFixtures(hub, b, "ISO-B-1");
  // The public routes outside the API sign no account in, so there is none to cross: webhook
  // receivers check the platform's signature (test/security); health and metrics are the
  // operator's and name connections of every account by id only (docs/operations.md).
  const documented: typeof paths = (await hub.app.inject({ url: "/api/openapi.json" })).json().paths;
  const accountScoped = (path: string, op: Operation) =>
    path.startsWith("/api/") || op.security?.length !== 0;
  paths = Object.fromEntries(
    Object.entries(documented)
      .map(([path, methods]) => [
        path,
        Object.fromEntries(Object.entries(methods).filter(([, op]) => accountScoped(path, op))),
      ])
      .filter(([, methods]) => Object.keys(methods as object).length > 0),
  );
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

  it("answers 404 to an id of another account anywhere in a body or query, and writes nothing", async () => {
    const problems: string[] = [];
    for (const [path, methods] of Object.entries(paths)) {
      const url = ownUrl(path);
      for (const [method, op] of Object.entries(methods)) {
        const route = `${method.toUpperCase()} ${path}`;
        const send = (body?: unknown, query = "") =>
          hub.app.inject({
            method: method.toUpperCase() as "GET",
            url: `${url}${query}`,
            headers: body === undefined ? a.auth : { ...a.auth, "content-type": "application/json" },
            ...(body === undefined ? {} : { payload: body as object }),
          });
        const foreign = async (label: string, body?: unknown, query?: string) => {
          const before = await fingerprint(hub);
          const res = await send(body, query);
          const changed = changedTables(before, await fingerprint(hub));
          if (res.statusCode !== 404 || changed.length > 0) {
            problems.push(
              `${route} ${label} → ${res.statusCode}${changed.length ? `, wrote ${changed}` : ""}`,
            );
          }
        };
        const own = async (body?: unknown, query?: string) => {
          // A's own ids pass the check, so the 404s above are about the id and nothing else.
          const res = await send(body, query);
          if (res.statusCode === 404 || res.statusCode >= 500) {
            problems.push(`${route} with A's own ids → ${res.statusCode} ${res.body}`);
          }
        };

        const bodyIds = uuidPaths(op.requestBody?.content["application/json"]?.schema);
        const template = bodiesWithIds[route];
        if (bodyIds.length > 0 && !template) problems.push(`${route}: no body in bodiesWithIds`);
        for (const field of template ? bodyIds : []) {
          const collection = collectionOf(field);
          if (!collection) {
            problems.push(`${route}: ${field} names no known collection`);
            continue;
          }
          await foreign(`body ${field}=B's`, replaceAt(template!(fixtures), field, bFixtures[collection]!));
          await foreign(`body ${field}=unknown`, replaceAt(template!(fixtures), field, randomUUID()));
        }
        if (template && bodyIds.length > 0) await own(template(fixtures));

        const queryIds = (op.parameters ?? []).filter((p) => p.in === "query" && p.schema.format === "uuid");
        for (const { name } of queryIds) {
          const collection = collectionOf(name);
          if (!collection) {
            problems.push(`${route}: query ${name} names no known collection`);
            continue;
          }
          await foreign(`query ${name}=B's`, undefined, `?${name}=${bFixtures[collection]}`);
          await foreign(`query ${name}=unknown`, undefined, `?${name}=${randomUUID()}`);
          await own(undefined, `?${name}=${fixtures[collection]}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

/** A route's path aimed at A's own resources. */
function ownUrl(path: string): string {
  return path.replace(/\{(\w+)\}/g, (_, param: string) =>
    encodeURIComponent(fixtures[fixtureKey(path, param)] ?? "missing"),
  );
}
