import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyExponent, fromMinorUnits, isCurrencyCode, toMinorUnits } from "./money.ts";

describe("money", () => {
  it("knows currency exponents", () => {
    expect(currencyExponent("USD")).toBe(2);
    expect(currencyExponent("JPY")).toBe(0);
    expect(currencyExponent("KWD")).toBe(3);
  });

  it("converts decimal text exactly", () => {
    expect(toMinorUnits("19.99", "USD")).toBe(1999);
    expect(toMinorUnits("0.1", "USD")).toBe(10);
    expect(toMinorUnits(1.1, "USD")).toBe(110);
    expect(toMinorUnits("1500", "JPY")).toBe(1500);
    expect(toMinorUnits("1.005", "USD")).toBeUndefined();
    expect(toMinorUnits("12,50", "EUR")).toBeUndefined();
  });

  it("round-trips any amount", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom("USD", "JPY", "KWD"),
        (minor, cur) => {
          expect(toMinorUnits(fromMinorUnits(minor, cur), cur)).toBe(minor);
        },
      ),
    );
  });

  it("validates ISO codes", () => {
    expect(isCurrencyCode("EUR")).toBe(true);
    expect(isCurrencyCode("eur")).toBe(false);
    expect(isCurrencyCode("EURO")).toBe(false);
  });
});
