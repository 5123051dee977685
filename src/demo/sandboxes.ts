import { SHIPPING_ITEM, TAX_ITEM } from "../modules/books/index.ts";
import {
  type QuickBooksOnlineSandbox,
  startQuickBooksOnlineSandbox,
} from "../sandboxes/quickbooks-online/index.ts";
import { type ShopifySandbox, startShopifySandbox } from "../sandboxes/shopify/index.ts";
import { startWooCommerceSandbox, type WooCommerceSandbox } from "../sandboxes/woocommerce/index.ts";

/** How big the demo's stores are: small enough to import in seconds, big enough to look real. */
export type DemoSizes = {
  /** Products per store (1–4 variants each); default 20. */
  products: number;
  /** Seeded orders on store A over the last 90 days; default 60. */
  orders: number;
};

export const DEFAULT_SIZES: DemoSizes = { products: 20, orders: 60 };

export type DemoSandboxes = {
  /** The store with history: its orders and stock seed the hub. */
  storeA: ShopifySandbox;
  /** A second store selling the same catalogue, so stock moves between channels are visible. */
  storeB: ShopifySandbox;
  /** A WooCommerce store beside the Shopify ones, selling its own catalogue. */
  woo: WooCommerceSandbox;
  books: QuickBooksOnlineSandbox;
  close(): Promise<void>;
};

/** One seed for both stores: the same catalogue (and SKUs) sold in two shops, as merchants do. */
const CATALOGUE_SEED = 7;

/**
 * Starts two Shopify stores, a WooCommerce store and a QuickBooks Online company on 127.0.0.1, free ports. Store B has
 * no history; the company's item list holds the stores' catalogue (matched on SKU), as the books
 * of a merchant who already sells these products would.
 */
export async function startDemoSandboxes(sizes: DemoSizes): Promise<DemoSandboxes> {
  const started: { close(): Promise<void> }[] = [];
  try {
    const storeA = await startShopifySandbox({
      seed: CATALOGUE_SEED,
      products: sizes.products,
      orders: sizes.orders,
      locations: 1,
      shopName: "demo-outdoor-a",
    });
    started.push(storeA);
    const storeB = await startShopifySandbox({
      seed: CATALOGUE_SEED,
      products: sizes.products,
      orders: 0,
      locations: 1,
      shopName: "demo-outdoor-b",
    });
    started.push(storeB);
    const woo = await startWooCommerceSandbox({ seed: CATALOGUE_SEED, products: sizes.products, orders: 0 });
    started.push(woo);
    const books = await startQuickBooksOnlineSandbox({ seed: CATALOGUE_SEED, items: 0 });
    started.push(books);
    addCatalogueItems(books, storeA);
    return {
      storeA,
      storeB,
      woo,
      books,
      close: async () => {
        await Promise.allSettled(started.map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.allSettled(started.map((s) => s.close()));
    throw error;
  }
}

/**
 * One QuickBooks inventory item per store variant, with the store's price and quantity, and the
 * service items the hub books shipping and sales tax lines to.
 */
function addCatalogueItems(books: QuickBooksOnlineSandbox, store: ShopifySandbox): void {
  for (const name of [SHIPPING_ITEM, TAX_ITEM]) {
    if (!books.control.findItem({ name })) books.control.createItem({ Name: name, Type: "Service" });
  }
  for (const product of store.store.products) {
    for (const variantId of product.variantIds) {
      const variant = store.store.variantsById.get(variantId);
      if (!variant) continue;
      const title = variant.title === "Default Title" ? product.title : `${product.title} - ${variant.title}`;
      books.control.createItem({
        // QuickBooks names are unique and at most 100 characters; the SKU keeps them apart.
        Name: `${title.slice(0, 70)} (${variant.sku})`,
        Sku: variant.sku,
        UnitPrice: variant.priceCents / 100,
        QtyOnHand: Math.max(0, store.control.getInventory(variant.sku)?.available ?? 0),
      });
    }
  }
}
