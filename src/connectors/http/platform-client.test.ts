import { setTimeout as sleep } from "node:timers/promises";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { concurrencyLimit, windowBudget } from "./budgets.ts";
import { createPlatformClient, type PlatformClientOptions } from "./platform-client.ts";
import { PlatformError } from "./platform-error.ts";
import { createTokenBucket } from "./rate-budget.ts";
import { rateHeaderSignals } from "./rate-headers.ts";
import { type Handler, reply, startTestServer } from "./test-server.ts";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: Handler): Promise<Server> {
  server = await startTestServer(handler);
  return server;
}

/** A debug-level pino logger whose output the test can read back. */
function capturedLogger() {
  const lines: string[] = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => lines.push(line) });
  return { logger, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function client(overrides: Partial<PlatformClientOptions> = {}) {
  const log = capturedLogger();
  const platformClient = createPlatformClient({
    platform: "testshop",
    connectionLabel: "shop-1",
    budget: createTokenBucket({ capacity: 100, refillPerSecond: 100 }),
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    allowPrivateUrls: true,
    logger: log.logger,
    ...overrides,
  });
  return { client: platformClient, log };
}

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

describe("createPlatformClient", () => {
  it("sends the request and hands back status, headers and body", async () => {
    const s = await serve((_seen, res) => reply(res, 200, { ok: true }, { "x-request-id": "r1" }));
    const { client: c } = client();
    const res = await c.request({
      method: "POST",
      url: `${s.url}/admin/api/graphql.json`,
      headers: { "content-type": "application/json", "x-custom": "yes" },
      body: '{"query":"{ shop { name } }"}',
      priority: "orders",
    });
    expect(res).toMatchObject({ status: 200, attempts: 1 });
    expect(res.json()).toEqual({ ok: true });
    expect(res.headers.get("x-request-id")).toBe("r1");
    expect(s.seen[0]).toMatchObject({
      method: "POST",
      url: "/admin/api/graphql.json",
      body: '{"query":"{ shop { name } }"}',
    });
    expect(s.seen[0]?.headers["x-custom"]).toBe("yes");
    expect(c.stats()).toEqual({ requests: 1, retries: 0, throttled: 0, failures: 0 });
  });

  it("waits out a 429's Retry-After, then succeeds", async () => {
    const s = await serve((_seen, res, i) =>
      i === 0
        ? reply(res, 429, { errors: "Exceeded 2 calls per second" }, { "retry-after": "0.2" })
        : reply(res, 200, {}),
    );
    const { client: c } = client();
    const started = performance.now();
    const res = await c.request({ method: "GET", url: `${s.url}/orders.json`, priority: "orders" });
    expect(res.attempts).toBe(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(c.stats()).toEqual({ requests: 2, retries: 1, throttled: 1, failures: 0 });
  });

  it("retries a 503 twice with back-off, then succeeds", async () => {
    const s = await serve((_seen, res, i) =>
      i < 2 ? reply(res, 503, "unavailable") : reply(res, 200, { n: 3 }),
    );
    const { client: c } = client();
    const res = await c.request({ method: "GET", url: `${s.url}/items`, priority: "catalog" });
    expect(res.json()).toEqual({ n: 3 });
    expect(s.seen).toHaveLength(3);
    expect(c.stats()).toEqual({ requests: 3, retries: 2, throttled: 0, failures: 0 });
  });

  it("times an attempt out through its AbortSignal and retries", async () => {
    // The first attempt never answers on its own: only the client's abort ends it, so the test
    // proves the timeout without measuring time (a loaded machine would make that flaky).
    let firstAborted = false;
    const s = await serve(async (_seen, res, i) => {
      if (i === 0) {
        await new Promise<void>((resolve) => res.on("close", resolve));
        firstAborted = !res.writableEnded;
        return;
      }
      reply(res, 200, { attempt: i + 1 });
    });
    // Long enough that the answered second attempt never times out on a starved machine.
    const { client: c, log } = client({ timeoutMs: 1_500 });
    const res = await c.request({ method: "GET", url: `${s.url}/slow`, priority: "stock" });
    expect(res.json()).toEqual({ attempt: 2 });
    expect(firstAborted).toBe(true);
    expect(log.entries()[0]).toMatchObject({ status: null, error: "timeout", attempt: 1 });
  });

  it("does not retry a permanent 400 and throws a PlatformError with a redacted excerpt", async () => {
    const s = await serve((_seen, res) =>
      reply(res, 400, {
        error: "bad input",
        echo: { access_token: "shpat_0123456789abcdef0123456789abcdef" },
      }),
    );
    const { client: c } = client();
    const error = await failure(
      c.request({ method: "PUT", url: `${s.url}/stock`, body: "{}", priority: "stock" }),
    );
    expect(error).toMatchObject({ platform: "testshop", status: 400, retryable: false, attempts: 1 });
    expect(error.bodyExcerpt).toContain("bad input");
    expect(error.bodyExcerpt).not.toContain("shpat_");
    expect(s.seen).toHaveLength(1);
    expect(c.stats()).toEqual({ requests: 1, retries: 0, throttled: 0, failures: 1 });
  });

  it("leaves a 409 final unless the caller's classify says to retry it", async () => {
    const s = await serve((_seen, res, i) => (i === 0 ? reply(res, 409, "busy") : reply(res, 200, {})));
    const { client: c } = client();
    const res = await c.request({
      method: "POST",
      url: `${s.url}/lock`,
      priority: "stock",
      classify: (r) => (r.status === 409 ? "retry" : r.status < 400 ? "ok" : "fail"),
    });
    expect(res.attempts).toBe(2);
    await expect(
      c.request({ method: "POST", url: `${s.url}/lock`, priority: "stock" }),
    ).resolves.toMatchObject({
      status: 200,
    });
  });

  it("waits out a window reset reported in headers, counting the 429 as throttled, not failed", async () => {
    const window = (left: number, resetMs: number) => ({
      "x-rate-limit-requests-left": String(left),
      "x-rate-limit-requests-quota": "150",
      "x-rate-limit-time-window-ms": "30000",
      "x-rate-limit-time-reset-ms": String(resetMs),
    });
    const s = await serve((_seen, res, i) =>
      i === 0 ? reply(res, 429, {}, window(0, 50)) : reply(res, 200, { ok: true }, window(148, 29_000)),
    );
    const budget = windowBudget({ requests: 150, windowSeconds: 30 });
    const signals = rateHeaderSignals({
      remaining: "X-Rate-Limit-Requests-Left",
      limit: "X-Rate-Limit-Requests-Quota",
      window: "X-Rate-Limit-Time-Window-Ms",
      reset: "X-Rate-Limit-Time-Reset-Ms",
    });
    const { client: c } = client({ budget, signals });
    const res = await c.request({ method: "GET", url: `${s.url}/orders`, priority: "orders" });
    expect(res.json()).toEqual({ ok: true });
    expect(c.stats()).toEqual({ requests: 2, retries: 1, throttled: 1, failures: 0 });
    expect(budget.snapshot()).toMatchObject({ available: 148, capacity: 150, refillPerSecond: 5 });
  });

  it("gives up after maxAttempts with a retryable error, never logging headers, query or bodies", async () => {
    const token = "shpat_feedfacefeedfacefeedfacefeedface";
    const s = await serve((_seen, res) => reply(res, 500, { error: "boom", token, echo: "BODY-SECRET-42" }));
    const { client: c, log } = client({ retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } });
    const error = await failure(
      c.request({
        method: "POST",
        url: `${s.url}/admin/orders.json?access_token=QUERY-SECRET-7`,
        headers: { "x-shopify-access-token": token, authorization: "Bearer HEADER-SECRET-9" },
        body: '{"password":"BODY-SECRET-42"}',
        priority: "orders",
      }),
    );
    expect(error).toMatchObject({ status: 500, retryable: true, attempts: 3 });
    expect(s.seen).toHaveLength(3);
    expect(c.stats()).toEqual({ requests: 3, retries: 2, throttled: 0, failures: 1 });

    const output = log.lines.join("");
    for (const secret of [token, "QUERY-SECRET-7", "HEADER-SECRET-9", "BODY-SECRET-42", "boom"]) {
      expect(output).not.toContain(secret);
    }
    const entries = log.entries();
    expect(entries.filter((e) => e.level === 20)).toHaveLength(3);
    expect(entries[0]).toMatchObject({
      platform: "testshop",
      connection: "shop-1",
      method: "POST",
      url: `${new URL(s.url).host}/admin/orders.json`,
      status: 500,
      attempt: 1,
    });
    expect(typeof entries[0]?.ms).toBe("number");
    expect(entries.at(-1)).toMatchObject({ level: 40, status: 500, attempts: 3, retryable: true });
  });

  it("retries network errors and reports them without a status", async () => {
    const s = await serve((_seen, res) => reply(res, 200, {}));
    const url = `${s.url}/gone`;
    await s.close();
    server = undefined;
    const { client: c } = client({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    const error = await failure(c.request({ method: "GET", url, priority: "catalog" }));
    expect(error).toMatchObject({ status: null, retryable: true, attempts: 2, bodyExcerpt: "" });
    expect(error.message).toMatch(/could not reach the host/);
    expect(error.message).not.toMatch(/ECONNREFUSED/);
  });

  it("keeps no more requests in flight than the concurrency limit", async () => {
    const s = await serve(async (_seen, res) => {
      await sleep(30);
      reply(res, 200, {});
    });
    const { client: c } = client({ concurrency: concurrencyLimit(2) });
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        c.request({ method: "GET", url: `${s.url}/r/${i}`, priority: "stock" }),
      ),
    );
    expect(s.seen).toHaveLength(8);
    expect(s.maxInFlight()).toBe(2);
  });

  it("takes the budget before sending", async () => {
    const s = await serve((_seen, res) => reply(res, 200, {}));
    const { client: c } = client({ budget: createTokenBucket({ capacity: 5, refillPerSecond: 50 }) });
    const started = performance.now();
    await Promise.all(
      Array.from({ length: 10 }, () =>
        c.request({ method: "GET", url: `${s.url}/x`, cost: 1, priority: "catalog" }),
      ),
    );
    // 5 at once, then 5 more at 50/s: about 100 ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
  });

  it("refuses private and plain-http URLs outside sandbox mode without sending anything", async () => {
    const s = await serve((_seen, res) => reply(res, 200, {}));
    const { client: c } = client({ allowPrivateUrls: false });
    await expect(c.request({ method: "GET", url: `${s.url}/x`, priority: "orders" })).rejects.toMatchObject({
      code: "platform_url_not_allowed",
    });
    expect(s.seen).toHaveLength(0);
  });

  it("does not follow redirects, which could lead past the URL guard", async () => {
    const s = await serve((_seen, res) => reply(res, 302, "", { location: "http://169.254.169.254/latest" }));
    const { client: c } = client();
    const res = await c.request({ method: "GET", url: `${s.url}/moved`, priority: "catalog" });
    expect(res.status).toBe(302);
    expect(s.seen).toHaveLength(1);
  });
});
