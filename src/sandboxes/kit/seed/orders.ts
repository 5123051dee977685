import type { Rng } from "../prng.ts";
import type { SeedProduct, SeedVariant } from "./catalog.ts";
import { CITIES, FIRST_NAMES, LAST_NAMES, STREETS } from "./words.ts";

export type OrderGap = "null_customer" | "null_address";
export const ORDER_GAPS: readonly OrderGap[] = ["null_customer", "null_address"];

/** Platform-neutral order states; each platform maps them to its own names. */
export type SeedOrderState =
  | "pending"
  | "paid"
  | "on_hold"
  | "fulfilled"
  | "cancelled"
  | "refunded"
  | "failed";

export interface SeedCustomer {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
}

export interface SeedAddress {
  readonly firstName: string;
  readonly lastName: string;
  readonly address1: string;
  readonly city: string;
  readonly province: string;
  readonly zip: string;
  readonly countryCode: string;
  readonly phone: string | null;
}

export interface SeedOrderLine {
  readonly product: number;
  readonly variant: number;
  readonly quantity: number;
  readonly price: string;
}

export interface SeedOrder {
  readonly index: number;
  readonly createdAtMs: number;
  readonly state: SeedOrderState;
  /** Null for a guest checkout without an account. */
  readonly customer: SeedCustomer | null;
  /** Null for an order without a shipping address (a POS or digital sale, or a bad import). */
  readonly shippingAddress: SeedAddress | null;
  readonly lines: readonly SeedOrderLine[];
  readonly gaps: readonly OrderGap[];
}

export interface OrdersOptions {
  readonly orders: number;
  readonly anchorMs: number;
  readonly daysBack?: number;
}

const DAY = 86_400_000;
const STATES: readonly SeedOrderState[] = [
  "fulfilled",
  "paid",
  "pending",
  "on_hold",
  "cancelled",
  "refunded",
  "failed",
];
const STATE_WEIGHTS = [55, 20, 8, 4, 6, 5, 2];

function person(rng: Rng): SeedCustomer {
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  return {
    firstName,
    lastName,
    email: `${firstName}.${lastName}${rng.int(1, 999)}@example.com`.toLowerCase(),
  };
}

function address(rng: Rng, who: SeedCustomer): SeedAddress {
  const [city, province, zip, countryCode] = rng.pick(CITIES);
  return {
    firstName: who.firstName,
    lastName: who.lastName,
    address1: `${rng.int(1, 999)} ${rng.pick(STREETS)}`,
    city,
    province,
    zip,
    countryCode,
    phone: rng.chance(0.5) ? `+1555${rng.int(1_000_000, 9_999_999)}` : null,
  };
}

function sellable(products: readonly SeedProduct[]): { product: number; variant: number; v: SeedVariant }[] {
  return products.flatMap((p) => p.variants.map((v, variant) => ({ product: p.index, variant, v })));
}

/**
 * Deterministic orders over the `daysBack` days before `anchorMs`, oldest first. The first
 * orders the seed picks carry the order gaps (no customer, no address); the rest are complete.
 */
export function generateOrders(
  rng: Rng,
  products: readonly SeedProduct[],
  options: OrdersOptions,
): SeedOrder[] {
  const lines = sellable(products);
  if (lines.length === 0 || options.orders === 0) return [];
  const daysBack = options.daysBack ?? 90;
  const times = Array.from(
    { length: options.orders },
    () => options.anchorMs - rng.int(0, daysBack * DAY - 1),
  ).sort((a, b) => a - b);
  const gapTargets = rng.shuffle(times.map((_, i) => i)).slice(0, ORDER_GAPS.length);
  return times.map((createdAtMs, index) => {
    const gaps = ORDER_GAPS.filter((_, g) => gapTargets[g] === index);
    const who = person(rng);
    const picked = rng.shuffle([...lines]).slice(0, rng.int(1, 3));
    return {
      index,
      createdAtMs,
      state: rng.weighted(STATES, STATE_WEIGHTS),
      customer: gaps.includes("null_customer") ? null : who,
      shippingAddress: gaps.includes("null_address") ? null : address(rng, who),
      lines: picked.map(({ product, variant, v }) => ({
        product,
        variant,
        quantity: rng.int(1, 3),
        price: v.price,
      })),
      gaps,
    };
  });
}
