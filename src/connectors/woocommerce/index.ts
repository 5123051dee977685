import type { Connector } from "../contract.ts";
import { channelCapabilities } from "../kit/channel.ts";
import {
  describeWooCommerceCredentials,
  type WooCommerceCredentials,
  wooCommerceCredentialsSchema,
} from "./credentials.ts";
import { createWooCommerceSession } from "./session.ts";
import { MAX_BATCH } from "./stock.ts";
import { isWooPing, parseWooWebhook, verifyWooWebhook } from "./webhooks.ts";

export type { WooCommerceCredentials } from "./credentials.ts";
export { createWooCommerceSession, type WooCommerceSession } from "./session.ts";

/** WooCommerce over the REST API v3; see README.md for what is covered. */
export const wooCommerceConnector: Connector<WooCommerceCredentials> = {
  platform: "woocommerce",
  displayName: "WooCommerce",
  capabilities: channelCapabilities(MAX_BATCH),
  credentials: wooCommerceCredentialsSchema,
  describeCredentials: describeWooCommerceCredentials,
  connect: (credentials, env) => createWooCommerceSession(credentials, env),
  isHandshake: isWooPing,
  verifyWebhook: verifyWooWebhook,
  parseWebhook: parseWooWebhook,
};
