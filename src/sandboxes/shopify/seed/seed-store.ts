import { createRng } from "../prng.ts";
import { type ShopSettings, Store } from "../store/store.ts";
import { seedCatalog, seedLocations } from "./catalog.ts";
import { seedGaps } from "./gaps.ts";
import { seedOrders } from "./orders.ts";

export interface SeedOptions {
  readonly seed: number;
  readonly products: number;
  readonly orders: number;
  /** Null lets the seed choose 2 or 3. */
  readonly locations: number | null;
  /** Generated times end here; callers pass UTC midnight so one day's stores are identical. */
  readonly anchor: number;
  /**
   * Adds the gaps real stores have (gaps.ts: a "Default Title" product, a variant without a SKU,
   * guest orders without customer or address). Off by default: tests count the tidy seed's items.
   */
  readonly gaps?: boolean;
}

export function seedStore(shop: ShopSettings, options: SeedOptions): Store {
  const store = new Store(shop);
  const rng = createRng(options.seed);
  const locations = options.locations ?? rng.int(2, 3);
  seedLocations(store, rng, locations, options.anchor - 400 * 86_400_000);
  seedCatalog(store, rng, options.products, options.anchor);
  if (options.products > 0) seedOrders(store, rng, options.orders, options.anchor);
  if (options.products >= OVERSOLD_FROM_PRODUCTS) seedOversold(store, rng);
  // A stream of its own, so the regular catalogue and orders are the same with or without gaps.
  if (options.gaps) seedGaps(store, createRng(options.seed + 0x9e37), options.anchor);
  return store;
}

/** Stores this size or larger carry one oversold level, as real shops that allow overselling do. */
export const OVERSOLD_FROM_PRODUCTS = 5;

/** The last tracked item's first level sold more than it had: `available` below zero. */
function seedOversold(store: Store, rng: ReturnType<typeof createRng>): void {
  const item = store.inventoryItems.findLast((candidate) => candidate.tracked && candidate.levels.length > 0);
  const level = item?.levels[0];
  if (level) level.available = -rng.int(1, 5);
}
