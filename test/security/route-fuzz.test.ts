import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connector } from "../../src/connectors/contract.ts";
import { changedTables, type Fingerprint, fingerprint } from "../helpers/fingerprint.ts";
import { createTenant, startTestHub, type Tenant, type TestHub } from "../helpers/hub.ts";
import { createIsolationFixtures } from "../helpers/isolation-fixtures.ts";
import { createTestConnector, createTestPlatform } from "../helpers/test-connector.ts";
import { encodedVariants, forgedCursors, hostileBodies, hostileString } from "./hostile.ts";
import { type ArbitraryOptions, arbitraryFor, type Schema } from "./schema-arbitrary.ts";

/**
 * Every route of the OpenAPI document, called by an account owner with requests drawn from the
 * route's own schema plus hostile values. Whatever arrives, the hub answers below 500, every error
 * is a problem document, and an error answer wrote nothing. Fixed seed: a failure reproduces.
 */
/** Fixed so a failure reproduces; FUZZ_SEED=<n> explores other draws locally. */
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_515);
/** Runs per route with inputs; routes without any get a few (their input is the path spelling). */
const RUNS = 30;
const RUNS_WITHOUT_INPUT = 5;

type Parameter = { in: "path" | "query"; name: string; required?: boolean; schema: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: { "application/json"?: { schema: Schema } } };
};
type Call = { url: string; body?: { json: unknown } | { raw: string } };

let hub: TestHub;
let owner: Tenant;
let fixtures: Record<string, string>;
let options: ArbitraryOptions;
let operations: [string, string, Operation][];
let last: Fingerprint;

beforeAll(async () => {
  hub = await startTestHub({
    connectors: { test: createTestConnector(createTestPlatform()) as Connector<unknown> },
  });
  owner = await createTenant(hub, "Fuzzed");
  const other = await createTenant(hub, "Bystander");
  fixtures = await createIsolationFixtures(hub, owner);
  const theirs = await createIsolationFixtures(hub, other, "ISO-B-1");
  const uuids = [...Object.values(fixtures), ...Object.values(theirs)].filter((v) =>
    /^[0-9a-f-]{36}$/.test(v),
  );
  options = {
    ids: uuids,
    samples: [
      fixtures["products.sku"]!,
      "USD",
      "test",
      "good-token",
      "loc-1",
      "owner@example.com",
      "2024-05-01",
    ],
    hostile: hostileString,
  };
  const paths: Record<string, Record<string, Operation>> = (
    await hub.app.inject({ url: "/api/openapi.json" })
  ).json().paths;
  // Deletes last, so the fixtures they remove are there for every other route first.
  operations = Object.entries(paths)
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(
        ([method, op]) => [method.toUpperCase(), path, op] as [string, string, Operation],
      ),
    )
    .sort(([a], [b]) => Number(a === "DELETE") - Number(b === "DELETE"));
  last = await fingerprint(hub);
}, 120_000);
afterAll(() => hub?.close());

/** Percent-encoded as a browser would: a lone surrogate, which has no UTF-8, becomes U+FFFD. */
const encodeSegment = (s: string) => encodeURIComponent(Buffer.from(s).toString());

/** A value as it travels in a URL: text as is, anything else as JSON. */
const asText = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

function pathArbitrary(path: string, params: Parameter[]): fc.Arbitrary<string> {
  const values = params.map((p) => {
    const own = fixtures[`${path.split("/").at(path.split("/").indexOf(`{${p.name}}`) - 1)}.${p.name}`];
    const drawn = arbitraryFor(p.schema, options).map(asText);
    return fc.oneof(
      { arbitrary: own ? fc.constant(own) : drawn, weight: 4 },
      { arbitrary: drawn.map(encodeSegment), weight: 2 },
      {
        arbitrary: fc.constantFrom("%00", "%2e%2e", "%252e%252e", "..%2f..", "%ZZ", "%c0%ae", "%69d"),
        weight: 1,
      },
    );
  });
  const filled = fc
    .tuple(...values)
    .map((vs) => params.reduce((url, p, i) => url.replace(`{${p.name}}`, vs[i]!), path));
  return fc.oneof(
    { arbitrary: filled, weight: 6 },
    { arbitrary: filled.chain((url) => fc.constantFrom(...encodedVariants(url))), weight: 1 },
  );
}

