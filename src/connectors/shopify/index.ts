import type { Connector } from "../contract.ts";
import {
  describeShopifyCredentials,
  type ShopifyCredentials,
  shopifyCredentialsSchema,
} from "./credentials.ts";
import { createShopifySession } from "./session.ts";
import { MAX_STOCK_BATCH } from "./stock.ts";
import { parseShopifyWebhook, refuseShopifyWebhook, verifyShopifyWebhook } from "./webhooks.ts";

export type { ShopifyCredentials } from "./credentials.ts";
export { createShopifySession, type ShopifySession, type ShopifySessionOptions } from "./session.ts";

/** Shopify over the GraphQL Admin API (2026-04); see README.md for what is covered. */
export const shopifyConnector: Connector<ShopifyCredentials> = {
  platform: "shopify",
  displayName: "Shopify",
  capabilities: {
    feeds: [
      "new-products",
      "update-products",
      "product-images",
      "new-orders",
      "update-orders",
      "initial-stock",
      "stock-export",
      "stock-check",
      "shipping-confirmation",
    ],
    webhooks: true,
    compareAndSet: true,
    bulkExport: true,
    maxStockBatch: MAX_STOCK_BATCH,
  },
  credentials: shopifyCredentialsSchema,
  describeCredentials: describeShopifyCredentials,
  connect: (credentials, env) => createShopifySession(credentials, env),
  verifyWebhook: verifyShopifyWebhook,
  refuseWebhook: refuseShopifyWebhook,
  parseWebhook: (headers, rawBody) => parseShopifyWebhook(headers, rawBody),
};
