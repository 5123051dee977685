import { lookup as systemLookup } from "node:dns/promises";
import type { LookupFunction } from "node:net";
import { nonPublicReason } from "./address-policy.ts";

export type ResolvedAddress = { address: string; family: number };

/** Every address a host name resolves to. Tests inject one so made-up names resolve without DNS. */
export type HostResolver = (hostname: string) => Promise<readonly ResolvedAddress[]>;

/** The operating system's resolver (`getaddrinfo`: hosts file, search domains, DNS). */
export const systemResolver: HostResolver = (hostname) => systemLookup(hostname, { all: true });

/** A connection the SSRF guard refused before it was opened; the message names no address. */
export class AddressNotAllowedError extends Error {
  override name = "AddressNotAllowedError";
  readonly code = "address_not_allowed";
}

/**
 * Refuses the address of a host the hub was about to dial, unless private addresses are allowed.
 * Says what kind of address it is, never which: a merchant probing the network learns nothing.
 */
export function checkAddress(host: string, address: string, allowPrivate: boolean): void {
  if (allowPrivate) return;
  const reason = nonPublicReason(address);
  if (!reason) return;
  const what = host === address ? `${host} is` : `${host} resolves to`;
  throw new AddressNotAllowedError(`${what} ${reason}, which outbound calls may not reach`);
}

/**
 * A `net.connect` lookup that resolves once, refuses the whole answer if any address in it is not
 * public (a name with one private address is an attack, not a fallback), and hands the socket only
 * the addresses it checked — so the connection cannot go to a second, different answer (DNS
 * rebinding). Serves both the single-address form and the `all: true` form Node's happy-eyeballs
 * connect uses.
 */
export function guardedLookup(resolve: HostResolver, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    const wanted = family(options.family);
    resolve(hostname)
      .then((answer) => {
        for (const { address } of answer) checkAddress(hostname, address, allowPrivate);
        const usable = answer.filter((a) => wanted === 0 || a.family === wanted);
        const first = usable[0];
        if (!first) {
          throw Object.assign(new Error(`${hostname} has no usable address`), { code: "ENOTFOUND" });
        }
        if (options.all)
          callback(
            null,
            usable.map((a) => ({ address: a.address, family: a.family })),
          );
        else callback(null, first.address, first.family);
      })
      .catch((error: NodeJS.ErrnoException) => callback(error, "", 0));
  };
}

function family(value: number | string | undefined): number {
  if (value === "IPv4" || value === 4) return 4;
  if (value === "IPv6" || value === 6) return 6;
  return 0;
}
