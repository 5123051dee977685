import { createHash } from "node:crypto";
import { Faults } from "../kit/faults.ts";
import { createRng } from "../kit/prng.ts";
import { FixedWindow } from "../kit/rate-limit.ts";
import { type SeededStore, seedStore } from "../kit/seed/index.ts";
import { listenOnLoopback, type RateLimitSlot } from "../kit/server.ts";
import { WebhookDispatcher } from "../kit/webhooks.ts";
import { WriteLog } from "../kit/write-log.ts";
import type { SiteClock } from "./dates.ts";
import { loadSeed, type SeedIds } from "./seed.ts";
import { buildWooServer } from "./server.ts";
import type { ShapeContext } from "./shapes.ts";
import { WooStore } from "./store.ts";
import { deliveredStatus, WooWebhooks } from "./webhooks.ts";

export type { DeliveryRecord, WebhookMode } from "../kit/webhooks.ts";
export type { WriteRecord } from "../kit/write-log.ts";
export { signWooWebhook } from "./webhooks.ts";

export interface WooCommerceSandboxOptions {
  /** 0 (default) picks a free port; the sandbox listens on 127.0.0.1 only. */
  readonly port?: number;
  readonly seed?: number;
  /** Products to generate. Default 50. */
  readonly products?: number;
  /** Orders over the last 90 days. Default 200. */
  readonly orders?: number;
  /** Default: `ck_` + 40 hex derived from the seed. */
  readonly consumerKey?: string;
  readonly consumerSecret?: string;
  readonly now?: () => Date;
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
  readonly log?: (message: string) => void;
}

export interface WooCommerceCredentials {
  readonly url: string;
  readonly consumerKey: string;
  readonly consumerSecret: string;
}

export interface WooCommerceSandbox {
  readonly url: string;
  readonly port: number;
  readonly consumerKey: string;
  readonly consumerSecret: string;
  /** What `POST /api/v1/connections` takes for WooCommerce. */
  readonly credentials: WooCommerceCredentials;
  readonly store: WooStore;
  readonly seedIds: SeedIds;
  readonly seeded: SeededStore;
  readonly webhooks: WebhookDispatcher;
  readonly writeLog: WriteLog;
  readonly faults: Faults;
  close(): Promise<void>;
}

const DAY = 86_400_000;

export function wooKeysForSeed(seed: number): { consumerKey: string; consumerSecret: string } {
  const hex = (label: string) =>
    createHash("sha1").update(`stockwire-woocommerce-${label}-${seed}`).digest("hex");
  return { consumerKey: `ck_${hex("key")}`, consumerSecret: `cs_${hex("secret")}` };
}

/** Starts a local WooCommerce REST v3 store over a seeded catalogue (see README.md). */
export async function startWooCommerceSandbox(
  options: WooCommerceSandboxOptions = {},
): Promise<WooCommerceSandbox> {
  const seed = options.seed ?? 1;
  const nowMs = () => (options.now ? options.now().getTime() : Date.now());
  const keys = { ...wooKeysForSeed(seed), ...pick(options) };
  const store = new WooStore(nowMs);
  const seeded = seedStore({
    seed,
    products: options.products ?? 50,
    orders: options.orders ?? 200,
    // UTC midnight: every store seeded on one day is identical.
    anchorMs: Math.floor(nowMs() / DAY) * DAY,
  });
  const seedIds = loadSeed(store, seeded);
  const clock: SiteClock = { utcOffsetMinutes: options.utcOffsetMinutes ?? 120, nowMs };
  const ctx: ShapeContext & { siteUrl: string } = { store, clock, siteUrl: "" };
  let wooWebhooks: WooWebhooks | null = null;
  const dispatcher = new WebhookDispatcher({
    rng: createRng(seed ^ 0x5eed),
    retryDelaysMs: options.webhookRetryDelaysMs ?? [],
    isSuccess: deliveredStatus,
    onSettled: (webhook, ok) => wooWebhooks?.settled(webhook, ok),
    ...(options.log ? { log: options.log } : {}),
  });
  wooWebhooks = new WooWebhooks(ctx, dispatcher);
  const limit = options.hostRateLimit ?? null;
  const rateLimit: RateLimitSlot = {
    model: limit
      ? new FixedWindow({ limit: limit.limit, windowMs: limit.windowSeconds * 1000 }, nowMs)
      : null,
  };
  const faults = new Faults();
  const writeLog = new WriteLog(nowMs);
  const tracking = { enabled: options.shipmentTracking ?? true };
  const app = buildWooServer({
    ctx,
    keys: [keys],
    faults,
    writeLog,
    rateLimit,
    dispatcher,
    webhooks: wooWebhooks,
    tracking,
    acceptBasicOverHttp: options.acceptBasicOverHttp ?? false,
    info: () => ({ url: ctx.siteUrl, ...keys, gaps: seeded.gaps, seedIds }),
  });
  const { url, port } = await listenOnLoopback(app, options.port ?? 0);
  ctx.siteUrl = url;
  options.log?.(`WooCommerce sandbox at ${url} (key ${keys.consumerKey})`);
  return {
    url,
    port,
    ...keys,
    credentials: { url, ...keys },
    store,
    seedIds,
    seeded,
    webhooks: dispatcher,
    writeLog,
    faults,
    close: async () => {
      dispatcher.stop();
      await dispatcher.whenIdle();
      await app.close();
    },
  };
}

function pick(options: WooCommerceSandboxOptions): Partial<{ consumerKey: string; consumerSecret: string }> {
  return {
    ...(options.consumerKey !== undefined ? { consumerKey: options.consumerKey } : {}),
    ...(options.consumerSecret !== undefined ? { consumerSecret: options.consumerSecret } : {}),
  };
}
