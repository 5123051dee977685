/** Fastify's `trustProxy` for the configured TRUST_PROXY (see config.ts). */
export function trustProxyOption(
  trust: number | string[] | false,
): false | string[] | ((address: string, hop: number) => boolean) {
  // Fastify now treats a bare hop count as "trust nothing"; proxy-addr asks per hop (0 = the TCP
  // peer), so trusting the first `trust` hops gives the usual meaning of a count.
  if (typeof trust === "number") return trust === 0 ? false : (_address, hop) => hop < trust;
  return trust;
}
