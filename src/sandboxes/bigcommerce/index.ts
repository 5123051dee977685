import { createHash } from "node:crypto";
import { FixedWindow } from "../kit/rate-limit.ts";
import { type KitSandbox, type StoreSandboxOptions, sandboxParts, serveSandbox } from "../kit/sandbox.ts";
import type { SeedIds } from "../kit/store/load-seed.ts";
import type { RateSettings } from "./gate.ts";
import type { BcContext } from "./routes/common.ts";
import { bcServer } from "./server.ts";
import { type BcStore, createBcStore, extraIds } from "./store.ts";
import { bcWebhooks, RETRY_SCHEDULE_SECONDS } from "./webhooks.ts";

export type { DeliveryRecord, WebhookMode } from "../kit/webhooks.ts";
export type { WriteRecord } from "../kit/write-log.ts";
export { RETRY_SCHEDULE_SECONDS, scopeMatches, signStandardWebhook } from "./webhooks.ts";

export interface BigCommerceSandboxOptions extends StoreSandboxOptions {
  /** Requests per window: 150 (Standard and Plus plans) by default, 450 on Pro. */
  readonly quota?: number;
  /** The rate window. Default 30,000 ms. */
  readonly windowMs?: number;
  /** Waits before each webhook retry. Default BigCommerce's schedule (60 s … 24 h). */
  readonly webhookRetryDelaysMs?: readonly number[];
}

/** What `POST /api/v1/connections` takes for BigCommerce; `apiUrl` replaces https://api.bigcommerce.com. */
export interface BigCommerceCredentials {
  readonly storeHash: string;
  readonly accessToken: string;
  readonly apiUrl: string;
}

export interface BigCommerceSandbox extends KitSandbox {
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
  readonly rate: RateSettings;
}

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
  const rate: RateSettings = {
    quota: options.quota ?? 150,
    windowMs: options.windowMs ?? 30_000,
    headerless: false,
  };
  const parts = sandboxParts(options, {
    rngSalt: 0xb16c,
    retryDelaysMs: options.webhookRetryDelaysMs ?? RETRY_SCHEDULE_SECONDS.map((s) => s * 1000),
    rateModel: (nowMs) => new FixedWindow({ limit: rate.quota, windowMs: rate.windowMs }, nowMs),
  });
  const { storeId, ...keys } = bigCommerceKeysForSeed(parts.seed);
  const { store, seedIds } = createBcStore(parts.nowMs, parts.seeded);
  const ctx: BcContext = {
    store,
    storeHash: keys.storeHash,
    clientId: keys.clientId,
    ids: extraIds(store),
    baseUrl: "",
  };
  bcWebhooks(ctx, parts.webhooks, keys.clientSecret, storeId);
  const credentials = () => ({
    storeHash: keys.storeHash,
    accessToken: keys.accessToken,
    apiUrl: ctx.baseUrl,
  });
  const server = bcServer({
    ctx,
    accessTokens: [keys.accessToken],
    rate,
    rateLimit: parts.rateLimit,
    info: () => ({
      url: ctx.baseUrl,
      credentials: credentials(),
      clientId: keys.clientId,
      clientSecret: keys.clientSecret,
      rate,
      gaps: parts.seeded.gaps,
      seedIds,
    }),
  });
  const served = await serveSandbox(parts, server, options.port);
  ctx.baseUrl = served.url;
  const apiBase = `${served.url}/stores/${keys.storeHash}`;
  options.log?.(`BigCommerce sandbox at ${apiBase} (token ${keys.accessToken})`);
  return { ...served, ...keys, credentials: credentials(), apiBase, store, seedIds, rate };
}
