import { afterEach, describe, expect, it } from "vitest";
import { headerToken } from "./auth.ts";
import { registerKitControlRoutes } from "./control-routes.ts";
import { Faults } from "./faults.ts";
import { createRng } from "./prng.ts";
import { FixedWindow } from "./rate-limit.ts";
import { createSandboxServer, listenOnLoopback, type RateLimitSlot } from "./server.ts";
import { WebhookDispatcher } from "./webhooks.ts";
import { WriteLog } from "./write-log.ts";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

/** A minimal platform: `X-Auth-Token` auth, JSON errors, a fixed-window limit with headers. */
async function start() {
  const faults = new Faults();
  const writeLog = new WriteLog(Date.now);
  const rateLimit: RateLimitSlot = { model: null };
  const app = createSandboxServer({
    faults,
    writeLog,
    rateLimit,
    gate: {
      isApiPath: (path) => path.startsWith("/api/"),
      auth: headerToken({ header: "X-Auth-Token", accepts: (t) => (t === "good" ? "store-1" : null) }),
      unauthorized: (result) => ({ status: 401, body: { error: result.status } }),
      fault: (fault) =>
        fault.kind === "throttle"
          ? { status: 429, body: { error: "forced" } }
          : { status: fault.status, body: { error: fault.kind } },
      throttled: (d) => ({
        status: 429,
        headers: { "Retry-After": String(d.retryAfterMs / 1000) },
        body: { error: "limit" },
      }),
      rateHeaders: (d) => ({ "X-Remaining": String(d.remaining) }),
    },
  });
  app.get("/api/items", async (request) => ({ principal: request.sandboxPrincipal }));
  app.post("/api/items", async (_request, reply) => reply.code(201).send({ ok: true }));
  const webhooks = new WebhookDispatcher({ rng: createRng(1), retryDelaysMs: [] });
  registerKitControlRoutes(app, { faults, writeLog, webhooks, rateLimit });
  const { url } = await listenOnLoopback(app);
  closers.push(() => app.close());
  const call = (path: string, init: RequestInit = {}, token: string | null = "good") =>
    fetch(`${url}${path}`, {
      ...init,
      headers: {
        ...(init.body ? { "content-type": "application/json" } : {}),
        ...(token ? { "x-auth-token": token } : {}),
      },
    });
  return { url, call, rateLimit };
}

describe("sandbox server gate", () => {
  it("lets a known token through and tells missing from wrong credentials", async () => {
    const { call } = await start();
    expect(await (await call("/api/items")).json()).toEqual({ principal: "store-1" });
    const missing = await call("/api/items", {}, null);
    expect([missing.status, await missing.json()]).toEqual([401, { error: "absent" }]);
    const wrong = await call("/api/items", {}, "bad");
    expect([wrong.status, await wrong.json()]).toEqual([401, { error: "rejected" }]);
  });

  it("answers faults switched on through the control API, then recovers", async () => {
    const { call } = await start();
    await call("/_sandbox/faults/errors", {
      method: "POST",
      body: JSON.stringify({ count: 2, status: 503 }),
    });
    expect((await call("/api/items")).status).toBe(503);
    expect((await call("/api/items")).status).toBe(503);
    expect((await call("/api/items")).status).toBe(200);
    await call("/_sandbox/faults/throttle", { method: "POST", body: JSON.stringify({ count: 1 }) });
    expect((await call("/api/items")).status).toBe(429);
    await call("/_sandbox/outage", { method: "PUT", body: JSON.stringify({ status: 502 }) });
    expect((await call("/api/items")).status).toBe(502);
    await call("/_sandbox/outage", { method: "PUT", body: JSON.stringify({ status: null }) });
    expect((await call("/api/items")).status).toBe(200);
    expect(
      (await call("/_sandbox/outage", { method: "PUT", body: JSON.stringify({ status: 418 }) })).status,
    ).toBe(422);
  });

  it("applies the rate model with the platform's headers", async () => {
    const { call, rateLimit } = await start();
    rateLimit.model = new FixedWindow({ limit: 1, windowMs: 60_000 }, Date.now);
    const first = await call("/api/items");
    expect(first.headers.get("x-remaining")).toBe("0");
    const second = await call("/api/items");
    expect(second.status).toBe(429);
    expect(Number(second.headers.get("retry-after"))).toBeGreaterThan(0);
    await call("/_sandbox/rate-limit", { method: "DELETE" });
    expect((await call("/api/items")).status).toBe(200);
  });

  it("logs what was written, with the status it got", async () => {
    const { call } = await start();
    await call("/api/items", { method: "POST", body: JSON.stringify({ sku: "A", quantity: 3 }) });
    await call("/api/items");
    const writes = await (await call("/_sandbox/writes?path=/api/items")).json();
    expect(writes).toMatchObject([
      { method: "POST", path: "/api/items", body: { sku: "A", quantity: 3 }, status: 201 },
    ]);
  });
});
