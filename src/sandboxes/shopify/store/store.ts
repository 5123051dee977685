import type { GidType } from "../gid.ts";
import type {
  BulkOperation,
  Customer,
  Fulfillment,
  InventoryItem,
  InventoryLevel,
  Location,
  Order,
  Product,
  Refund,
  Variant,
  WebhookSubscription,
} from "./types.ts";

export type StoreEvent =
  | { topic: "orders/create" | "orders/updated" | "orders/paid" | "orders/cancelled"; order: Order }
  | { topic: "refunds/create"; order: Order; refund: Refund }
  | { topic: "products/update"; product: Product }
  | { topic: "inventory_levels/update"; level: InventoryLevel }
  | { topic: "bulk_operations/finish"; operation: BulkOperation }
  | { topic: "app/uninstalled" };

export interface ShopSettings {
  readonly name: string;
  readonly domain: string;
  readonly currency: string;
  readonly planName: string;
  readonly plus: boolean;
}

/**
 * The whole shop in memory. Arrays keep creation (= id) order for cheap ID-sorted
 * paging; maps index by id. `versions` tell list caches when a listing went stale.
 */
export class Store {
  locations: Location[] = [];
  products: Product[] = [];
  productsById = new Map<number, Product>();
  variants: Variant[] = [];
  variantsById = new Map<number, Variant>();
  variantsBySku = new Map<string, Variant>();
  inventoryItems: InventoryItem[] = [];
  inventoryItemsById = new Map<number, InventoryItem>();
  customers: Customer[] = [];
  customersById = new Map<number, Customer>();
  orders: Order[] = [];
  ordersById = new Map<number, Order>();
  refundsById = new Map<number, Refund>();
  fulfillmentsById = new Map<number, Fulfillment>();
  bulkOperations: BulkOperation[] = [];
  webhookSubscriptions: WebhookSubscription[] = [];
  versions = { catalog: 0, inventory: 0, orders: 0 };
  private sequences = new Map<GidType, number>();

  /** Receives every state change; the webhook dispatcher is the only listener. */
  listener: ((event: StoreEvent) => void) | null = null;

  constructor(readonly shop: ShopSettings) {}

  nextId(type: GidType): number {
    const id = (this.sequences.get(type) ?? 0) + 1;
    this.sequences.set(type, id);
    return id;
  }

  emit(event: StoreEvent): void {
    this.listener?.(event);
  }

  /** Takes over another store's data (used by reset) while keeping this listener. */
  adopt(other: Store): void {
    const listener = this.listener;
    Object.assign(this, other);
    this.listener = listener;
  }

  location(id: number): Location | undefined {
    return this.locations.find((location) => location.id === id);
  }

  locationIndex(id: number): number {
    return this.locations.findIndex((location) => location.id === id);
  }

  variantOfItem(item: InventoryItem): Variant {
    return this.variantsById.get(item.variantId) as Variant;
  }

  itemOfVariant(variant: Variant): InventoryItem {
    return this.inventoryItemsById.get(variant.inventoryItemId) as InventoryItem;
  }

  productOfVariant(variant: Variant): Product {
    return this.productsById.get(variant.productId) as Product;
  }

  addOrder(order: Order): void {
    this.orders.push(order);
    this.ordersById.set(order.id, order);
    this.versions.orders += 1;
  }

  /** Line item ids embed their order id (see LineItem.id). */
  orderOfLineItemId(lineItemId: number): Order | undefined {
    return this.ordersById.get(Math.floor(lineItemId / 256));
  }
}
