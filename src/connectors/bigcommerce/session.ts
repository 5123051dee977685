import type { ConnectorEnv } from "../contract.ts";
import type { ChannelSession } from "../kit/channel.ts";
import { sessionInFlight } from "../kit/in-flight.ts";
import { listLocations, listProducts, readStore } from "./catalog.ts";
import { type BigCommerceClientOptions, createBigCommerceClient } from "./client.ts";
import type { BigCommerceCredentials } from "./credentials.ts";
import { createFulfillment } from "./fulfillment.ts";
import { getOrder, listOrders } from "./orders.ts";
import { readStock, writeStock } from "./stock.ts";
import { registerWebhooks } from "./webhook-subscriptions.ts";
import { hookSecret } from "./webhooks.ts";

export type { BigCommerceClientOptions as BigCommerceSessionOptions } from "./client.ts";

export type BigCommerceSession = ChannelSession;

export function createBigCommerceSession(
  credentials: BigCommerceCredentials,
  env: ConnectorEnv,
  options: BigCommerceClientOptions = {},
): BigCommerceSession {
  const client = createBigCommerceClient(credentials, env, options);
  // Prices are in the store's currency, which only `/v2/store` says: read once per session.
  let currency: Promise<string | null> | undefined;
  const storeCurrency = () => {
    currency ??= readStore(client).then(
      (store) => store.currency ?? null,
      () => null,
    );
    return currency;
  };
  const inFlight = sessionInFlight(env, env.logger.child({ platform: "bigcommerce" }));
  return {
    validate: () => readStore(client),
    listLocations: () => listLocations(client),
    listProducts: (listOptions) => listProducts(client, storeCurrency, listOptions),
    ...inFlight.handing({
      listOrders: (listOptions) => listOrders(client, listOptions),
      getOrder: (platformOrderId) => getOrder(client, platformOrderId),
    }),
    readStock: (items) => readStock(client, items),
    writeStock: (writes) => writeStock(client, writes, inFlight.guard()),
    createFulfillment: (input) => createFulfillment(client, input),
    registerWebhooks: (callbackUrl) => registerWebhooks(client, callbackUrl, hookSecret(credentials)),
    stats: () => client.stats(),
  };
}
