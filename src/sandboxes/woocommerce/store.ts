/** The WooCommerce store the sandbox serves: plain records, changed only through the ops files. */

export type WooProductType = "simple" | "variable" | "grouped" | "bundle";

export const ORDER_STATUSES = [
  "pending",
  "processing",
  "on-hold",
  "completed",
  "cancelled",
  "refunded",
  "failed",
  "trash",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface WooProduct {
  readonly id: number;
  name: string;
  readonly type: WooProductType;
  sku: string;
  regularPrice: string;
  manageStock: boolean;
  stockQuantity: number | null;
  /** GTIN/UPC/EAN field (WooCommerce ≥ 9.2); "" when none. */
  globalUniqueId: string;
  readonly createdMs: number;
  modifiedMs: number;
  readonly attributes: readonly { readonly name: string; readonly options: readonly string[] }[];
  readonly variationIds: number[];
  /** Children of a grouped product, or the items of a bundle. */
  readonly componentIds: readonly number[];
}

export interface WooVariation {
  readonly id: number;
  readonly parentId: number;
  sku: string;
  regularPrice: string;
  manageStock: boolean;
  stockQuantity: number | null;
  globalUniqueId: string;
  readonly createdMs: number;
  modifiedMs: number;
  readonly attributes: readonly { readonly name: string; readonly option: string }[];
}

export interface WooAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email?: string;
  phone: string;
}

export interface WooLineItem {
  readonly id: number;
  readonly name: string;
  readonly productId: number;
  readonly variationId: number;
  readonly quantity: number;
  readonly sku: string;
  /** Unit price as a decimal string. */
  readonly price: string;
}

export interface WooNote {
  readonly id: number;
  readonly note: string;
  readonly customerNote: boolean;
  readonly addedByUser: boolean;
  readonly createdMs: number;
}

export interface WooRefund {
  readonly id: number;
  readonly amount: string;
  readonly reason: string;
  readonly createdMs: number;
  readonly lines: readonly { readonly id: number; readonly lineItemId: number; readonly quantity: number }[];
}

export interface WooTracking {
  readonly tracking_id: string;
  readonly tracking_provider: string;
  readonly custom_tracking_provider: string;
  readonly custom_tracking_link: string;
  readonly tracking_number: string;
  readonly date_shipped: string;
}

export interface WooOrder {
  readonly id: number;
  readonly orderKey: string;
  status: OrderStatus;
  readonly currency: string;
  readonly createdMs: number;
  modifiedMs: number;
  paidMs: number | null;
  completedMs: number | null;
  /** 0 for a guest checkout. */
  readonly customerId: number;
  readonly billing: WooAddress;
  readonly shipping: WooAddress;
  readonly lines: readonly WooLineItem[];
  readonly shippingTotal: string;
  customerNote: string;
  readonly notes: WooNote[];
  readonly refunds: WooRefund[];
  readonly trackings: WooTracking[];
  /** Whether placing it took stock (WooCommerce reduces stock once, on payment or hold). */
  stockReduced: boolean;
}

export type WebhookStatus = "active" | "paused" | "disabled";

export interface WooWebhook {
  readonly id: number;
  name: string;
  status: WebhookStatus;
  topic: string;
  deliveryUrl: string;
  secret: string;
  readonly createdMs: number;
  modifiedMs: number;
  failureCount: number;
}

export type StoreEvent = { readonly topic: string; readonly resourceId: number };

export class WooStore {
  readonly products = new Map<number, WooProduct>();
  readonly variations = new Map<number, WooVariation>();
  readonly orders = new Map<number, WooOrder>();
  readonly webhooks = new Map<number, WooWebhook>();
  /** WordPress posts share one id sequence: products, variations, orders and refunds interleave. */
  private postId = 100;
  private commentId = 1;
  private webhookId = 1;
  private lineId = 1;
  listener: (event: StoreEvent) => void = () => {};

  constructor(readonly nowMs: () => number) {}

  nextPostId(): number {
    this.postId += 1;
    return this.postId;
  }
  nextNoteId(): number {
    return this.commentId++;
  }
  nextWebhookId(): number {
    return this.webhookId++;
  }
  nextLineId(): number {
    return this.lineId++;
  }

  emit(topic: string, resourceId: number): void {
    this.listener({ topic, resourceId });
  }

  /** Every variation and simple product with this SKU (SKUs are not unique in a messy store). */
  findBySku(sku: string): (WooProduct | WooVariation)[] {
    const found: (WooProduct | WooVariation)[] = [];
    for (const p of this.products.values()) if (p.sku === sku) found.push(p);
    for (const v of this.variations.values()) if (v.sku === sku) found.push(v);
    return found;
  }

  /** A product or a variation by post id (WooCommerce's `/products/{id}` serves both). */
  item(id: number): WooProduct | WooVariation | undefined {
    return this.products.get(id) ?? this.variations.get(id);
  }
}

export function isVariation(item: WooProduct | WooVariation): item is WooVariation {
  return "parentId" in item;
}
