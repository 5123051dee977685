import { createRng } from "../prng.ts";
import { generateCatalog, type ProductGap, type SeedProduct } from "./catalog.ts";
import { generateOrders, type OrderGap, type SeedOrder } from "./orders.ts";

export type { ProductGap, ProductKind, SeedProduct, SeedVariant } from "./catalog.ts";
export { PRODUCT_GAPS } from "./catalog.ts";
export type {
  OrderGap,
  SeedAddress,
  SeedCustomer,
  SeedOrder,
  SeedOrderLine,
  SeedOrderState,
} from "./orders.ts";
export { ORDER_GAPS } from "./orders.ts";

export interface SeededStore {
  readonly products: readonly SeedProduct[];
  readonly orders: readonly SeedOrder[];
  /** Where each gap landed: product or order indexes, for tests that look for its effect. */
  readonly gaps: Readonly<Partial<Record<ProductGap | OrderGap, readonly number[]>>>;
}

export interface SeedOptions {
  readonly seed: number;
  readonly products: number;
  readonly orders: number;
  /** Generated times lie before this instant; pass UTC midnight so a day's stores are identical. */
  readonly anchorMs: number;
}

/** A platform-neutral store, deterministic from the seed; platforms map it to their own shapes. */
export function seedStore(options: SeedOptions): SeededStore {
  const rng = createRng(options.seed);
  const products = generateCatalog(rng, { products: options.products, anchorMs: options.anchorMs });
  const orders = generateOrders(rng, products, { orders: options.orders, anchorMs: options.anchorMs });
  const gaps: Partial<Record<ProductGap | OrderGap, number[]>> = {};
  const place = (gap: ProductGap | OrderGap, index: number) => {
    gaps[gap] = [...(gaps[gap] ?? []), index];
  };
  for (const p of products) for (const gap of p.gaps) place(gap, p.index);
  for (const o of orders) for (const gap of o.gaps) place(gap, o.index);
  return { products, orders, gaps };
}
