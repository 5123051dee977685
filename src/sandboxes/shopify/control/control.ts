import { parseMoney } from "../format.ts";
import { looseIdOf } from "../gid.ts";
import type { CallLog, CallLogSnapshot } from "../graphql/call-log.ts";
import type { BucketSettings, LeakyBucket, ThrottleStatus } from "../graphql/leaky-bucket.ts";
import type { GraphqlService } from "../graphql/pipeline.ts";
import { InventoryBatch, levelAt, quantityOf } from "../store/inventory.ts";
import type { Store } from "../store/store.ts";
import type { InventoryItem, InventoryLevel, Variant } from "../store/types.ts";
import type { TokenRegistry } from "../tokens.ts";
import type { DeliveryRecord, WebhookDispatcher, WebhookMode } from "../webhooks/dispatcher.ts";
import { notFound, SandboxControlError } from "./errors.ts";
import {
  type CancelOrderOptions,
  type CreateOrderInput,
  cancelOrderControl,
  createOrderControl,
  createRefundControl,
  fulfillOrderControl,
  type IdInput,
  markOrderPaidControl,
  type RefundLineInput,
} from "./order-control.ts";
import type { Outage } from "./outage.ts";
import {
  type FulfillmentSummary,
  type InventorySummary,
  inventorySummary,
  type OrderSummary,
  type RefundSummary,
} from "./summaries.ts";

/** Functions tests and scripts use to drive the store "from outside", as a merchant or buyer would. */
export interface ShopifySandboxControl {
  createOrder(input: CreateOrderInput): OrderSummary;
  markOrderPaid(orderId: IdInput): OrderSummary;
  cancelOrder(orderId: IdInput, options?: CancelOrderOptions): OrderSummary;
  createRefund(input: {
    orderId: IdInput;
    lines: readonly RefundLineInput[];
    note?: string;
    refundShipping?: boolean;
  }): RefundSummary;
  fulfillOrder(
    orderId: IdInput,
    tracking?: { company?: string; number?: string; url?: string },
  ): FulfillmentSummary[];
  /** A merchant edit in the admin: sets a quantity (default `available`), stocking the item there if needed. */
  setInventory(input: {
    sku: string;
    locationId?: IdInput;
    quantity: number;
    name?: "available" | "on_hand";
  }): InventorySummary;
  /** One location (default the primary one). */
  getInventory(sku: string, locationId?: IdInput): InventorySummary | null;
  /** Every location that stocks the SKU. */
  listInventory(sku: string): InventorySummary[];
  updateVariant(sku: string, changes: { price?: string; title?: string; barcode?: string }): void;
  setThrottle(settings: BucketSettings): ThrottleStatus;
  /** Makes every Admin API request answer `status` (5xx) until called with `null`. */
  setOutage(status: Outage["status"]): Outage;
  /** The store stops accepting this access token (the app was uninstalled): the Admin API answers 401. */
  revokeAccessToken(token: string): void;
  /**
   * The merchant uninstalls the app: APP_UNINSTALLED goes to its subscribers, then the app's
   * subscriptions are removed and every token (and the client-credentials grant) answers 401.
   */
  uninstallApp(): void;
  getThrottle(): ThrottleStatus;
  setWebhookMode(mode: Partial<WebhookMode>): WebhookMode;
  listDeliveries(filter?: { topic?: string }): readonly DeliveryRecord[];
  /** Resolves once queued webhook deliveries (and retries) are done. */
  waitForWebhooks(): Promise<void>;
  waitForBulkOperations(): Promise<void>;
  callLog(): CallLogSnapshot;
  /** Back to the freshly seeded store, full bucket, no subscriptions, deliveries, call counts or revoked tokens. */
  reset(): void;
}

export interface ControlDeps {
  readonly store: Store;
  readonly bucket: LeakyBucket;
  readonly plan: { maximumAvailable: number; restoreRate: number };
  readonly callLog: CallLog;
  readonly graphql: GraphqlService;
  readonly webhooks: WebhookDispatcher;
  readonly nowMs: () => number;
  readonly reseed: () => Store;
  readonly outage: Outage;
  readonly tokens: TokenRegistry;
}

function variantBySku(store: Store, sku: string): Variant {
  const variant = store.variantsBySku.get(sku);
  if (!variant) throw notFound(`SKU ${sku}`);
  return variant;
}

