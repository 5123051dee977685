import type { ProductKind, SeedAddress, SeedCustomer } from "../seed/index.ts";

/** The neutral records a commerce sandbox keeps; each platform renders them as its own JSON. */

export interface ItemOption {
  readonly name: string;
  readonly value: string;
}

/** What a line sells: a variant or variation, or the product itself when it has no options. */
export interface StoreItem {
  readonly id: number;
  readonly productId: number;
  /** "" when the item has none. */
  sku: string;
  /** Decimal string ("12.50"), as the seed and most admin screens write money. */
  price: string;
  /** "" when the item has none. */
  barcode: string;
  readonly options: readonly ItemOption[];
  /** Whether the store tracks stock for it; an untracked item never moves. */
  tracked: boolean;
  /** On-hand units per location id; a location without an entry holds none. */
  readonly stock: Map<number, number>;
  readonly createdMs: number;
  modifiedMs: number;
}

export interface StoreProduct {
  readonly id: number;
  name: string;
  readonly kind: ProductKind;
  /** The product's own SKU where the platform has one beside its items' (BigCommerce's parent SKU). */
  sku: string;
  /** Whether its items carry options; without, its single item is the product's base item. */
  readonly hasOptions: boolean;
  readonly itemIds: number[];
  /** Product ids a bundle or grouped product is made of. */
  readonly components: number[];
  readonly createdMs: number;
  modifiedMs: number;
}

export interface StoreLocation {
  readonly id: number;
  readonly code: string;
  readonly label: string;
  enabled: boolean;
}

export interface StoreOrderLine {
  readonly id: number;
  readonly productId: number;
  readonly itemId: number;
  readonly name: string;
  readonly sku: string;
  readonly quantity: number;
  /** Unit price as a decimal string. */
  readonly price: string;
  shipped: number;
  refunded: number;
}

export interface StoreNote {
  readonly id: number;
  readonly note: string;
  readonly customerNote: boolean;
  readonly addedByUser: boolean;
  readonly createdMs: number;
}

export interface StoreRefund {
  readonly id: number;
  readonly amountCents: number;
  readonly reason: string;
  createdMs: number;
  readonly lines: readonly {
    readonly id: number;
    readonly lineId: number;
    readonly quantity: number;
    readonly amountCents: number;
  }[];
}

export interface StoreShipment {
  readonly id: number;
  /** A platform's own reference when it is not the id (a tracking extension's hash). */
  readonly ref: string;
  readonly trackingNumber: string;
  readonly provider: string;
  readonly customProvider: string;
  readonly carrier: string;
  readonly link: string;
  readonly comments: string;
  /** `YYYY-MM-DD`. */
  readonly shippedOn: string;
  readonly createdMs: number;
  readonly items: readonly { readonly lineId: number; readonly quantity: number }[];
}

export interface StoreOrder<S> {
  readonly id: number;
  /** Random per order (seeded orders: `seed<index>`); platforms build order keys from it. */
  readonly key: string;
  status: S;
  /** 0 for a guest checkout. */
  readonly customerId: number;
  readonly customer: SeedCustomer | null;
  /** Null for an order with nothing to ship to. */
  readonly address: SeedAddress | null;
  /** The shipping address's id; 0 without one. */
  readonly addressId: number;
  readonly createdMs: number;
  modifiedMs: number;
  paidMs: number | null;
  completedMs: number | null;
  shippedMs: number | null;
  readonly lines: readonly StoreOrderLine[];
  readonly shippingCents: number;
  customerNote: string;
  readonly notes: StoreNote[];
  /** Oldest first. */
  readonly refunds: StoreRefund[];
  readonly shipments: StoreShipment[];
  /** Whether the order's units are out of stock now (taken on placing, returned on cancelling). */
  stockHeld: boolean;
}

/** A webhook subscription as the platform's API creates it. */
export interface StoreSubscription {
  readonly id: number;
  name: string;
  /** Topic or scope, in the platform's spelling. */
  topic: string;
  url: string;
  secret: string;
  status: "active" | "paused" | "disabled";
  headers: Record<string, string>;
  /** Consecutive failed deliveries. */
  failureCount: number;
  readonly createdMs: number;
  modifiedMs: number;
}

/** What changed, in neutral terms; a platform's webhooks map each to its topics. */
export type StoreEvent<S> =
  | { readonly type: "order.created"; readonly order: StoreOrder<S> }
  | { readonly type: "order.status"; readonly order: StoreOrder<S>; readonly previous: S }
  | { readonly type: "order.updated"; readonly order: StoreOrder<S> }
  | { readonly type: "refund.created"; readonly order: StoreOrder<S>; readonly refund: StoreRefund }
  | { readonly type: "shipment.created"; readonly order: StoreOrder<S>; readonly shipment: StoreShipment }
  | { readonly type: "stock"; readonly item: StoreItem; readonly cause: "order" | "manual" }
  | { readonly type: "item.updated"; readonly item: StoreItem }
  | { readonly type: "product.updated"; readonly product: StoreProduct };

export const cents = (value: string | number) => Math.round(Number(value) * 100);
export const decimal = (c: number) => (c / 100).toFixed(2);
