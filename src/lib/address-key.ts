import ipaddr from "ipaddr.js";

/**
 * The part of a client address that identifies one client for throttling: an IPv4 address as it
 * is (IPv4-mapped IPv6 included), an IPv6 address as its /64, since one home or host is usually
 * handed a whole /64 and could otherwise take a fresh address for every attempt.
 */
export function addressKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (address.kind() === "ipv4") return address.toString();
  const prefix = (address as ipaddr.IPv6).parts.slice(0, 4).map((p) => p.toString(16));
  return `${prefix.join(":")}::/64`;
}
