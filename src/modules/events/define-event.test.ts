import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type DomainEvent, defineEvent } from "./define-event.ts";

const parcelWeighed = defineEvent(
  "test.parcel_weighed",
  z.object({ parcelId: z.string(), grams: z.number().int() }),
);

const stored = (type: string, payload: Record<string, unknown>): DomainEvent => ({
  id: 1,
  txid: 1,
  accountId: "a",
  type,
  subject: null,
  payload,
  createdAt: new Date(0),
});

describe("defineEvent", () => {
  it("makes an event to append with its type, and no subject unless given", () => {
    const e = parcelWeighed.of({ accountId: "a", payload: { parcelId: "p1", grams: 250 } });
    expect(e).toEqual({
      accountId: "a",
      type: "test.parcel_weighed",
      subject: null,
      payload: { parcelId: "p1", grams: 250 },
    });
  });

  it("refuses, in tests, a payload that only matched its type through a cast", () => {
    const payload = { parcelId: "p1", grams: "250" } as unknown as { parcelId: string; grams: number };
    expect(() => parcelWeighed.of({ accountId: "a", payload })).toThrow(
      /test.parcel_weighed payload does not match/,
    );
  });

  it("narrows a stored event of its type and no other", () => {
    const e = stored("test.parcel_weighed", { parcelId: "p1", grams: 250 });
    expect(parcelWeighed.is(e) ? e.payload.grams + 1 : null).toBe(251);
    expect(parcelWeighed.is(stored("test.parcel_lost", {}))).toBe(false);
  });
});
