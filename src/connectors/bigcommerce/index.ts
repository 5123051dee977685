import type { Connector } from "../contract.ts";
import { channelCapabilities } from "../kit/channel.ts";
import {
  type BigCommerceCredentials,
  bigCommerceCredentialsSchema,
  describeBigCommerceCredentials,
} from "./credentials.ts";
import { createBigCommerceSession } from "./session.ts";
import { MAX_STOCK_BATCH } from "./stock.ts";
import { parseBigCommerceWebhook, refuseBigCommerceWebhook, verifyBigCommerceWebhook } from "./webhooks.ts";

export type { BigCommerceCredentials } from "./credentials.ts";
export {
  type BigCommerceSession,
  type BigCommerceSessionOptions,
  createBigCommerceSession,
} from "./session.ts";
export { HOOK_SECRET_HEADER, hookSecret } from "./webhooks.ts";

/** BigCommerce over the v3 catalog/inventory/hooks and v2 orders APIs; see README.md for coverage. */
export const bigCommerceConnector: Connector<BigCommerceCredentials> = {
  platform: "bigcommerce",
  displayName: "BigCommerce",
  capabilities: channelCapabilities(MAX_STOCK_BATCH),
  credentials: bigCommerceCredentialsSchema,
  describeCredentials: describeBigCommerceCredentials,
  connect: (credentials, env) => createBigCommerceSession(credentials, env),
  verifyWebhook: verifyBigCommerceWebhook,
  refuseWebhook: refuseBigCommerceWebhook,
  parseWebhook: (headers, rawBody) => parseBigCommerceWebhook(headers, rawBody),
};
