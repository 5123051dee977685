import { createHash } from "node:crypto";
import { Faults } from "../kit/faults.ts";
import { createRng } from "../kit/prng.ts";
import { FixedWindow } from "../kit/rate-limit.ts";
import { type SeededStore, seedStore } from "../kit/seed/index.ts";
import { listenOnLoopback, type RateLimitSlot } from "../kit/server.ts";
import { WebhookDispatcher } from "../kit/webhooks.ts";
import { WriteLog } from "../kit/write-log.ts";
import type { RateSettings } from "./gate.ts";
import type { BcContext } from "./routes/common.ts";
import { loadSeed, type SeedIds } from "./seed.ts";
import { buildBcServer } from "./server.ts";
import { BcStore } from "./store.ts";
import { BcWebhooks, RETRY_SCHEDULE_SECONDS } from "./webhooks.ts";

export type { DeliveryRecord, WebhookMode } from "../kit/webhooks.ts";
export type { WriteRecord } from "../kit/write-log.ts";
export { RETRY_SCHEDULE_SECONDS, scopeMatches, signStandardWebhook } from "./webhooks.ts";

export interface BigCommerceSandboxOptions {
  /** 0 (default) picks a free port; the sandbox listens on 127.0.0.1 only. */
  readonly port?: number;
  readonly seed?: number;
  /** Products to generate. Default 50. */
  readonly products?: number;
  /** Orders over the last 90 days. Default 200. */
  readonly orders?: number;
  /** Requests per window: 150 (Standard and Plus plans) by default, 450 on Pro. */
  readonly quota?: number;
  /** The rate window. Default 30,000 ms. */
  readonly windowMs?: number;
  /** Waits before each webhook retry. Default BigCommerce's schedule (60 s … 24 h). */
  readonly webhookRetryDelaysMs?: readonly number[];
  readonly now?: () => Date;
  readonly log?: (message: string) => void;
}

/** What `POST /api/v1/connections` takes for BigCommerce; `apiUrl` replaces https://api.bigcommerce.com. */
export interface BigCommerceCredentials {
  readonly storeHash: string;
  readonly accessToken: string;
  readonly apiUrl: string;
}

export interface BigCommerceSandbox {
  readonly url: string;
  readonly port: number;
  readonly storeHash: string;
  readonly accessToken: string;
  readonly clientId: string;
  /** The app's client secret: the key of every `webhook-signature`. */
  readonly clientSecret: string;
  readonly credentials: BigCommerceCredentials;
  /** `{url}/stores/{storeHash}`: append `/v2/…` or `/v3/…`. */
  readonly apiBase: string;
  readonly store: BcStore;
  readonly seedIds: SeedIds;
  readonly seeded: SeededStore;
  readonly webhooks: WebhookDispatcher;
  readonly writeLog: WriteLog;
  readonly faults: Faults;
  readonly rate: RateSettings;
  close(): Promise<void>;
}

const DAY = 86_400_000;

/** Store hash, token, client id and secret derived from the seed: the same seed gives the same store. */
export function bigCommerceKeysForSeed(seed: number) {
  const hex = (label: string, length: number) =>
    createHash("sha1").update(`stockwire-bigcommerce-${label}-${seed}`).digest("hex").slice(0, length);
  return {
    storeHash: hex("store", 10),
    accessToken: hex("token", 31),
    clientId: hex("client", 31),
    clientSecret: hex("secret", 40),
    storeId: String(1_000_000_000 + (Number.parseInt(hex("id", 6), 16) % 1_000_000)),
  };
}

/** Starts a local BigCommerce store (v3 catalog/inventory/hooks, v2 orders) over a seeded catalogue. */
export async function startBigCommerceSandbox(
  options: BigCommerceSandboxOptions = {},
): Promise<BigCommerceSandbox> {
  const seed = options.seed ?? 1;
  const nowMs = () => (options.now ? options.now().getTime() : Date.now());
  const keys = bigCommerceKeysForSeed(seed);
  const store = new BcStore(nowMs);
  const seeded = seedStore({
    seed,
    products: options.products ?? 50,
    orders: options.orders ?? 200,
    // UTC midnight: every store seeded on one day is identical.
    anchorMs: Math.floor(nowMs() / DAY) * DAY,
  });
  const seedIds = loadSeed(store, seeded);
  const ctx: BcContext = { store, storeHash: keys.storeHash, clientId: keys.clientId, baseUrl: "" };
  let bcWebhooks: BcWebhooks | null = null;
  const dispatcher = new WebhookDispatcher({
    rng: createRng(seed ^ 0xb16c),
    retryDelaysMs: options.webhookRetryDelaysMs ?? RETRY_SCHEDULE_SECONDS.map((s) => s * 1000),
    headersFor: (webhook) => bcWebhooks?.headersFor(webhook) ?? webhook.headers,
    onSettled: (webhook, ok) => bcWebhooks?.settled(webhook, ok),
    ...(options.log ? { log: options.log } : {}),
  });
  bcWebhooks = new BcWebhooks(ctx, dispatcher, keys.clientSecret, keys.storeId);
  const rate: RateSettings = {
    quota: options.quota ?? 150,
    windowMs: options.windowMs ?? 30_000,
    headerless: false,
  };
  const rateLimit: RateLimitSlot = {
    model: new FixedWindow({ limit: rate.quota, windowMs: rate.windowMs }, nowMs),
  };
  const faults = new Faults();
  const writeLog = new WriteLog(nowMs);
  const credentials = () => ({
    storeHash: keys.storeHash,
    accessToken: keys.accessToken,
    apiUrl: ctx.baseUrl,
  });
  const app = buildBcServer({
    ctx,
    accessTokens: [keys.accessToken],
    rate,
    faults,
    writeLog,
    rateLimit,
    dispatcher,
    info: () => ({
      url: ctx.baseUrl,
      credentials: credentials(),
      clientId: keys.clientId,
      clientSecret: keys.clientSecret,
      rate,
      gaps: seeded.gaps,
      seedIds,
    }),
  });
  const { url, port } = await listenOnLoopback(app, options.port ?? 0);
  ctx.baseUrl = url;
  options.log?.(`BigCommerce sandbox at ${url}/stores/${keys.storeHash} (token ${keys.accessToken})`);
  return {
    url,
    port,
    storeHash: keys.storeHash,
    accessToken: keys.accessToken,
    clientId: keys.clientId,
    clientSecret: keys.clientSecret,
    credentials: credentials(),
    apiBase: `${url}/stores/${keys.storeHash}`,
    store,
    seedIds,
    seeded,
    webhooks: dispatcher,
    writeLog,
    faults,
    rate,
    close: async () => {
      dispatcher.stop();
      await dispatcher.whenIdle();
      await app.close();
    },
  };
}
