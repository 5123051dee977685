import { createHash, randomBytes } from "node:crypto";
import { FIXED_ACCESS_TOKEN } from "./constants.ts";

const DAY_SECONDS = 86_400;

function digest(label: string, seed: number): string {
  return createHash("sha256").update(`stockwire-shopify-sandbox:${label}:${seed}`).digest("hex").slice(0, 32);
}

/** Seed-derived credentials, so a given seed always prints the same token and secret. */
export function seedCredentials(seed: number): { accessToken: string; apiSecret: string } {
  return { accessToken: `shpat_${digest("token", seed)}`, apiSecret: `shpss_${digest("secret", seed)}` };
}

/**
 * Accepted access tokens: the fixed `shpat_sandbox`, the seed token, configured extras,
 * and tokens issued by the client-credentials grant (valid 86399 s, as Shopify's are).
 */
export class TokenRegistry {
  private readonly permanent: Set<string>;
  private readonly issued = new Map<string, number>();
  /** Tokens the store no longer accepts, as after the merchant uninstalls the app. */
  private readonly revoked = new Set<string>();
  /** The app was uninstalled: no token works and none is issued until reset. */
  private uninstalled = false;

  constructor(
    readonly primary: string,
    extra: readonly string[],
    private readonly clientSecret: string,
    private readonly nowMs: () => number,
  ) {
    this.permanent = new Set([FIXED_ACCESS_TOKEN, primary, ...extra]);
  }

  accepts(token: string): boolean {
    if (this.uninstalled || this.revoked.has(token)) return false;
    if (this.permanent.has(token)) return true;
    const expiresAt = this.issued.get(token);
    return expiresAt !== undefined && expiresAt > this.nowMs();
  }

  revoke(token: string): void {
    this.revoked.add(token);
  }

  uninstall(): void {
    this.uninstalled = true;
    this.issued.clear();
  }

  /** Accepts every revoked token again and reinstalls the app (the sandbox's reset). */
  restoreRevoked(): void {
    this.revoked.clear();
    this.uninstalled = false;
  }

  issue(clientSecret: string): { access_token: string; scope: string; expires_in: number } | null {
    if (clientSecret !== this.clientSecret || this.uninstalled) return null;
    const token = `shpat_${randomBytes(16).toString("hex")}`;
    const expiresIn = DAY_SECONDS - 1;
    this.issued.set(token, this.nowMs() + expiresIn * 1000);
    return {
      access_token: token,
      scope:
        "read_products,write_inventory,read_inventory,read_orders,write_orders,write_fulfillments,read_locations",
      expires_in: expiresIn,
    };
  }
}
