import { isIP } from "node:net";
import { AppError } from "../../lib/errors.ts";
import { nonPublicReason } from "./address-policy.ts";

/**
 * Suffixes that never name a host on the public internet (RFC 6761/6762/8375 and common intranet
 * conventions); `.internal` also covers cloud metadata names like `metadata.google.internal`.
 */
const privateSuffixes = ["localhost", "local", "internal", "localdomain", "home.arpa", "lan", "intranet"];

/**
 * Refuses URLs a merchant-supplied setting must not make the hub call (SSRF): outside sandbox mode
 * only `https:` to a public DNS name or public IP; with `allowPrivate` any http(s) URL. Pure — no
 * DNS lookups: the addresses a name resolves to are checked when the connection is made
 * (`guardedFetch`), which also re-checks literal IPs. This check gives the early, 400-class answer.
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
  const literal = host.replace(/^\[(.*)\]$/, "$1");
  const kind = isIP(literal);
  if (kind !== 0) {
    const reason = nonPublicReason(literal);
    return reason ? `the IPv${kind} address is ${reason}` : null;
  }
  if (!host.includes(".")) return "it is not a public DNS name";
  if (privateSuffixes.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))) {
    return "it is a local or internal name";
  }
  return null;
}

function refuse(host: string, reason: string): AppError {
  const message = `Platform URL host ${host} is refused: ${reason}`;
  return new AppError("invalid_data", "platform_url_not_allowed", message, { host });
}
