/**
 * In-memory records. Ids are small sequence numbers (see gid.ts for how they leave the
 * sandbox), times are epoch milliseconds and money is integer cents, so a store of
 * hundreds of thousands of orders stays small; formatting happens at the edge.
 * `kind` lets `node(id:)` and the Node interface resolve a record's GraphQL type.
 */

export interface Address {
  readonly firstName: string;
  readonly lastName: string;
  readonly company: string | null;
  readonly address1: string;
  readonly address2: string;
  readonly city: string;
  readonly province: string;
  readonly provinceCode: string;
  readonly country: string;
  readonly countryCode: string;
  readonly zip: string;
  readonly phone: string | null;
}

export interface Location {
  readonly kind: "Location";
  readonly id: number;
  name: string;
  isActive: boolean;
  readonly address: Address;
  readonly createdAt: number;
  updatedAt: number;
}

export interface ProductOption {
  readonly name: string;
  readonly values: string[];
}

export type ProductStatus = "ACTIVE" | "ARCHIVED" | "DRAFT";

export interface Product {
  readonly kind: "Product";
  readonly id: number;
  title: string;
  readonly handle: string;
  vendor: string;
  productType: string;
  status: ProductStatus;
  tags: string[];
  readonly options: ProductOption[];
  readonly variantIds: number[];
  /** How many images the product has; their records are derived (see store/media.ts). */
  readonly imageCount: number;
  readonly createdAt: number;
  updatedAt: number;
}

/** One product image as Shopify's `MediaImage` (and legacy `ProductImage`) shows it. */
export interface ProductImage {
  readonly kind: "MediaImage";
  /** productId × 8 + position, so an image id leads back to its product. */
  readonly id: number;
  readonly productId: number;
  readonly position: number;
  readonly url: string;
  readonly altText: string;
  readonly width: number;
  readonly height: number;
  readonly createdAt: number;
}

export interface SelectedOption {
  readonly name: string;
  readonly value: string;
}

export interface Variant {
  readonly kind: "ProductVariant";
  readonly id: number;
  readonly productId: number;
  title: string;
  sku: string;
  priceCents: number;
  compareAtPriceCents: number | null;
  barcode: string;
  readonly position: number;
  readonly inventoryItemId: number;
  readonly grams: number;
  /** Creation time is the product's (see catalog.ts); only updates are tracked per variant. */
  updatedAt: number;
}

export interface InventoryItem {
  readonly kind: "InventoryItem";
  readonly id: number;
  readonly variantId: number;
  tracked: boolean;
  updatedAt: number;
  /** Levels in location order; an item is "stocked" at a location iff it has a level there. */
  readonly levels: InventoryLevel[];
}

/** Quantity names Shopify exposes; `on_hand` is derived from the others. */
export const STORED_QUANTITY_NAMES = [
  "available",
  "committed",
  "reserved",
  "damaged",
  "safety_stock",
  "quality_control",
  "incoming",
] as const;
export type StoredQuantityName = (typeof STORED_QUANTITY_NAMES)[number];
export type QuantityName = StoredQuantityName | "on_hand";

export interface InventoryLevel {
  readonly kind: "InventoryLevel";
  readonly id: number;
  readonly inventoryItemId: number;
  readonly locationId: number;
  available: number;
  committed: number;
  reserved: number;
  damaged: number;
  safety_stock: number;
  quality_control: number;
  incoming: number;
  updatedAt: number;
}

export interface Customer {
  readonly kind: "Customer";
  readonly id: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone: string | null;
  readonly address: Address;
  readonly createdAt: number;
  updatedAt: number;
  numberOfOrders: number;
  amountSpentCents: number;
}

export type FinancialStatus =
  | "AUTHORIZED"
  | "EXPIRED"
  | "PAID"
  | "PARTIALLY_PAID"
  | "PARTIALLY_REFUNDED"
  | "PENDING"
  | "REFUNDED"
  | "VOIDED";

export type CancelReason = "CUSTOMER" | "DECLINED" | "FRAUD" | "INVENTORY" | "OTHER" | "STAFF";

