import { describe, expect, it } from "vitest";
import { LeakyBucket } from "./leaky-bucket.ts";

function clock(start = 0) {
  let now = start;
  return { nowMs: () => now, advance: (ms: number) => (now += ms) };
}

describe("LeakyBucket", () => {
  it("debits requested cost and refuses what it cannot cover without debiting", () => {
    const time = clock();
    const bucket = new LeakyBucket({ maximumAvailable: 1000, restoreRate: 50 }, time.nowMs);
    expect(bucket.tryTake(800)).toBe(true);
    expect(bucket.tryTake(300)).toBe(false);
    expect(bucket.status().currentlyAvailable).toBe(200);
  });

  it("refills continuously at the restore rate up to the maximum", () => {
    const time = clock();
    const bucket = new LeakyBucket({ maximumAvailable: 2000, restoreRate: 100 }, time.nowMs);
    bucket.tryTake(2000);
    time.advance(1500);
    expect(bucket.status().currentlyAvailable).toBe(150);
    time.advance(60_000);
    expect(bucket.status().currentlyAvailable).toBe(2000);
  });

  it("refunds the unused part of a query's cost", () => {
    const time = clock();
    const bucket = new LeakyBucket({ maximumAvailable: 2000, restoreRate: 100 }, time.nowMs);
    bucket.tryTake(500);
    bucket.refund(480);
    expect(bucket.status().currentlyAvailable).toBe(1980);
  });

  it("can be forced low and reconfigured", () => {
    const time = clock();
    const bucket = new LeakyBucket({ maximumAvailable: 2000, restoreRate: 100 }, time.nowMs);
    expect(bucket.configure({ currentlyAvailable: 5, restoreRate: 10 })).toEqual({
      maximumAvailable: 2000,
      currentlyAvailable: 5,
      restoreRate: 10,
    });
    expect(bucket.tryTake(10)).toBe(false);
    time.advance(500);
    expect(bucket.tryTake(10)).toBe(true);
  });
});
