import { bigCommerceConnector } from "./bigcommerce/index.ts";
import { quickBooksDesktopConnector } from "./quickbooks-desktop/index.ts";
import { quickBooksOnlineConnector } from "./quickbooks-online/index.ts";
import type { ConnectorRegistry } from "./registry.ts";
import { shipStationConnector } from "./shipstation/index.ts";
import { shopifyConnector } from "./shopify/index.ts";
import { wooCommerceConnector } from "./woocommerce/index.ts";

/**
 * Every production connector by platform key. Nothing else in the code names platforms: the sync
 * engine, routes and dashboard read capabilities from here.
 */
export const connectors = {
  shopify: shopifyConnector,
  "quickbooks-online": quickBooksOnlineConnector,
  "quickbooks-desktop": quickBooksDesktopConnector,
  woocommerce: wooCommerceConnector,
  bigcommerce: bigCommerceConnector,
  shipstation: shipStationConnector,
} satisfies ConnectorRegistry;

export type Platform = keyof typeof connectors;
