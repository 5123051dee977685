import { pino } from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createPlatformClient, type PlatformClientOptions } from "./platform-client.ts";
import { PlatformDeferred } from "./platform-error.ts";
import { createTokenBucket } from "./rate-budget.ts";
import { type Handler, reply, startTestServer } from "./test-server.ts";
import { withWaitLimit } from "./wait-limit.ts";
import { BudgetWaitTooLong, createWaitQueue } from "./wait-queue.ts";

type Server = Awaited<ReturnType<typeof startTestServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  vi.useRealTimers();
});

async function serve(handler: Handler): Promise<Server> {
  server = await startTestServer(handler);
  return server;
}

function client(overrides: Partial<PlatformClientOptions> = {}) {
  return createPlatformClient({
    platform: "testshop",
    connectionLabel: "shop-1",
    budget: createTokenBucket({ capacity: 100, refillPerSecond: 100 }),
    retry: { baseDelayMs: 200, maxDelayMs: 5_000 },
    allowPrivateUrls: true,
    logger: pino({ level: "silent" }),
    ...overrides,
  });
}

/** The error a promise rejects with, or undefined if it resolves. */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

const limited = <T>(work: () => Promise<T>) => withWaitLimit(1_000, work);

describe("calls under a wait limit", () => {
  it("defer at once, sending nothing, when the budget would make them wait longer", async () => {
    const s = await serve((_seen, res) => reply(res, 200, {}));
    // A stopped clock: the bucket never refills, so a call that waited would never end, and
    // the wait it reports does not depend on how loaded the machine is.
    const budget = createTokenBucket({ capacity: 10, refillPerSecond: 2, now: () => 0 });
    const c = client({ budget });
    await c.request({ method: "GET", url: s.url, cost: 10, priority: "stock" });
    const error = await rejection(
      limited(() => c.request({ method: "GET", url: s.url, cost: 6, priority: "stock" })),
    );
    expect(error).toBeInstanceOf(PlatformDeferred);
    expect(error).toMatchObject({ reason: "rate-limit", retryable: true });
    // 6 points at 2 per second, from an empty bucket.
    expect((error as PlatformDeferred).retryAfterMs).toBe(3_000);
    expect(s.seen).toHaveLength(1);
  });

  it("still wait for the budget when the wait fits the limit", async () => {
    const s = await serve((_seen, res) => reply(res, 200, {}));
    const c = client({ budget: createTokenBucket({ capacity: 10, refillPerSecond: 40 }) });
    await c.request({ method: "GET", url: s.url, cost: 10, priority: "stock" });
    const res = await limited(() => c.request({ method: "GET", url: s.url, cost: 10, priority: "stock" }));
    expect(res.status).toBe(200);
    expect(s.seen).toHaveLength(2);
  });

  it("defer for a Retry-After longer than the limit", async () => {
    const s = await serve((_seen, res) => reply(res, 429, {}, { "retry-after": "30" }));
    const error = await rejection(
      limited(() => client().request({ method: "GET", url: s.url, priority: "orders" })),
    );
    expect(error).toMatchObject({ name: "PlatformDeferred", reason: "rate-limit", status: 429 });
    expect((error as PlatformDeferred).retryAfterMs).toBe(30_000);
    expect(s.seen).toHaveLength(1);
  });

  it("retry 5xx within the limit, then defer; later calls wait out a growing back-off unsent", async () => {
    let down = true;
    const s = await serve((_seen, res) => (down ? reply(res, 503, {}) : reply(res, 200, {})));
    const c = client();
    const call = () => limited(() => c.request({ method: "GET", url: s.url, priority: "stock" }));
    const first = (await rejection(call())) as PlatformDeferred;
    expect(first).toMatchObject({ name: "PlatformDeferred", reason: "unavailable", status: 503 });
    expect(first.message).toContain("answered HTTP 503");
    const sent = s.seen.length;
    expect(sent).toBeGreaterThan(1);
    const second = (await rejection(call())) as PlatformDeferred;
    expect(second).toMatchObject({ reason: "unavailable" });
    expect(second.retryAfterMs).toBeLessThanOrEqual(first.retryAfterMs);
    expect(s.seen).toHaveLength(sent);
    // A call without a limit still goes out, and an answer ends the outage for everyone.
    down = false;
    await c.request({ method: "GET", url: s.url, priority: "stock" });
    expect((await call()).status).toBe(200);
  });

  it("defer as unavailable when the host does not answer at all", async () => {
    const s = await serve((_seen, res) => reply(res, 200, {}));
    const url = s.url;
    await s.close();
    server = undefined;
    // Deferred rather than retried without end: a hang would fail on the test's own timeout.
    const error = await rejection(limited(() => client().request({ method: "GET", url, priority: "stock" })));
    expect(error).toMatchObject({ name: "PlatformDeferred", reason: "unavailable", status: null });
    expect((error as PlatformDeferred).message).toContain("could not reach the host");
  });
});

describe("the wait queue under a limit", () => {
  it("gives up on a waiter that callers of higher priority keep overtaking", async () => {
    vi.useFakeTimers();
    let available = 0;
    const queue = createWaitQueue({
      capacity: () => 10,
      available: () => available,
      msUntil: (cost) => (cost - available) * 100,
      spend: (cost) => {
        available -= cost;
      },
    });
    const stock = queue.take(2, "stock", 300).catch((error: unknown) => error);
    // Orders arrive first in line; the stock call's allowance runs out behind them.
    void queue.take(5, "orders").catch(() => undefined);
    await vi.advanceTimersByTimeAsync(300);
    const error = await stock;
    expect(error).toBeInstanceOf(BudgetWaitTooLong);
    expect((error as BudgetWaitTooLong).waitMs).toBe(700);
    expect(queue.waiting()).toBe(1);
  });
});
