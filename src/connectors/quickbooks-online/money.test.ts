import { describe, expect, it } from "vitest";
import { fromQboAmount, toQboAmount } from "./money.ts";

describe("QuickBooks amounts", () => {
  it("converts minor units to decimals with the currency's digits, exactly", () => {
    expect(toQboAmount(1999, "USD")).toBe(19.99);
    expect(JSON.stringify({ a: toQboAmount(3 * 10, "USD") })).toBe('{"a":0.3}');
    expect(toQboAmount(-5, "USD")).toBe(-0.05);
    expect(toQboAmount(1500, "JPY")).toBe(1500);
    expect(toQboAmount(1234, "KWD")).toBe(1.234);
  });

  it("reads decimals back without float drift and refuses extra digits", () => {
    expect(fromQboAmount(40.28, "USD")).toBe(4028);
    expect(fromQboAmount(0.1 + 0.2, "USD")).toBeUndefined();
    expect(fromQboAmount(1.005, "KWD")).toBe(1005);
    for (let minor = 0; minor < 10_000; minor += 7)
      expect(fromQboAmount(toQboAmount(minor, "USD"), "USD")).toBe(minor);
  });
});
