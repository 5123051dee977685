import type { ConnectorEnv } from "../contract.ts";
import type { ChannelSession } from "../kit/channel.ts";
import { sessionInFlight } from "../kit/in-flight.ts";
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
  const inFlight = sessionInFlight(env, logger);
  return {
    validate: () => validateStore(client),
    listLocations: async () => [STORE_LOCATION],
    listProducts: (listOptions) => listProducts(client, listOptions),
    ...inFlight.handing({
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
    writeStock: (writes) => writeStock(client, writes, inFlight.guard()),
    createFulfillment: (input) => createFulfillment(client, input),
    registerWebhooks: (callbackUrl) => registerWooWebhooks(client, credentials, env, callbackUrl),
    stats: () => client.stats(),
  };
}
