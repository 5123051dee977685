import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connector } from "../../src/connectors/contract.ts";
import { localAdminRoutes } from "../../src/http/local-admin.ts";
import { frameworkProblem, registerProblemHandlers } from "../../src/http/problem.ts";
import { registerDashboard } from "../../src/http/static.ts";
import { changedTables, fingerprint } from "../helpers/fingerprint.ts";
import { createTenant, startTestHub, type TestHub } from "../helpers/hub.ts";
import { createTestConnector, createTestPlatform } from "../helpers/test-connector.ts";
import { encodedVariants } from "./hostile.ts";

/**
 * Every route outside /api, spelled every way a router might decode and a guard might not:
 * percent-encoded letters, encoded and double-encoded dots, NUL, mixed case. None may reach a
 * handler it should not, answer 5xx, or write anything.
 */
type Response = { statusCode: number; headers: Record<string, unknown>; body: string };

/** The dashboard catch-all answers 503 text when `npm run build:web` has not run: a page, not a fault. */
const dashboardUnbuilt = (res: Response) =>
  res.statusCode === 503 && String(res.headers["content-type"]).startsWith("text/plain");

function expectOrderly(url: string, res: Response) {
  if (dashboardUnbuilt(res)) return;
  expect(res.statusCode, `${url} → ${res.statusCode} ${res.body.slice(0, 200)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(res.headers["content-type"], url).toContain("application/problem+json");
  }
}

describe("encoded spellings of the hub's own routes", () => {
  let hub: TestHub;
  let ownerEmail: string;
  let webhookPath: string;

  beforeAll(async () => {
    hub = await startTestHub({
      routes: [localAdminRoutes("k".repeat(32))],
      connectors: { test: createTestConnector(createTestPlatform()) as Connector<unknown> },
    });
    const owner = await createTenant(hub);
    ownerEmail = (await hub.app.inject({ url: "/api/v1/me", headers: owner.auth })).json().user.email;
    const connection = await hub.app.inject({
      method: "POST",
      url: "/api/v1/connections",
      headers: owner.auth,
      payload: { platform: "test", name: "Hooked", credentials: { token: "good-token" }, onboarding: false },
    });
    webhookPath = `/webhooks/test/${connection.json().id}`;
  });
  afterAll(() => hub?.close());

  it("never lets a spelling of /internal/cli reach the CLI's handlers without the key", async () => {
    const targets: [string, object][] = [
      ["/internal/cli/token-create", { email: ownerEmail }],
      [
        "/internal/cli/user-create",
        { account: "Intruder", email: "intruder@example.com", password: "x".repeat(16) },
      ],
    ];
    for (const [path, payload] of targets) {
      for (const url of [path, ...encodedVariants(path)]) {
        const before = await fingerprint(hub);
        const res = await hub.app.inject({ method: "POST", url, payload });
        expectOrderly(url, res);
        // 404 whether the route is missing (PostgreSQL) or guarded (embedded): nothing to learn.
        // A malformed escape (`%`, `%zz`) is refused by the router before any route: 400.
        if (res.statusCode === 400) expect(res.body, url).toContain("malformed_url");
        else expect(res.statusCode, url).toBe(404);
        expect(res.body, url).not.toContain("swt_");
        expect(changedTables(before, await fingerprint(hub)), url).toEqual([]);
      }
    }
  });

  it("never lets a spelling of a webhook URL store an unsigned delivery", async () => {
    for (const url of [webhookPath, ...encodedVariants(webhookPath)]) {
      const before = await fingerprint(hub);
      const res = await hub.app.inject({
        method: "POST",
        url,
        headers: { "content-type": "application/json" },
        payload: { id: "forged", sku: "X", quantity: 1000 },
      });
      expectOrderly(url, res);
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(changedTables(before, await fingerprint(hub)), url).toEqual([]);
    }
  });

  it("answers every spelling of the public endpoints and dashboard files in order", async () => {
    for (const path of [
      "/healthz",
      "/metrics",
      "/api/openapi.json",
      "/index.html",
      "/assets/index.js",
      "/",
    ]) {
      for (const url of [path, ...encodedVariants(path)]) {
        for (const method of ["GET", "HEAD", "POST"] as const) {
          expectOrderly(`${method} ${url}`, await hub.app.inject({ method, url }));
        }
      }
    }
  });

  it("never serves the API's data to a spelling that skips authentication", async () => {
    for (const url of ["/api/v1/me", ...encodedVariants("/api/v1/me")]) {
      const res = await hub.app.inject({ url });
      expectOrderly(url, res);
      expect(res.body, url).not.toContain(ownerEmail);
      expect(res.statusCode === 200 && res.headers["content-type"]?.toString().includes("json"), url).toBe(
        false,
      );
    }
  });
});

describe("dashboard files", () => {
  const dir = mkdtempSync(join(tmpdir(), "stockwire-static-"));
  const root = join(dir, "dist");
  const SECRET = "SENTINEL-NOT-FOR-THE-WEB";
  let app: FastifyInstance;

  beforeAll(async () => {
    mkdirSync(join(root, "assets"), { recursive: true });
    writeFileSync(join(root, "index.html"), "<html>dashboard</html>");
    writeFileSync(join(root, "assets", "app.js"), "console.log('app')");
    // Beside the root, and in a sibling whose name starts like it: neither may be served.
    writeFileSync(join(dir, "secret.key"), SECRET);
    mkdirSync(join(dir, "dist-other"));
    writeFileSync(join(dir, "dist-other", "secret.key"), SECRET);
    app = Fastify({ frameworkErrors: frameworkProblem });
    registerProblemHandlers(app);
    registerDashboard(app, root);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves files under its root however they are spelled, and nothing beside it", async () => {
    const escapes = [
      "/../secret.key",
      "/%2e%2e/secret.key",
      "/%2E%2E/secret.key",
      "/%2e%2e%2fsecret.key",
      "/.%2e/secret.key",
      "/assets/..%2f..%2fsecret.key",
      "/assets/%2e%2e/%2e%2e/secret.key",
      "/%252e%252e/secret.key",
      "/..%5csecret.key",
      "/..%c0%afsecret.key",
      "/%2e%2e/dist-other/secret.key",
      "/../dist-other/secret.key",
      "/secret.key%00",
      "/%00/../secret.key",
      "/assets/app.js%00.html",
      `/${"..%2f".repeat(20)}etc/passwd`,
    ];
    for (const url of [...escapes, ...escapes.flatMap(encodedVariants)]) {
      const res = await app.inject({ url });
      expectOrderly(url, res);
      expect(res.body, url).not.toContain(SECRET);
      expect(res.body, url).not.toMatch(/root:.*:0:0:/);
    }
    for (const url of ["/assets/app.js", "/%61ssets/app.js", "/assets/%61pp.js", "/assets/app%2ejs"]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain("console.log");
    }
  });
});
