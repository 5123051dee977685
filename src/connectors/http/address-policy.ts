import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

type Rule = { range: [ipaddr.IPv4 | ipaddr.IPv6, number]; reason: string };

const rules = (table: readonly (readonly [string, string])[]): Rule[] =>
  table.map(([cidr, reason]) => ({ range: ipaddr.parseCIDR(cidr), reason }));

/** IPv4 ranges that are not globally reachable (IANA special-purpose registry). */
const v4Refused = rules([
  ["0.0.0.0/8", "an unspecified address"],
  ["10.0.0.0/8", "a private address"],
  ["100.64.0.0/10", "a carrier-grade NAT address"],
  ["127.0.0.0/8", "a loopback address"],
  ["169.254.0.0/16", "a link-local address"], // cloud metadata lives at 169.254.169.254
  ["172.16.0.0/12", "a private address"],
  ["192.0.0.0/24", "an IETF protocol address"],
  ["192.0.2.0/24", "a documentation address"],
  ["192.88.99.0/24", "a 6to4 relay address"],
  ["192.168.0.0/16", "a private address"],
  ["198.18.0.0/15", "a benchmarking address"],
  ["198.51.100.0/24", "a documentation address"],
  ["203.0.113.0/24", "a documentation address"],
  ["224.0.0.0/4", "a multicast address"],
  ["240.0.0.0/4", "a reserved or broadcast address"],
]);

/**
 * IPv6 forms that carry an IPv4 address the packet ends up at (or that a host may translate to):
 * each is judged by that IPv4 address.
 */
const v6Embedding: readonly {
  range: [ipaddr.IPv6, number];
  form: string;
  v4: (parts: number[]) => number;
}[] = [
  { range: ipaddr.IPv6.parseCIDR("::ffff:0:0/96"), form: "an IPv4-mapped", v4: (p) => join(p[6], p[7]) },
  {
    range: ipaddr.IPv6.parseCIDR("::ffff:0:0:0/96"),
    form: "an IPv4-translated",
    v4: (p) => join(p[6], p[7]),
  },
  { range: ipaddr.IPv6.parseCIDR("64:ff9b::/96"), form: "a NAT64", v4: (p) => join(p[6], p[7]) },
  { range: ipaddr.IPv6.parseCIDR("2002::/16"), form: "a 6to4", v4: (p) => join(p[1], p[2]) },
  // Teredo stores the client's IPv4 address with every bit inverted (RFC 4380).
  { range: ipaddr.IPv6.parseCIDR("2001::/32"), form: "a Teredo", v4: (p) => ~join(p[6], p[7]) >>> 0 },
];

/** Refused IPv6 ranges; anything outside 2000::/3 (global unicast) is refused as well. */
const v6Refused = rules([
  ["::/128", "an unspecified address"],
  ["::1/128", "a loopback address"],
  ["::/96", "a deprecated IPv4-compatible address"],
  ["64:ff9b:1::/48", "a local-use NAT64 address"],
  ["100::/64", "a discard-only address"],
  ["2001:2::/48", "a benchmarking address"],
  ["2001:10::/28", "an ORCHID address"],
  ["2001:db8::/32", "a documentation address"],
  ["3fff::/20", "a documentation address"],
  ["5f00::/16", "a segment-routing address"],
  ["fc00::/7", "a unique local address"],
  ["fe80::/10", "a link-local address"],
  ["fec0::/10", "a site-local address"],
  ["ff00::/8", "a multicast address"],
]);
const v6GlobalUnicast = ipaddr.IPv6.parseCIDR("2000::/3");

/**
 * Why the hub must not connect to this IP address, or null when it is a public one. Merchant
 * settings (platform and webhook URLs) may name any host; only globally reachable addresses may be
 * dialled, however the address is written: IPv6 forms that embed an IPv4 address are judged by it.
 * Text that is not an IP address is refused too, so a caller can never skip the check by accident.
 */
export function nonPublicReason(address: string): string | null {
  const bare = address.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  const kind = isIP(bare);
  if (kind === 0) return "not an IP address";
  if (kind === 4) return v4Reason(ipaddr.IPv4.parse(bare));
  // ipaddr.js reads `::a.b.c.d` (IPv4-compatible) as IPv4-mapped; the URL parser's canonical hex
  // form leaves it nothing to interpret.
  const v6 = ipaddr.IPv6.parse(new URL(`http://[${bare}]`).hostname.slice(1, -1));
  for (const embedding of v6Embedding) {
    if (!v6.match(embedding.range)) continue;
    const inner = v4Reason(fromNumber(embedding.v4(v6.parts)));
    return inner ? `${embedding.form} form of ${inner}` : null;
  }
  const refused = v6Refused.find((rule) => v6.match(rule.range));
  if (refused) return refused.reason;
  return v6.match(v6GlobalUnicast) ? null : "not a global unicast address";
}

function v4Reason(address: ipaddr.IPv4): string | null {
  return v4Refused.find((rule) => address.match(rule.range))?.reason ?? null;
}

function join(high: number | undefined, low: number | undefined): number {
  return (((high ?? 0) << 16) | (low ?? 0)) >>> 0;
}

function fromNumber(value: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff]);
}
