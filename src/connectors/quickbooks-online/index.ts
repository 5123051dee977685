import type { Connector } from "../contract.ts";
import { createQuickBooksClients, type QuickBooksClients } from "./clients.ts";
import {
  describeQuickBooksCredentials,
  type QuickBooksCredentials,
  quickBooksCredentialsSchema,
} from "./credentials.ts";
import { createQuickBooksSession } from "./session.ts";
import { MAX_STOCK_BATCH } from "./stock.ts";
import { parseQuickBooksWebhook, verifyQuickBooksWebhook } from "./webhooks.ts";

export * from "./books-client.ts";
export type { ChangedItem, ItemChanges } from "./cdc.ts";
export { createQuickBooksClients, type QuickBooksClients } from "./clients.ts";
export type { QuickBooksCredentials } from "./credentials.ts";
export { createQuickBooksSession, type QuickBooksSession, type QuickBooksSessionOptions } from "./session.ts";
export { parseQuickBooksChanges, type QuickBooksChange } from "./webhooks.ts";

/** QuickBooks Online Accounting API v3 as books and (R-SYNC-8) inventory source; see README.md. */
export const quickBooksOnlineConnector: Connector<QuickBooksCredentials, QuickBooksClients> = {
  platform: "quickbooks-online",
  displayName: "QuickBooks Online",
  capabilities: {
    feeds: ["update-products", "initial-stock", "stock-check", "inventory-source"],
    webhooks: true,
    compareAndSet: false,
    bulkExport: false,
    maxStockBatch: MAX_STOCK_BATCH,
  },
  credentials: quickBooksCredentialsSchema,
  describeCredentials: describeQuickBooksCredentials,
  createClients: createQuickBooksClients,
  connect: (credentials, env) =>
    createQuickBooksSession(credentials, env, env.clients ? { clients: env.clients } : {}),
  verifyWebhook: verifyQuickBooksWebhook,
  parseWebhook: parseQuickBooksWebhook,
};
