import { PLAN_LIMITS, SHOPIFY_API_VERSION, type ShopifyPlan } from "./constants.ts";
import { createControl, type ShopifySandboxControl } from "./control/control.ts";
import type { Outage } from "./control/outage.ts";
import { CallLog } from "./graphql/call-log.ts";
import { LeakyBucket } from "./graphql/leaky-bucket.ts";
import { GraphqlService } from "./graphql/pipeline.ts";
import { createSchema } from "./graphql/schema.ts";
import { createRng } from "./prng.ts";
import { seedStore } from "./seed/seed-store.ts";
import { buildServer } from "./server.ts";
import { MAX_LOCATIONS } from "./store/fulfillments.ts";
import type { ShopSettings, Store } from "./store/store.ts";
import { seedCredentials, TokenRegistry } from "./tokens.ts";
import { WebhookDispatcher } from "./webhooks/dispatcher.ts";

export type { ShopifyPlan } from "./constants.ts";
export { SHOPIFY_API_VERSION } from "./constants.ts";
export type { ShopifySandboxControl } from "./control/control.ts";
export type { CreateOrderInput, RefundLineInput } from "./control/order-control.ts";
export type { InventorySummary, OrderSummary, RefundSummary } from "./control/summaries.ts";
export type { CallLogSnapshot } from "./graphql/call-log.ts";
export type { ThrottleStatus } from "./graphql/leaky-bucket.ts";
export type { Store } from "./store/store.ts";
export type { DeliveryRecord, WebhookMode } from "./webhooks/dispatcher.ts";
export { signShopifyWebhook, verifyShopifyWebhook } from "./webhooks/sign.ts";

export interface ShopifySandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  readonly port?: number;
  /** Only loopback is allowed. Default 127.0.0.1. */
  readonly host?: "127.0.0.1";
  /** Seed for the generated store and the derived credentials. Default 1. */
  readonly seed?: number;
  /** Products to generate (1–4 variants each). Default 50. */
  readonly products?: number;
  /** Orders to generate over the last 90 days. Default 200. */
  readonly orders?: number;
  /** Rate-limit plan. Default "standard". */
  readonly plan?: ShopifyPlan;
  /** Extra access tokens to accept besides `shpat_sandbox` and the seed token. */
  readonly accessTokens?: readonly string[];
  /** App client secret that signs webhooks and grants client-credentials tokens. Default: derived from the seed. */
  readonly apiSecret?: string;
  /** Locations (1–16). Default: 2 or 3, chosen by the seed. */
  readonly locations?: number;
  /** Shop name; the domain is `<name>.myshopify.com`. Default "stockwire-sandbox". */
  readonly shopName?: string;
  /** Clock for every timestamp and for the cost bucket. Default: the real clock. */
  readonly now?: () => Date;
  /** Waits before each webhook retry; its length is the retry count. Default [200, 1000, 3000]. */
  readonly webhookRetryDelaysMs?: readonly number[];
  /**
   * Whether the app is approved for protected customer data. Default true; false makes order
   * customers, addresses, emails and phones null with ACCESS_DENIED errors, as for an unapproved app.
   */
  readonly protectedCustomerData?: boolean;
  /**
   * Seeds the gaps real stores have besides the oversold level every store of 5 products or more
   * carries: a "Default Title" product, a variant without a SKU, guest orders without customer or
   * address (seed/gaps.ts). Default false.
   */
  readonly realisticGaps?: boolean;
  /** Receives one line on start (URL and token) and on failed webhook deliveries. */
  readonly log?: (message: string) => void;
}

export interface ShopifySandbox {
  readonly url: string;
  readonly port: number;
  readonly shopDomain: string;
  readonly accessToken: string;
  readonly apiSecret: string;
  readonly apiVersion: string;
  /** GraphQL endpoint: `${url}/admin/api/${apiVersion}/graphql.json`. */
  readonly graphqlUrl: string;
  readonly store: Store;
  readonly control: ShopifySandboxControl;
  close(): Promise<void>;
}

const DAY = 86_400_000;

/** Starts a local Shopify Admin GraphQL API over a seeded store (see README.md for what is simulated). */
export async function startShopifySandbox(options: ShopifySandboxOptions = {}): Promise<ShopifySandbox> {
  const seed = options.seed ?? 1;
  const now = options.now ?? (() => new Date());
  const nowMs = () => now().getTime();
  const plan = PLAN_LIMITS[options.plan ?? "standard"];
  const locations = options.locations ?? null;
  if (locations !== null && (locations < 1 || locations > MAX_LOCATIONS)) {
    throw new Error(`locations must be between 1 and ${MAX_LOCATIONS}`);
  }
  const credentials = seedCredentials(seed);
  const apiSecret = options.apiSecret ?? credentials.apiSecret;
  const shopName = options.shopName ?? "stockwire-sandbox";
  const shop: ShopSettings = {
    name: shopName,
    domain: `${shopName}.myshopify.com`,
    currency: "USD",
    planName: plan.displayName,
    plus: options.plan === "plus",
  };
  // Anchoring generated times to UTC midnight makes every store seeded on one day identical.
  const anchor = Math.floor(nowMs() / DAY) * DAY;
  const reseed = () =>
    seedStore(shop, {
      seed,
      products: options.products ?? 50,
      orders: options.orders ?? 200,
      locations,
      anchor,
      gaps: options.realisticGaps ?? false,
    });
  const store = reseed();
  const bucket = new LeakyBucket(plan, nowMs);
  const callLog = new CallLog();
  let baseUrl = "";
  const graphql = new GraphqlService({
    schema: createSchema(),
    store,
    bucket,
    callLog,
    nowMs,
    baseUrl: () => baseUrl,
    protectedCustomerData: () => options.protectedCustomerData ?? true,
  });
  const webhooks = new WebhookDispatcher({
    store,
    apiSecret,
    shopDomain: shop.domain,
    apiVersion: SHOPIFY_API_VERSION,
    nowMs,
    rng: createRng(seed ^ 0x5eed),
    retryDelaysMs: options.webhookRetryDelaysMs ?? [200, 1000, 3000],
    ...(options.log ? { log: options.log } : {}),
  });
  const outage: Outage = { status: null };
  const tokens = new TokenRegistry(credentials.accessToken, options.accessTokens ?? [], apiSecret, nowMs);
  const control = createControl({
    store,
    bucket,
    plan,
    callLog,
    graphql,
    webhooks,
    nowMs,
    reseed,
    outage,
    tokens,
  });
  const app = buildServer({ graphql, control, callLog, tokens, shopDomain: shop.domain, outage });
  await app.listen({ port: options.port ?? 0, host: options.host ?? "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  baseUrl = `http://127.0.0.1:${port}`;
  options.log?.(`Shopify sandbox for ${shop.domain} at ${baseUrl} (token ${credentials.accessToken})`);
  return {
    url: baseUrl,
    port,
    shopDomain: shop.domain,
    accessToken: credentials.accessToken,
    apiSecret,
    apiVersion: SHOPIFY_API_VERSION,
    graphqlUrl: `${baseUrl}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`,
    store,
    control,
    close: async () => {
      webhooks.stop();
      await Promise.allSettled([webhooks.whenIdle(), graphql.bulk.whenIdle()]);
      await app.close();
    },
  };
}
