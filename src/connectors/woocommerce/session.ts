import type { ConnectorEnv } from "../contract.ts";
import type { ChannelSession } from "../kit/channel.ts";
import { createHandedOrders, handingOrders } from "../kit/in-flight.ts";
import { listProducts, validateStore } from "./catalog.ts";
import { createWooClient, type WooClientOptions } from "./client.ts";
import type { WooCommerceCredentials } from "./credentials.ts";
import { createFulfillment } from "./fulfillment.ts";
import { getOrder, listOrders } from "./orders.ts";
import { readStock, STORE_LOCATION, writeStock } from "./stock.ts";
import { reenableDisabledWebhooks, registerWooWebhooks } from "./webhooks.ts";

export type WooCommerceSession = ChannelSession;

export function createWooCommerceSession(
  credentials: WooCommerceCredentials,
  env: ConnectorEnv,
  options: WooClientOptions = {},
): WooCommerceSession {
  const client = createWooClient(credentials, env, options);
  const logger = env.logger.child({ platform: "woocommerce" });
  const nowMs = () => (env.now ? env.now().getTime() : Date.now());
  // Orders read through this session are the hub's to import: pushes stop keeping their sales.
  const handed = createHandedOrders(nowMs);
  return {
    validate: () => validateStore(client),
    listLocations: async () => [STORE_LOCATION],
    listProducts: (listOptions) => listProducts(client, listOptions),
    ...handingOrders(handed, {
      listOrders: (listOptions) => listOrders(client, listOptions),
      getOrder: (platformOrderId) => getOrder(client, platformOrderId),
    }),
    async readStock(items) {
      // The stock check (and initial stock) are the hub's regular look at the store: they also
      // notice webhooks WooCommerce disabled after failed deliveries. One list request beside a
      // batch of up to 250 item reads.
      if (credentials.webhookSecret) await reenableDisabledWebhooks(client, logger);
      return readStock(client, items);
    },
    writeStock: (writes) => writeStock(client, writes, { handed, nowMs: nowMs(), logger }),
    createFulfillment: (input) => createFulfillment(client, input),
    registerWebhooks: (callbackUrl) => registerWooWebhooks(client, credentials, env, callbackUrl),
    stats: () => client.stats(),
  };
}
