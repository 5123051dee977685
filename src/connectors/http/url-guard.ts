import { isIPv4, isIPv6 } from "node:net";
import { AppError } from "../../lib/errors.ts";

/**
 * Suffixes that never name a host on the public internet (RFC 6761/6762/8375 and common intranet
 * conventions); `.internal` also covers cloud metadata names like `metadata.google.internal`.
 */
const privateSuffixes = ["localhost", "local", "internal", "localdomain", "home.arpa", "lan", "intranet"];

/** IPv4 ranges that are not publicly routable: [network address, prefix length]. */
const privateV4: readonly (readonly [string, number])[] = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata (169.254.169.254)
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];

/**
 * Refuses URLs a merchant-supplied setting must not make the hub call (SSRF): outside sandbox mode
 * only `https:` to a public DNS name or public IP; with `allowPrivate` any http(s) URL. Pure — no
 * DNS lookups, so a public name that resolves to a private address is the network layer's concern.
 * Relies on the WHATWG URL parser having already normalised hosts (`0x7f.1` → `127.0.0.1`,
 * `[::ffff:127.0.0.1]` → `[::ffff:7f00:1]`).
 */
export function checkPlatformUrl(url: string, allowPrivate: boolean): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // The text itself is not echoed: a malformed URL may still carry a token in its query.
    throw refuse("(unparseable)", "the value is not a valid absolute URL");
  }
  const host = parsed.hostname;
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw refuse(host, `only http(s) URLs may be called, not ${parsed.protocol}`);
  }
  if (allowPrivate) return parsed;
  if (parsed.protocol !== "https:") throw refuse(host, "platform URLs must use https");
  const reason = privateReason(host);
  if (reason) throw refuse(host, `${reason} (allowed only for sandboxes)`);
  return parsed;
}

function privateReason(hostname: string): string | null {
  const host = hostname.replace(/\.$/, "").toLowerCase();
  if (host.startsWith("[")) {
    return isPrivateV6(host.slice(1, -1)) ? "it is a loopback, private or link-local IPv6 address" : null;
  }
  if (isIPv4(host)) return isPrivateV4(host) ? "it is a loopback, private or link-local IPv4 address" : null;
  if (!host.includes(".")) return "it is not a public DNS name";
  if (privateSuffixes.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))) {
    return "it is a local or internal name";
  }
  return null;
}

function v4ToNumber(address: string): number {
  return address.split(".").reduce((n, octet) => n * 256 + Number(octet), 0);
}

function isPrivateV4(address: string): boolean {
  const value = v4ToNumber(address);
  return privateV4.some(([base, bits]) => {
    const size = 2 ** (32 - bits);
    const start = v4ToNumber(base);
    return value >= start && value < start + size;
  });
}

/** Expands a (URL-normalised, hex-only) IPv6 address to its eight 16-bit groups. */
function v6Groups(address: string): number[] | null {
  if (!isIPv6(address)) return null;
  const [head = "", tail] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right];
  return groups.length === 8 ? groups.map((g) => Number.parseInt(g, 16)) : null;
}

function isPrivateV6(address: string): boolean {
  const g = v6Groups(address);
  if (!g) return true; // not a form we can reason about: refuse rather than guess
  const [a = 0, , , , , f = 0, s = 0, t = 0] = g;
  const leadingZeros = g.slice(0, 5).every((x) => x === 0);
  if (leadingZeros && f === 0) return true; // ::, ::1 and the deprecated IPv4-compatible ::/96
  // IPv4-mapped (::ffff:a.b.c.d) and the NAT64 prefix (64:ff9b::/96) carry an IPv4 address inside.
  const embedsV4 =
    (leadingZeros && f === 0xffff) || (a === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0));
  if (embedsV4) return isPrivateV4(`${s >> 8}.${s & 0xff}.${t >> 8}.${t & 0xff}`);
  if ((a & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((a & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  return (a & 0xff00) === 0xff00; // ff00::/8 multicast
}

function refuse(host: string, reason: string): AppError {
  const message = `Platform URL host ${host} is refused: ${reason}`;
  return new AppError("invalid_data", "platform_url_not_allowed", message, { host });
}
