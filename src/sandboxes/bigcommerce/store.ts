/** The BigCommerce store the sandbox serves: plain records, changed only through the ops files. */

/** "none": not tracked; "product": one level on the product (its base variant); "variant": per variant. */
export type InventoryTracking = "none" | "product" | "variant";

export interface BcOptionValue {
  readonly id: number;
  readonly label: string;
  readonly optionId: number;
  readonly optionDisplayName: string;
}

export interface BcVariant {
  readonly id: number;
  readonly productId: number;
  sku: string;
  /** The v2 SKU id; null for a product's base variant (a product without options). */
  readonly skuId: number | null;
  price: number;
  readonly upc: string;
  readonly optionValues: readonly BcOptionValue[];
  /** On-hand units per location id; a location without an entry holds none. */
  readonly stock: Map<number, number>;
  modifiedMs: number;
}

export interface BcProduct {
  readonly id: number;
  name: string;
  readonly type: "physical" | "digital";
  sku: string;
  price: number;
  readonly tracking: InventoryTracking;
  /** Products a bundle is sold as (a seeded gap: BigCommerce has no bundle type, stores fake one). */
  readonly bundleOf: readonly number[];
  readonly createdMs: number;
  modifiedMs: number;
  readonly variantIds: number[];
  /** Without options the product has exactly one (base) variant. */
  readonly hasOptions: boolean;
}

export interface BcLocation {
  readonly id: number;
  readonly code: string;
  readonly label: string;
  readonly enabled: boolean;
}

export interface BcAddress {
  first_name: string;
  last_name: string;
  company: string;
  street_1: string;
  street_2: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  country_iso2: string;
  phone: string;
  email: string;
}

export interface BcOrderProduct {
  readonly id: number;
  readonly productId: number;
  readonly variantId: number;
  /** The shipping address the line ships to; 0 when the order has none. */
  readonly orderAddressId: number;
  readonly name: string;
  readonly sku: string;
  readonly quantity: number;
  readonly price: number;
  quantityShipped: number;
  quantityRefunded: number;
}

export interface BcShipment {
  readonly id: number;
  readonly orderAddressId: number;
  readonly trackingNumber: string;
  readonly shippingProvider: string;
  readonly trackingCarrier: string;
  readonly comments: string;
  readonly createdMs: number;
  readonly items: readonly { readonly orderProductId: number; readonly quantity: number }[];
}

export interface BcRefund {
  readonly id: number;
  readonly reason: string;
  readonly createdMs: number;
  readonly amount: number;
  readonly items: readonly {
    readonly orderProductId: number;
    readonly quantity: number;
    readonly amount: number;
  }[];
}

export interface BcOrder {
  readonly id: number;
  statusId: number;
  /** 0 for a guest checkout. */
  readonly customerId: number;
  readonly createdMs: number;
  modifiedMs: number;
  shippedMs: number | null;
  readonly billing: BcAddress;
  /** Empty for an order with nothing to ship to (a bad import, a digital sale). */
  readonly shippingAddresses: readonly (BcAddress & { readonly id: number })[];
  readonly products: readonly BcOrderProduct[];
  readonly shippingCost: number;
  readonly shipments: BcShipment[];
  readonly refunds: BcRefund[];
  /** Whether the order took its units from stock (statuses other than Incomplete, Declined, Cancelled). */
  stockTaken: boolean;
}

export interface BcHook {
  readonly id: number;
  scope: string;
  destination: string;
  isActive: boolean;
  headers: Record<string, string>;
  readonly createdMs: number;
  updatedMs: number;
}

export interface StoreEvent {
  readonly scope: string;
  readonly data: Readonly<Record<string, unknown>>;
}

export class BcStore {
  readonly products = new Map<number, BcProduct>();
  readonly variants = new Map<number, BcVariant>();
  readonly orders = new Map<number, BcOrder>();
  readonly hooks = new Map<number, BcHook>();
  readonly locations = new Map<number, BcLocation>();
  private readonly sequences = new Map<string, number>();
  listener: (event: StoreEvent) => void = () => {};

  constructor(readonly nowMs: () => number) {}

  /** Ids per kind, each from its own start so they look like a store's (orders from 100, …). */
  nextId(
    kind: "product" | "variant" | "sku" | "order" | "line" | "address" | "shipment" | "refund" | "hook",
  ): number {
    const starts = {
      product: 111,
      variant: 64,
      sku: 1,
      order: 100,
      line: 1,
      address: 1,
      shipment: 1,
      refund: 1,
      hook: 25_000_000,
    };
    const next = (this.sequences.get(kind) ?? starts[kind] - 1) + 1;
    this.sequences.set(kind, next);
    return next;
  }

  emit(scope: string, data: Record<string, unknown>): void {
    this.listener({ scope, data });
  }

  /** Every variant with this SKU (a messy store may hold duplicates). */
  variantsBySku(sku: string): BcVariant[] {
    return [...this.variants.values()].filter((v) => v.sku === sku);
  }

  productOf(variant: BcVariant): BcProduct {
    return this.products.get(variant.productId) as BcProduct;
  }

  enabledLocations(): BcLocation[] {
    return [...this.locations.values()].filter((l) => l.enabled);
  }

  /** Units on hand over enabled locations: what the catalog's `inventory_level` shows. */
  level(variant: BcVariant): number {
    return this.enabledLocations().reduce((sum, l) => sum + (variant.stock.get(l.id) ?? 0), 0);
  }
}
