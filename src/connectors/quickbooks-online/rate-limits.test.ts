import { describe, expect, it } from "vitest";
import { quickBooksSignals } from "./rate-limits.ts";

const view = (status: number, headers: Record<string, string> = {}) => ({
  status,
  headers: new Headers(headers),
  bodyText: "",
});

describe("QuickBooks Online rate signals", () => {
  it("waits 60 seconds on a 429 unless told otherwise", () => {
    expect(quickBooksSignals(view(429))).toEqual({ retryAfterMs: 60_000 });
    expect(quickBooksSignals(view(429, { "Retry-After": "5" }))).toBeUndefined();
    expect(quickBooksSignals(view(200))).toBeUndefined();
  });
});
