import { createHash } from "node:crypto";
import { FixedWindow } from "../kit/rate-limit.ts";
import { type KitSandbox, type StoreSandboxOptions, sandboxParts, serveSandbox } from "../kit/sandbox.ts";
import type { SeedIds } from "../kit/store/load-seed.ts";
import { wooServer } from "./server.ts";
import type { ShapeContext } from "./shapes.ts";
import { createWooStore, type WooStore } from "./store.ts";
import { deliveredStatus, wooWebhooks } from "./webhooks.ts";

export type { DeliveryRecord, WebhookMode } from "../kit/webhooks.ts";
export type { WriteRecord } from "../kit/write-log.ts";
export { signWooWebhook } from "./webhooks.ts";

export interface WooCommerceSandboxOptions extends StoreSandboxOptions {
  /** Default: `ck_` + 40 hex derived from the seed. */
  readonly consumerKey?: string;
  readonly consumerSecret?: string;
  /** The site's fixed UTC offset: `date_x` fields and filters without `dates_are_gmt` use it. Default +120. */
  readonly utcOffsetMinutes?: number;
  /** A host rate limit in front of WordPress; off (null) by default, as WooCommerce has none. */
  readonly hostRateLimit?: { readonly limit: number; readonly windowSeconds: number } | null;
  /** Whether the Shipment Tracking extension is installed. Default true. */
  readonly shipmentTracking?: boolean;
  /** Waits before retrying a failed delivery. Default none: core does not retry, it counts failures. */
  readonly webhookRetryDelaysMs?: readonly number[];
  /** Read Basic auth over plain HTTP too (core reads it over HTTPS only). Default false. */
  readonly acceptBasicOverHttp?: boolean;
}

export interface WooCommerceCredentials {
  readonly url: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
}

export interface WooCommerceSandbox extends KitSandbox {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  /** What `POST /api/v1/connections` takes for WooCommerce. */
  readonly credentials: WooCommerceCredentials;
  readonly store: WooStore;
  readonly seedIds: SeedIds;
}

export function wooKeysForSeed(seed: number): { consumerKey: string; consumerSecret: string } {
  const hex = (label: string) =>
    createHash("sha1").update(`stockwire-woocommerce-${label}-${seed}`).digest("hex");
  return { consumerKey: `ck_${hex("key")}`, consumerSecret: `cs_${hex("secret")}` };
}

/** Starts a local WooCommerce REST v3 store over a seeded catalogue (see README.md). */
export async function startWooCommerceSandbox(
  options: WooCommerceSandboxOptions = {},
): Promise<WooCommerceSandbox> {
  const limit = options.hostRateLimit ?? null;
  const parts = sandboxParts(options, {
    rngSalt: 0x5eed,
    retryDelaysMs: options.webhookRetryDelaysMs ?? [],
    isSuccess: deliveredStatus,
    rateModel: (nowMs) =>
      limit ? new FixedWindow({ limit: limit.limit, windowMs: limit.windowSeconds * 1000 }, nowMs) : null,
  });
  const keys = {
    ...wooKeysForSeed(parts.seed),
    ...(options.consumerKey !== undefined ? { consumerKey: options.consumerKey } : {}),
    ...(options.consumerSecret !== undefined ? { consumerSecret: options.consumerSecret } : {}),
  };
  const { store, seedIds } = createWooStore(parts.nowMs, parts.seeded);
  const clock = { utcOffsetMinutes: options.utcOffsetMinutes ?? 120, nowMs: parts.nowMs };
  const ctx: ShapeContext & { siteUrl: string } = { store, clock, siteUrl: "" };
  const server = wooServer({
    ctx,
    keys: [keys],
    rateLimit: parts.rateLimit,
    tracking: { enabled: options.shipmentTracking ?? true },
    acceptBasicOverHttp: options.acceptBasicOverHttp ?? false,
    info: () => ({ url: ctx.siteUrl, ...keys, gaps: parts.seeded.gaps, seedIds }),
  });
  wooWebhooks(ctx, parts.webhooks);
  const served = await serveSandbox(parts, server, options.port);
  ctx.siteUrl = served.url;
  options.log?.(`WooCommerce sandbox at ${served.url} (key ${keys.consumerKey})`);
  return { ...served, ...keys, credentials: { url: served.url, ...keys }, store, seedIds };
}
