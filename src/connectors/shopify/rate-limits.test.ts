import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import {
  createPlatformClient,
  type PlatformClientOptions,
  type PlatformDeferred,
  withWaitLimit,
} from "../http/index.ts";
import { type Handler, reply, startTestServer } from "../http/test-server.ts";
import { shopifyGraphqlBudget, shopifyGraphqlClassify, shopifyGraphqlSignals } from "./rate-limits.ts";

const view = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  bodyText: typeof body === "string" ? body : JSON.stringify(body),
});

const throttleStatus = { maximumAvailable: 2000.0, currentlyAvailable: 12, restoreRate: 100.0 };

describe("Shopify GraphQL readers", () => {
  it("reads the bucket and the actual cost from extensions.cost", () => {
    const res = view(200, {
      data: {},
      extensions: { cost: { requestedQueryCost: 101, actualQueryCost: 46, throttleStatus } },
    });
    expect(shopifyGraphqlSignals(res)).toEqual({
      status: { available: 12, capacity: 2000, refillPerSecond: 100 },
      actualCost: 46,
    });
    expect(shopifyGraphqlClassify(res)).toBe("ok");
  });

  it("treats HTTP 200 THROTTLED as a throttle and applies no actual cost", () => {
    const res = view(200, {
      errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
      extensions: { cost: { requestedQueryCost: 752, actualQueryCost: null, throttleStatus } },
    });
    expect(shopifyGraphqlClassify(res)).toBe("throttled");
    expect(shopifyGraphqlSignals(res)).toEqual({
      status: { available: 12, capacity: 2000, refillPerSecond: 100 },
    });
  });

  it("fails MAX_COST_EXCEEDED at once and falls back to the status rule", () => {
    const tooBig = view(200, {
      errors: [{ message: "Query cost is 1002", extensions: { code: "MAX_COST_EXCEEDED" } }],
    });
    expect(shopifyGraphqlClassify(tooBig)).toBe("fail");
    expect(shopifyGraphqlClassify(view(429, "Too many"))).toBe("throttled");
    expect(shopifyGraphqlClassify(view(502, "<html>"))).toBe("retry");
    expect(shopifyGraphqlSignals(view(502, "<html>"))).toBeUndefined();
  });

  it("models the cost bucket of each plan", () => {
    const numbers = (["standard", "advanced", "plus", "enterprise"] as const).map((plan) => {
      const { capacity, refillPerSecond } = shopifyGraphqlBudget(plan).snapshot();
      return [plan, capacity, refillPerSecond];
    });
    expect(numbers).toEqual([
      ["standard", 2_000, 100],
      ["advanced", 4_000, 200],
      ["plus", 20_000, 1_000],
      ["enterprise", 40_000, 2_000],
    ]);
  });
});

describe("Shopify's readers on the shared platform client", () => {
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
  const client = (overrides: Partial<PlatformClientOptions>) =>
    createPlatformClient({
      platform: "shopify",
      connectionLabel: "shop-1",
      budget: shopifyGraphqlBudget("standard"),
      classify: shopifyGraphqlClassify,
      signals: shopifyGraphqlSignals,
      retry: { baseDelayMs: 5, maxDelayMs: 20 },
      allowPrivateUrls: true,
      logger: pino({ level: "silent" }),
      ...overrides,
    });
  const status = (available: number, restoreRate: number) => ({
    maximumAvailable: 2000,
    currentlyAvailable: available,
    restoreRate,
  });
  const throttled = (restoreRate: number) => ({
    errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }],
    extensions: {
      cost: { requestedQueryCost: 150, actualQueryCost: null, throttleStatus: status(0, restoreRate) },
    },
  });

  it("retries HTTP 200 THROTTLED after the bucket refills, counting it as throttled, not failed", async () => {
    const s = await serve((_seen, res, i) =>
      i === 0
        ? reply(res, 200, throttled(1000))
        : reply(res, 200, {
            data: { shop: { name: "Demo" } },
            extensions: {
              cost: { requestedQueryCost: 150, actualQueryCost: 40, throttleStatus: status(1960, 1000) },
            },
          }),
    );
    const budget = shopifyGraphqlBudget("standard");
    const c = client({ budget });
    const res = await c.request({ method: "POST", url: s.url, body: "{}", cost: 150, priority: "orders" });
    expect(res.json()).toMatchObject({ data: { shop: { name: "Demo" } } });
    expect(c.stats()).toEqual({ requests: 2, retries: 1, throttled: 1, failures: 0 });
    expect(budget.snapshot()).toMatchObject({ capacity: 2000, refillPerSecond: 1000 });
    expect(budget.snapshot().available).toBeGreaterThanOrEqual(1960);
  });

  it("defers a throttle under a wait limit for as long as the reported restore rate needs", async () => {
    const s = await serve((_seen, res) => reply(res, 200, throttled(0.5)));
    const c = client({});
    const error = await withWaitLimit(1_000, () =>
      c.request({ method: "POST", url: s.url, body: "{}", cost: 50, priority: "stock" }),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: "PlatformDeferred", reason: "rate-limit" });
    // 50 points at 0.5 per second: about 100 s, where an unlimited call would have waited.
    expect((error as PlatformDeferred).retryAfterMs).toBeGreaterThan(90_000);
    expect(s.seen).toHaveLength(1);
  });
});
