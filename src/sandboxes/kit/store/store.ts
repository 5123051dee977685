import type {
  StoreEvent,
  StoreItem,
  StoreLocation,
  StoreOrder,
  StoreOrderLine,
  StoreProduct,
  StoreSubscription,
} from "./records.ts";
import { cents } from "./records.ts";

export type IdKind =
  | "product"
  | "item"
  | "order"
  | "line"
  | "address"
  | "refund"
  | "shipment"
  | "note"
  | "subscription";

/** What a platform declares about its store: id sequences, locations and when orders hold stock. */
export interface StorePlan<S> {
  /** Per kind: the sequence it draws from (kinds may share one, as WordPress posts do) and its first id. */
  readonly ids: Readonly<Record<IdKind, { readonly sequence: string; readonly first: number }>>;
  /** A product without options is its own item, under the product's id (WooCommerce's simple product). */
  readonly itemIsProduct: boolean;
  readonly locations: readonly StoreLocation[];
  /** Whether an order in `status` has its units out of stock; seeded orders start so. */
  holdsStock(status: S): boolean;
  /** What moving an order to `status` does to stock it holds or not. */
  stockEffect(status: S): "take" | "return" | "keep";
  /** Platform side effects of a status change (paid and completed dates, say). */
  onStatus?(order: StoreOrder<S>, status: S, nowMs: number): void;
}

/** The in-memory store a commerce sandbox serves: products, items, stock per location, orders, subscriptions. */
export class CommerceStore<S> {
  readonly products = new Map<number, StoreProduct>();
  readonly items = new Map<number, StoreItem>();
  readonly orders = new Map<number, StoreOrder<S>>();
  readonly subscriptions = new Map<number, StoreSubscription>();
  readonly locations = new Map<number, StoreLocation>();
  private readonly sequences = new Map<string, number>();
  private readonly listeners: ((event: StoreEvent<S>) => void)[] = [];

  constructor(
    readonly plan: StorePlan<S>,
    readonly nowMs: () => number,
  ) {
    for (const l of plan.locations) this.locations.set(l.id, { ...l });
  }

  nextId(kind: IdKind): number {
    const { sequence, first } = this.plan.ids[kind];
    const next = (this.sequences.get(sequence) ?? first - 1) + 1;
    this.sequences.set(sequence, next);
    return next;
  }

  listen(listener: (event: StoreEvent<S>) => void): void {
    this.listeners.push(listener);
  }

  emit(event: StoreEvent<S>): void {
    for (const listener of this.listeners) listener(event);
  }

  productOf(item: StoreItem): StoreProduct {
    return this.products.get(item.productId) as StoreProduct;
  }

  itemsOf(product: StoreProduct): StoreItem[] {
    return product.itemIds.map((id) => this.items.get(id) as StoreItem);
  }

  /** Every item with this SKU: SKUs are not unique in a messy store. */
  itemsBySku(sku: string): StoreItem[] {
    return [...this.items.values()].filter((i) => i.sku === sku);
  }

  enabledLocations(): StoreLocation[] {
    return [...this.locations.values()].filter((l) => l.enabled);
  }

  /** Units on hand over enabled locations. */
  onHand(item: StoreItem): number {
    return this.enabledLocations().reduce((sum, l) => sum + (item.stock.get(l.id) ?? 0), 0);
  }

  /** Sets on-hand units at a location; the item and its product count as modified. */
  setStock(item: StoreItem, locationId: number, quantity: number, cause: "order" | "manual"): void {
    item.stock.set(locationId, quantity);
    this.touch(item);
    this.emit({ type: "stock", item, cause });
  }

  /** Moves a tracked item's stock at the first enabled location (orders, restocks). */
  moveStock(item: StoreItem, delta: number): void {
    const location = this.enabledLocations()[0];
    if (!item.tracked || !location) return;
    this.setStock(item, location.id, (item.stock.get(location.id) ?? 0) + delta, "order");
  }

  touch(item: StoreItem): void {
    const now = this.nowMs();
    item.modifiedMs = now;
    this.productOf(item).modifiedMs = now;
  }

  orderLine(order: StoreOrder<S>, lineId: number): StoreOrderLine | undefined {
    return order.lines.find((l) => l.id === lineId);
  }

  linesCents(order: StoreOrder<S>): number {
    return order.lines.reduce((sum, l) => sum + cents(l.price) * l.quantity, 0);
  }

  totalCents(order: StoreOrder<S>): number {
    return this.linesCents(order) + order.shippingCents;
  }

  refundedCents(order: StoreOrder<S>): number {
    return order.refunds.reduce((sum, r) => sum + r.amountCents, 0);
  }
}