function locationIdOf(store: Store, locationId: IdInput | undefined): number {
  const id = locationId === undefined ? store.locations[0]?.id : looseIdOf(locationId, "Location");
  if (id === undefined || id === null || !store.location(id)) throw notFound(`location ${locationId}`);
  return id;
}

function stockAt(store: Store, item: InventoryItem, locationId: number, at: number): InventoryLevel {
  const existing = levelAt(item, locationId);
  if (existing) return existing;
  const level: InventoryLevel = {
    kind: "InventoryLevel",
    id: store.nextId("InventoryLevel"),
    inventoryItemId: item.id,
    locationId,
    available: 0,
    committed: 0,
    reserved: 0,
    damaged: 0,
    safety_stock: 0,
    quality_control: 0,
    incoming: 0,
    updatedAt: at,
  };
  item.levels.push(level);
  item.levels.sort((a, b) => store.locationIndex(a.locationId) - store.locationIndex(b.locationId));
  return level;
}

export function createControl(deps: ControlDeps): ShopifySandboxControl {
  const { store, nowMs } = deps;
  return {
    createOrder: (input) => createOrderControl(store, input, nowMs()),
    markOrderPaid: (orderId) => markOrderPaidControl(store, orderId, nowMs()),
    cancelOrder: (orderId, options = {}) => cancelOrderControl(store, orderId, options, nowMs()),
    createRefund: (input) => createRefundControl(store, input, nowMs()),
    fulfillOrder: (orderId, tracking = {}) => fulfillOrderControl(store, orderId, tracking, nowMs()),
    setInventory: ({ sku, locationId, quantity, name = "available" }) => {
      const variant = variantBySku(store, sku);
      const item = store.itemOfVariant(variant);
      const at = nowMs();
      const level = stockAt(store, item, locationIdOf(store, locationId), at);
      const batch = new InventoryBatch(store, at);
      batch.change(level, name, quantity - quantityOf(level, name));
      batch.finish();
      return inventorySummary(store, sku, level);
    },
    getInventory: (sku, locationId) => {
      const level = levelAt(store.itemOfVariant(variantBySku(store, sku)), locationIdOf(store, locationId));
      return level ? inventorySummary(store, sku, level) : null;
    },
    listInventory: (sku) =>
      store
        .itemOfVariant(variantBySku(store, sku))
        .levels.map((level) => inventorySummary(store, sku, level)),
    updateVariant: (sku, changes) => {
      const variant = variantBySku(store, sku);
      if (changes.price !== undefined) {
        const cents = parseMoney(changes.price);
        if (cents === null)
          throw new SandboxControlError("invalid_data", `price ${changes.price} is not money`);
        variant.priceCents = cents;
      }
      if (changes.title !== undefined) variant.title = changes.title;
      if (changes.barcode !== undefined) variant.barcode = changes.barcode;
      const product = store.productOfVariant(variant);
      variant.updatedAt = product.updatedAt = nowMs();
      store.versions.catalog += 1;
      store.emit({ topic: "products/update", product });
    },
    setThrottle: (settings) => deps.bucket.configure(settings),
    setOutage: (status) => {
      deps.outage.status = status;
      return { ...deps.outage };
    },
    revokeAccessToken: (token) => deps.tokens.revoke(token),
    uninstallApp: () => {
      // The dispatcher picks its subscribers when the event is emitted, so this one still goes out.
      store.emit({ topic: "app/uninstalled" });
      store.webhookSubscriptions = [];
      deps.tokens.uninstall();
    },
    getThrottle: () => deps.bucket.status(),
    setWebhookMode: (mode) => {
      deps.webhooks.mode = { ...deps.webhooks.mode, ...mode };
      return deps.webhooks.mode;
    },
    listDeliveries: (filter = {}) =>
      deps.webhooks.deliveries().filter((delivery) => !filter.topic || delivery.topic === filter.topic),
    waitForWebhooks: () => deps.webhooks.whenIdle(),
    waitForBulkOperations: () => deps.graphql.bulk.whenIdle(),
    callLog: () => deps.callLog.snapshot(),
    reset: () => {
      store.adopt(deps.reseed());
      deps.bucket.configure({ ...deps.plan, currentlyAvailable: deps.plan.maximumAvailable });
      deps.outage.status = null;
      deps.tokens.restoreRevoked();
      deps.callLog.reset();
      deps.webhooks.clear();
      deps.graphql.idempotency.clear();
      deps.graphql.lists.clear();
      deps.graphql.bulk.clear();
    },
  };
}
