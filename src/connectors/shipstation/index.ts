import type { Connector } from "../contract.ts";
import {
  describeShipStationCredentials,
  type ShipStationCredentials,
  shipStationCredentialsSchema,
} from "./credentials.ts";
import { createShipStationSession } from "./session.ts";
import { parseShipStationWebhook, verifyShipStationWebhook } from "./webhooks.ts";

export type { ShipStationCredentials } from "./credentials.ts";
export { fromPacific, pacificFilter } from "./pacific.ts";
export { createShipStationSession, type ShipStationSession } from "./session.ts";
export { hookToken } from "./webhooks.ts";

/**
 * ShipStation v1: an order and shipment source with sub-stores, not a stock target (v1 has no
 * inventory API), so it declares no stock feeds. See README.md for coverage.
 */
export const shipStationConnector: Connector<ShipStationCredentials> = {
  platform: "shipstation",
  displayName: "ShipStation",
  capabilities: {
    feeds: ["new-orders", "update-orders", "shipping-confirmation"],
    webhooks: true,
    compareAndSet: false,
    bulkExport: false,
    maxStockBatch: 1,
  },
  credentials: shipStationCredentialsSchema,
  describeCredentials: describeShipStationCredentials,
  connect: (credentials, env) => createShipStationSession(credentials, env),
  verifyWebhook: verifyShipStationWebhook,
  parseWebhook: parseShipStationWebhook,
};
