import { describe, expect, it } from "vitest";
import {
  bigCommerceClassify,
  bigCommerceSignals,
  quickBooksSignals,
  shopifyGraphqlClassify,
  shopifyGraphqlSignals,
} from "./signals.ts";

const view = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  bodyText: typeof body === "string" ? body : JSON.stringify(body),
});

const throttleStatus = { maximumAvailable: 2000.0, currentlyAvailable: 12, restoreRate: 100.0 };

describe("Shopify GraphQL signals", () => {
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
});

describe("BigCommerce signals", () => {
  const headers = {
    "X-Rate-Limit-Requests-Left": "0",
    "X-Rate-Limit-Requests-Quota": "150",
    "X-Rate-Limit-Time-Window-Ms": "30000",
    "X-Rate-Limit-Time-Reset-Ms": "12000",
  };
  it("reads the window and sleeps the reset time on 429", () => {
    expect(bigCommerceSignals(view(429, "", headers))).toEqual({
      status: { available: 0, capacity: 150, refillPerSecond: 5, resetInMs: 12_000 },
      retryAfterMs: 12_000,
    });
    expect(bigCommerceClassify(view(429, "", headers))).toBe("throttled");
  });
  it("backs off exponentially on a 429 without rate headers (load shedding)", () => {
    expect(bigCommerceSignals(view(429, ""))).toBeUndefined();
    expect(bigCommerceClassify(view(429, ""))).toBe("retry");
  });
});

describe("QuickBooks Online signals", () => {
  it("waits 60 seconds on a 429 unless told otherwise", () => {
    expect(quickBooksSignals(view(429, ""))).toEqual({ retryAfterMs: 60_000 });
    expect(quickBooksSignals(view(429, "", { "Retry-After": "5" }))).toBeUndefined();
    expect(quickBooksSignals(view(200, ""))).toBeUndefined();
  });
});
