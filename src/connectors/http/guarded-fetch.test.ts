import type { LookupAddress, LookupOptions } from "node:dns";
import { describe, expect, it } from "vitest";
import { describeOutboundFailure } from "./guarded-fetch.ts";
import { AddressNotAllowedError, guardedLookup, type HostResolver } from "./guarded-lookup.ts";

const table: Record<string, { address: string; family: number }[]> = {
  "dual.example.com": [
    { address: "2606:4700:4700::1111", family: 6 },
    { address: "1.1.1.1", family: 4 },
  ],
  "mixed.example.com": [
    { address: "1.1.1.1", family: 4 },
    { address: "10.0.0.1", family: 4 },
  ],
  "v6only.example.com": [{ address: "2606:4700:4700::1111", family: 6 }],
};
const resolve: HostResolver = async (name) => table[name] ?? [];

/** Calls the lookup as net.connect does and returns what its callback received. */
function lookup(name: string, options: LookupOptions, allowPrivate = false) {
  return new Promise<{
    error: NodeJS.ErrnoException | null;
    address: string | LookupAddress[];
    family?: number;
  }>((done) => {
    guardedLookup(resolve, allowPrivate)(name, options, (error, address, family) =>
      done({ error, address, ...(family === undefined ? {} : { family }) }),
    );
  });
}

describe("guardedLookup", () => {
  it("hands happy-eyeballs connects every checked address", async () => {
    const { error, address } = await lookup("dual.example.com", { all: true });
    expect(error).toBeNull();
    expect(address).toEqual(table["dual.example.com"]);
  });

  it("hands a single-address connect the first checked address of the family asked for", async () => {
    expect(await lookup("dual.example.com", { family: 4 })).toMatchObject({ address: "1.1.1.1", family: 4 });
    expect(await lookup("dual.example.com", {})).toMatchObject({
      address: "2606:4700:4700::1111",
      family: 6,
    });
  });

  it("refuses the whole answer when one address in it is private", async () => {
    const { error } = await lookup("mixed.example.com", { all: true });
    expect(error).toBeInstanceOf(AddressNotAllowedError);
    expect(error?.message).toBe(
      "mixed.example.com resolves to a private address, which outbound calls may not reach",
    );
  });

  it("lets private answers through in sandbox mode", async () => {
    const { error, address } = await lookup("mixed.example.com", { all: true }, true);
    expect(error).toBeNull();
    expect(address).toHaveLength(2);
  });

  it("fails like an unknown name when no address has the family asked for", async () => {
    const { error } = await lookup("v6only.example.com", { family: 4 });
    expect(error?.code).toBe("ENOTFOUND");
  });
});

describe("describeOutboundFailure", () => {
  const fetchFailed = (cause: unknown) => new TypeError("fetch failed", { cause });

  it("gives refused, reset, unknown and timed-out targets one message", () => {
    const causes = [
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:6379"), { code: "ECONNREFUSED" }),
      Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }),
      Object.assign(new Error("getaddrinfo ENOTFOUND x"), { code: "ENOTFOUND" }),
      Object.assign(new Error("Connect Timeout Error"), { code: "UND_ERR_CONNECT_TIMEOUT" }),
    ];
    const messages = [
      ...causes.map((cause) => describeOutboundFailure(fetchFailed(cause))),
      describeOutboundFailure(new DOMException("The operation was aborted due to timeout", "TimeoutError")),
    ];
    expect(new Set(messages.map((m) => JSON.stringify(m)))).toEqual(
      new Set([JSON.stringify({ refused: false, message: "could not reach the host" })]),
    );
  });

  it("passes a guard refusal on, found anywhere in the cause chain", () => {
    const refusal = new AddressNotAllowedError("x.example.com resolves to a loopback address, which …");
    expect(describeOutboundFailure(fetchFailed(refusal))).toEqual({
      refused: true,
      message: refusal.message,
    });
  });
});
