import type { ConnectorEnv, ConnectorSession } from "../contract.ts";
import type { ClientStats, RetryOptions } from "../http/index.ts";
import { type BulkCatalogOptions, createBulkCatalog } from "./bulk-catalog.ts";
import { listLocations, listProducts, validateShop } from "./catalog.ts";
import { createGraphqlClient } from "./client.ts";
import { myshopifyDomain, type ShopifyCredentials, shopBaseUrl } from "./credentials.ts";
import { createFulfillment } from "./fulfillment.ts";
import { getOrder, listOrderPage } from "./orders.ts";
import { readStock, writeStock } from "./stock.ts";
import { registerWebhooks } from "./webhook-subscriptions.ts";

export type ShopifySessionOptions = {
  /** Per HTTP attempt; default 30 000 ms. */
  timeoutMs?: number;
  /** Retry schedule for transient failures; the platform client's defaults otherwise. */
  retry?: RetryOptions;
  /** Bulk-operation full catalogue reads for large shops; `false` turns them off. Default on. */
  bulk?: BulkCatalogOptions | false;
};

/** The operations Shopify implements (all but the inventory-source read), plus the client's counters. */
export type ShopifySession = Required<Omit<ConnectorSession, "changedStockSince">> & {
  stats(): ClientStats;
};

export function createShopifySession(
  credentials: ShopifyCredentials,
  env: ConnectorEnv,
  options: ShopifySessionOptions = {},
): ShopifySession {
  const baseUrl = shopBaseUrl(credentials.shopDomain, env.allowPrivateUrls);
  const client = createGraphqlClient({
    baseUrl,
    shopLabel: credentials.shopDomain,
    accessToken: credentials.accessToken,
    plan: credentials.plan ?? "standard",
    env,
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retry ? { retry: options.retry } : {}),
  });
  const logger = env.logger.child({ platform: "shopify", shop: credentials.shopDomain });
  const bulk = options.bulk === false ? null : createBulkCatalog(client, logger, options.bulk);
  return {
    validate: () => validateShop(client),
    listLocations: () => listLocations(client),
    listProducts: (listOptions) => listProducts(client, bulk, listOptions),
    listOrders: (listOptions) => listOrderPage(client, listOptions, logger),
    getOrder: (platformOrderId) => getOrder(client, platformOrderId, logger),
    readStock: (items) => readStock(client, items),
    writeStock: (writes, { idempotencyKey }) => writeStock(client, writes, idempotencyKey),
    createFulfillment: (input) => createFulfillment(client, input),
    registerWebhooks: (callbackUrl) =>
      registerWebhooks(client, callbackUrl, {
        realShop: myshopifyDomain(credentials.shopDomain) !== undefined,
      }),
    stats: () => client.stats(),
  };
}
