import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocate, sumMinor, toMinor } from "./money.ts";

describe("money", () => {
  it("converts decimal strings to minor units by the currency's digits, exactly", () => {
    expect(toMinor("409.94", "USD")).toBe(40994);
    expect(toMinor("10.0", "USD")).toBe(1000);
    expect(toMinor("0.1", "USD")).toBe(10);
    expect(toMinor("1500", "JPY")).toBe(1500);
    expect(toMinor("1.234", "KWD")).toBe(1234);
    expect(toMinor(19.99, "EUR")).toBe(1999);
    expect(sumMinor(["0.1", "0.2", null], "USD")).toBe(30);
  });

  it("refuses amounts with more digits than the currency has rather than rounding", () => {
    expect(() => toMinor("1.005", "USD")).toThrow(/not money/);
    expect(() => toMinor("12.5", "JPY")).toThrow(/not money/);
    expect(() => toMinor("abc", "USD")).toThrow(/not money/);
  });

  it("allocates a total over weights so the parts add up exactly", () => {
    expect(allocate(1194, [19900, 19900, 19900])).toEqual([398, 398, 398]);
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(5, [0, 0])).toEqual([5, 0]);
    fc.assert(
      fc.property(
        fc.nat(1_000_000),
        fc.array(fc.nat(1_000_000), { minLength: 1, maxLength: 20 }),
        (total, weights) => {
          const parts = allocate(total, weights);
          return parts.reduce((a, b) => a + b, 0) === total && parts.every((part) => part >= 0);
        },
      ),
    );
  });
});