function queryArbitrary(params: Parameter[]): fc.Arbitrary<string> {
  if (params.length === 0) return fc.constant("");
  const model = Object.fromEntries(
    params.map((p) => [
      p.name,
      p.name === "cursor"
        ? fc.oneof(fc.constantFrom(...forgedCursors), fc.string())
        : arbitraryFor(p.schema, options).map(asText),
    ]),
  );
  const required = params.filter((p) => p.required).map((p) => p.name);
  return fc
    .record(model, { requiredKeys: required })
    .map((q) => new URLSearchParams(q as Record<string, string>).toString())
    .map((qs) => (qs ? `?${qs}` : ""));
}

function callArbitrary(path: string, op: Operation): fc.Arbitrary<Call> {
  const params = op.parameters ?? [];
  const url = fc
    .tuple(
      pathArbitrary(
        path,
        params.filter((p) => p.in === "path"),
      ),
      queryArbitrary(params.filter((p) => p.in === "query")),
    )
    .map(([p, q]) => `${p}${q}`);
  const schema = op.requestBody?.content["application/json"]?.schema;
  if (!op.requestBody) return url.map((u) => ({ url: u }));
  const body = fc.oneof(
    { arbitrary: arbitraryFor(schema, options).map((json) => ({ json })), weight: 10 },
    { arbitrary: fc.constantFrom(...hostileBodies).map((raw) => ({ raw })), weight: 1 },
  );
  return fc.tuple(url, body).map(([u, b]) => ({ url: u, body: b }));
}

async function send(method: string, call: Call) {
  const payload = call.body && ("raw" in call.body ? call.body.raw : JSON.stringify(call.body.json));
  return hub.app.inject({
    method: method as "GET",
    url: call.url,
    headers: payload === undefined ? owner.auth : { ...owner.auth, "content-type": "application/json" },
    ...(payload === undefined ? {} : { payload }),
  });
}

/**
 * A spelling the router does not take for an API path lands on the dashboard's catch-all, which
 * answers 503 when `npm run build:web` has not run (vitest without `npm test`); that is a page, not
 * a failure of the route.
 */
function dashboardUnbuilt(res: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  return (
    res.statusCode === 503 &&
    String(res.headers["content-type"]).startsWith("text/plain") &&
    res.body.includes("dashboard is not built")
  );
}

describe("route fuzzing", () => {
  it("answers every route's schema-drawn and hostile requests below 500, with problems that write nothing", async () => {
    const started = Date.now();
    let requests = 0;
    for (const [method, path, op] of operations) {
      const hasInput = (op.parameters?.length ?? 0) > 0 || op.requestBody !== undefined;
      await fc.assert(
        fc.asyncProperty(callArbitrary(path, op), async (call) => {
          requests++;
          const res = await send(method, call);
          const where = `${method} ${call.url} → ${res.statusCode} ${res.body.slice(0, 300)}`;
          const after = await fingerprint(hub);
          const changed = changedTables(last, after);
          last = after;
          if (dashboardUnbuilt(res)) return;
          expect(res.statusCode, where).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(res.headers["content-type"], where).toContain("application/problem+json");
            expect(changed, `${where} wrote`).toEqual([]);
          }
        }),
        { seed: SEED, numRuns: hasInput ? RUNS : RUNS_WITHOUT_INPUT, endOnFailure: true },
      );
    }
    console.info(
      `route fuzz: ${operations.length} operations, ${requests} requests, ${Date.now() - started} ms`,
    );
  }, 600_000);
});
