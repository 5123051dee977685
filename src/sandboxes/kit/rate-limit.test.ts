import { describe, expect, it } from "vitest";
import { FixedWindow, LeakyBucket, PerSecondQuota } from "./rate-limit.ts";

function clock(start = 1_000_000) {
  let now = start;
  return { nowMs: () => now, advance: (ms: number) => (now += ms) };
}

describe("rate models", () => {
  it("fixed window: N per window, then refusals until it resets", () => {
    const c = clock();
    const window = new FixedWindow({ limit: 2, windowMs: 30_000 }, c.nowMs);
    expect(window.take()).toMatchObject({ allowed: true, remaining: 1, limit: 2 });
    expect(window.take()).toMatchObject({ allowed: true, remaining: 0 });
    c.advance(10_000);
    expect(window.take()).toMatchObject({
      allowed: false,
      remaining: 0,
      retryAfterMs: 20_000,
      resetMs: 20_000,
    });
    c.advance(20_000);
    expect(window.take()).toMatchObject({ allowed: true, remaining: 1 });
  });

  it("per-second quota follows clock seconds", () => {
    const c = clock(5_000);
    const quota = new PerSecondQuota(1, c.nowMs);
    expect(quota.take().allowed).toBe(true);
    c.advance(400);
    expect(quota.take()).toMatchObject({ allowed: false, retryAfterMs: 600 });
    c.advance(600);
    expect(quota.take().allowed).toBe(true);
  });

  it("leaky bucket drains at its rate and says how long until a request fits", () => {
    const c = clock();
    const bucket = new LeakyBucket({ capacity: 4, leakPerSecond: 2 }, c.nowMs);
    for (let i = 0; i < 4; i++) expect(bucket.take().allowed).toBe(true);
    expect(bucket.take()).toMatchObject({ allowed: false, retryAfterMs: 500 });
    c.advance(500);
    expect(bucket.take()).toMatchObject({ allowed: true, remaining: 0 });
    bucket.reset();
    expect(bucket.take()).toMatchObject({ allowed: true, remaining: 3 });
  });
});
