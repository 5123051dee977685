import { createRng } from "../prng.ts";
import { type ShopSettings, Store } from "../store/store.ts";
import { seedCatalog, seedLocations } from "./catalog.ts";
import { seedOrders } from "./orders.ts";

export interface SeedOptions {
  readonly seed: number;
  readonly products: number;
  readonly orders: number;
  /** Null lets the seed choose 2 or 3. */
  readonly locations: number | null;
  /** Generated times end here; callers pass UTC midnight so one day's stores are identical. */
  readonly anchor: number;
}

export function seedStore(shop: ShopSettings, options: SeedOptions): Store {
  const store = new Store(shop);
  const rng = createRng(options.seed);
  const locations = options.locations ?? rng.int(2, 3);
  seedLocations(store, rng, locations, options.anchor - 400 * 86_400_000);
  seedCatalog(store, rng, options.products, options.anchor);
  if (options.products > 0) seedOrders(store, rng, options.orders, options.anchor);
  if (options.products >= OVERSOLD_FROM_PRODUCTS) seedOversold(store, rng);
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
