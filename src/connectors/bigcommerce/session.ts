import type { ConnectorEnv } from "../contract.ts";
import type { RetryOptions } from "../http/index.ts";
import type { ChannelSession } from "../kit/channel.ts";
import { createHandedOrders, handingOrders } from "../kit/in-flight.ts";
import { listLocations, listProducts, readStore } from "./catalog.ts";
import { createBigCommerceClient } from "./client.ts";
import { type BigCommerceCredentials, storeApiBase } from "./credentials.ts";
import { createFulfillment } from "./fulfillment.ts";
import { getOrder, listOrders } from "./orders.ts";
import { readStock, writeStock } from "./stock.ts";
import { registerWebhooks } from "./webhook-subscriptions.ts";
import { hookSecret } from "./webhooks.ts";

export type BigCommerceSessionOptions = {
  /** Per HTTP attempt; default 30 000 ms. */
  timeoutMs?: number;
  retry?: RetryOptions;
};

export type BigCommerceSession = ChannelSession;

export function createBigCommerceSession(
  credentials: BigCommerceCredentials,
  env: ConnectorEnv,
  options: BigCommerceSessionOptions = {},
): BigCommerceSession {
  const client = createBigCommerceClient({
    apiBase: storeApiBase(credentials, env.allowPrivateUrls),
    storeHash: credentials.storeHash,
    accessToken: credentials.accessToken,
    env,
    ...(credentials.quota ? { quota: credentials.quota } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  });
  // Prices are in the store's currency, which only `/v2/store` says: read once per session.
  let currency: Promise<string | null> | undefined;
  const storeCurrency = () => {
    currency ??= readStore(client).then(
      (store) => store.currency ?? null,
      () => null,
    );
    return currency;
  };
  const nowMs = () => (env.now ? env.now().getTime() : Date.now());
  // Orders read through this session are the hub's to import: pushes stop keeping their sales.
  const handed = createHandedOrders(nowMs);
  const logger = env.logger.child({ platform: "bigcommerce" });
  return {
    validate: () => readStore(client),
    listLocations: () => listLocations(client),
    listProducts: (listOptions) => listProducts(client, storeCurrency, listOptions),
    ...handingOrders(handed, {
      listOrders: (listOptions) => listOrders(client, listOptions),
      getOrder: (platformOrderId) => getOrder(client, platformOrderId),
    }),
    readStock: (items) => readStock(client, items),
    writeStock: (writes) => writeStock(client, writes, { handed, nowMs: nowMs(), logger }),
    createFulfillment: (input) => createFulfillment(client, input),
    registerWebhooks: (callbackUrl) => registerWebhooks(client, callbackUrl, hookSecret(credentials)),
    stats: () => client.stats(),
  };
}