export interface LineItem {
  readonly kind: "LineItem";
  /** orderId × 256 + index, so a line item id leads back to its order without an index. */
  readonly id: number;
  readonly orderId: number;
  readonly variantId: number | null;
  readonly productId: number | null;
  readonly sku: string;
  readonly title: string;
  readonly variantTitle: string | null;
  readonly vendor: string;
  readonly quantity: number;
  readonly priceCents: number;
  readonly discountCents: number;
  readonly taxCents: number;
  readonly grams: number;
  /** Location whose stock was committed for this line. */
  readonly locationId: number;
  fulfilledQuantity: number;
  /** Refunded or cancelled before fulfilment: no longer to be shipped. */
  removedQuantity: number;
  /** Refunded after fulfilment. */
  returnedQuantity: number;
}

export type RestockType = "CANCEL" | "LEGACY_RESTOCK" | "NO_RESTOCK" | "RETURN";

export interface RefundLine {
  readonly id: number;
  readonly lineItemId: number;
  readonly quantity: number;
  readonly restockType: RestockType;
  readonly restocked: boolean;
  readonly locationId: number | null;
  readonly subtotalCents: number;
  readonly taxCents: number;
}

export interface Transaction {
  readonly kind: "OrderTransaction";
  readonly id: number;
  readonly transactionKind: "SALE" | "REFUND" | "CAPTURE" | "AUTHORIZATION" | "VOID";
  readonly gateway: string;
  readonly amountCents: number;
  readonly status: "SUCCESS";
  readonly processedAt: number;
}

export interface Refund {
  readonly kind: "Refund";
  readonly id: number;
  readonly orderId: number;
  readonly createdAt: number;
  readonly note: string | null;
  readonly lines: RefundLine[];
  readonly shippingCents: number;
  readonly totalCents: number;
  readonly transactions: Transaction[];
}

export interface TrackingInfo {
  readonly company: string | null;
  readonly number: string | null;
  readonly url: string | null;
}

export interface FulfillmentLine {
  readonly id: number;
  readonly lineItemId: number;
  readonly quantity: number;
}

export interface Fulfillment {
  readonly kind: "Fulfillment";
  readonly id: number;
  readonly orderId: number;
  readonly locationId: number;
  readonly name: string;
  readonly status: "SUCCESS" | "CANCELLED";
  readonly createdAt: number;
  updatedAt: number;
  readonly trackingInfo: TrackingInfo[];
  readonly lines: FulfillmentLine[];
}

export interface Order {
  readonly kind: "Order";
  readonly id: number;
  readonly number: number;
  readonly name: string;
  readonly createdAt: number;
  updatedAt: number;
  readonly processedAt: number;
  cancelledAt: number | null;
  cancelReason: CancelReason | null;
  closedAt: number | null;
  financialStatus: FinancialStatus;
  readonly email: string | null;
  readonly customerId: number | null;
  readonly shippingAddress: Address | null;
  readonly billingAddress: Address | null;
  readonly currency: string;
  readonly lineItems: LineItem[];
  readonly shippingCents: number;
  readonly taxRate: number;
  readonly discountCode: string | null;
  readonly gateway: string;
  readonly note: string | null;
  readonly tags: string[];
  readonly test: boolean;
  refunds: Refund[];
  fulfillments: Fulfillment[];
}

export type BulkOperationStatus = "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED";

export interface BulkOperation {
  readonly kind: "BulkOperation";
  readonly id: number;
  readonly query: string;
  readonly type: "QUERY";
  status: BulkOperationStatus;
  errorCode: "ACCESS_DENIED" | "INTERNAL_SERVER_ERROR" | "TIMEOUT" | null;
  readonly createdAt: number;
  completedAt: number | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  url: string | null;
}

export const WEBHOOK_TOPICS = {
  ORDERS_CREATE: "orders/create",
  ORDERS_UPDATED: "orders/updated",
  ORDERS_PAID: "orders/paid",
  ORDERS_CANCELLED: "orders/cancelled",
  REFUNDS_CREATE: "refunds/create",
  PRODUCTS_UPDATE: "products/update",
  INVENTORY_LEVELS_UPDATE: "inventory_levels/update",
  BULK_OPERATIONS_FINISH: "bulk_operations/finish",
  APP_UNINSTALLED: "app/uninstalled",
} as const;
export type WebhookTopicEnum = keyof typeof WEBHOOK_TOPICS;
export type WebhookTopic = (typeof WEBHOOK_TOPICS)[WebhookTopicEnum];

export interface WebhookSubscription {
  readonly kind: "WebhookSubscription";
  readonly id: number;
  readonly topic: WebhookTopicEnum;
  readonly uri: string;
  readonly format: "JSON";
  readonly includeFields: string[];
  readonly createdAt: number;
  updatedAt: number;
}
