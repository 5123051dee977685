import type { ChannelLocation, ConnectorEnv, ConnectorSession } from "../contract.ts";
import type { ClientStats } from "../http/index.ts";
import { provenByCall } from "../kit/channel.ts";
import { createShipStationClient, type ShipStationClientOptions } from "./client.ts";
import type { ShipStationCredentials } from "./credentials.ts";
import { markAsShipped } from "./fulfillment.ts";
import { getOrder, listOrders } from "./orders.ts";
import { storeSchema } from "./schemas.ts";
import { hookToken, registerWebhooks } from "./webhooks.ts";

export type ShipStationSession = Required<
  Pick<
    ConnectorSession,
    "validate" | "listLocations" | "listOrders" | "getOrder" | "createFulfillment" | "registerWebhooks"
  >
> & { stats(): ClientStats };

/**
 * An order and shipment source, not a stock target: no products, no stock reads or writes.
 * Sub-stores are the session's locations (id and name) and each order's `subChannelId`.
 */
export function createShipStationSession(
  credentials: ShipStationCredentials,
  env: ConnectorEnv,
  options: ShipStationClientOptions = {},
): ShipStationSession {
  const client = createShipStationClient(credentials, env, options);
  const currency = credentials.currency ?? "USD";
  const now = () => env.now?.() ?? new Date();
  const stores = () => client.get("/stores", storeSchema.array(), "catalog");
  return {
    async validate() {
      const list = await provenByCall(
        stores,
        (status) =>
          `ShipStation refused the API key and secret (HTTP ${status}); check both under Settings → Account → API Settings`,
      );
      const active = list.filter((s) => s.active);
      const names = active.map((s) => s.storeName).join(", ");
      return { label: `ShipStation (${active.length} stores${names ? `: ${names}` : ""})`, currency };
    },
    listLocations: async (): Promise<ChannelLocation[]> =>
      (await stores()).map((s) => ({ id: String(s.storeId), name: s.storeName, active: s.active })),
    listOrders: (listOptions) => listOrders(client, currency, listOptions, now()),
    getOrder: (idOrResource) => getOrder(client, currency, idOrResource),
    createFulfillment: (input) => markAsShipped(client, input, now()),
    registerWebhooks: (callbackUrl) => registerWebhooks(client, callbackUrl, hookToken(credentials)),
    stats: () => client.stats(),
  };
}
