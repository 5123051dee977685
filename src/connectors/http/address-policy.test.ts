import { describe, expect, it } from "vitest";
import { nonPublicReason } from "./address-policy.ts";

/** 2001:0:<server>:<flags>:<port>:<client>, the client IPv4 stored inverted (RFC 4380). */
const teredoOf = (a: number, b: number, c: number, d: number) => {
  const hex = (x: number, y: number) => ((~((x << 8) | y) >>> 0) & 0xffff).toString(16);
  return `2001:0:4136:e378:8000:63bf:${hex(a, b)}:${hex(c, d)}`;
};

describe("nonPublicReason", () => {
  it.each([
    ["8.8.8.8"],
    ["1.1.1.1"],
    ["172.32.0.1"], // just outside 172.16/12
    ["100.128.0.1"], // just outside 100.64/10
    ["2606:4700:4700::1111"],
    ["2a00:1450:4001:80b::200e"],
    ["::ffff:8.8.8.8"],
    ["64:ff9b::808:808"], // NAT64 of 8.8.8.8
    ["2002:808:808::1"], // 6to4 of 8.8.8.8
    [teredoOf(8, 8, 8, 8)],
    ["[2606:4700:4700::1111]"], // as URL hosts write it
  ])("lets the public address %s through", (address) => {
    expect(nonPublicReason(address)).toBeNull();
  });

  it.each([
    ["127.0.0.1", "loopback"],
    ["127.8.9.10", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.10", "private"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["169.254.169.254", "link-local"],
    ["192.0.0.8", "IETF protocol"],
    ["192.0.2.1", "documentation"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.9", "documentation"],
    ["198.18.0.1", "benchmarking"],
    ["224.0.0.251", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["::7f00:1", "IPv4-compatible"],
    ["::8.8.8.8", "IPv4-compatible"],
    ["::ffff:127.0.0.1", "IPv4-mapped form of a loopback"],
    ["::ffff:7f00:1", "IPv4-mapped form of a loopback"],
    ["::ffff:10.0.0.1", "IPv4-mapped form of a private"],
    ["::ffff:0:a9fe:a9fe", "IPv4-translated form of a link-local"],
    ["64:ff9b::7f00:1", "NAT64 form of a loopback"],
    ["64:ff9b::192.168.0.1", "NAT64 form of a private"],
    ["64:ff9b:1::a00:1", "local-use NAT64"],
    ["2002:7f00:1::", "6to4 form of a loopback"],
    ["2002:a00:1::1", "6to4 form of a private"],
    ["2002:a9fe:a9fe::", "6to4 form of a link-local"],
    [teredoOf(127, 0, 0, 1), "Teredo form of a loopback"],
    [teredoOf(192, 168, 1, 1), "Teredo form of a private"],
    ["fec0::1", "site-local"],
    ["feff::1", "site-local"],
    ["fc00::1", "unique local"],
    ["fd12:3456::1", "unique local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "documentation"],
    ["3fff::1", "documentation"],
    ["2001:2::1", "benchmarking"],
    ["100::1", "discard-only"],
    ["4000::1", "not a global unicast"],
    ["[::1]", "loopback"],
  ])("refuses %s as %s", (address, reason) => {
    expect(nonPublicReason(address)).toContain(reason);
  });

  it.each(["localhost", "127.1", "0x7f000001", "", "::ffff:127.0.0.1:80"])(
    "refuses %j, which is not a canonical IP address",
    (text) => {
      expect(nonPublicReason(text)).toBe("not an IP address");
    },
  );
});
