import type { FeedKind } from "../../connectors/contract.ts";
import type { ConnectorRegistry } from "../../connectors/registry.ts";
import type { FeedHandlers } from "./feed-context.ts";
import { initialStockFeed } from "./feeds/initial-stock.ts";
import { inventorySourceFeed } from "./feeds/inventory-source.ts";
import { newOrdersFeed, updateOrdersFeed } from "./feeds/orders.ts";
import { newProductsFeed, productImagesFeed, updateProductsFeed } from "./feeds/products.ts";
import { stockCheckFeed } from "./feeds/stock-check.ts";
import { outboundNow } from "./outbound-feed.ts";

/**
 * Feed kinds and what runs them. Stock export and shipping confirmation normally run from the
 * outbox drain (drain.ts); here they answer "Run now". Suppliers and supplier links come with the
 * procurement module: until then a connector declaring them is refused.
 */
export const feedHandlers: FeedHandlers = {
  "new-products": newProductsFeed,
  "update-products": updateProductsFeed,
  "product-images": productImagesFeed,
  "new-orders": newOrdersFeed,
  "update-orders": updateOrdersFeed,
  "initial-stock": initialStockFeed,
  "stock-check": stockCheckFeed,
  "stock-export": outboundNow,
  "shipping-confirmation": outboundNow,
  "inventory-source": inventorySourceFeed,
  suppliers: null,
  "supplier-links": null,
};

/** The feeds each connector declares that this hub has no runner for (empty: all runnable). */
export function feedsWithoutRunner(registry: ConnectorRegistry): { platform: string; feeds: FeedKind[] }[] {
  return Object.entries(registry).flatMap(([platform, connector]) => {
    const feeds = connector.capabilities.feeds.filter((kind) => !feedHandlers[kind]);
    return feeds.length > 0 ? [{ platform, feeds }] : [];
  });
}

/** Refuses, when a hub starts, a connector declaring a feed the engine cannot run. */
export function assertConnectorsRunnable(registry: ConnectorRegistry): void {
  const unrunnable = feedsWithoutRunner(registry);
  if (unrunnable.length === 0) return;
  const list = unrunnable.map(({ platform, feeds }) => `${platform}: ${feeds.join(", ")}`).join("; ");
  throw new Error(`connectors declare feeds this hub has no runner for (${list})`);
}
