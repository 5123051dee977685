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
 * procurement module.
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
};
