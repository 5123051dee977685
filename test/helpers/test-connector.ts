import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type {
  ChannelLocation,
  ChannelOrder,
  ChannelProduct,
  Connector,
  StockWrite,
  StockWriteResult,
  WebhookNotice,
} from "../../src/connectors/contract.ts";

/**
 * An in-process platform and its connector, for the sync engine's own tests: products, orders and
 * stock in memory, compare-and-set writes, signed webhooks, and switches to make it fail.
 */
export type TestPlatform = {
  token: string;
  secret: string;
  locations: ChannelLocation[];
  products: ChannelProduct[];
  orders: Map<string, ChannelOrder>;
  stock: Map<string, number>;
  /** Every writeStock call's writes, in order. */
  writes: StockWrite[][];
  fulfillments: { platformOrderId: string; trackingNumber: string | null }[];
  /** The next N writeStock calls throw (platform down). */
  failNextWrites: number;
  /** SKUs the platform refuses for good. */
  rejectSkus: Set<string>;
  /** Called inside writeStock before it applies, to simulate someone editing the platform meanwhile. */
  beforeWrite?: () => Promise<void> | void;
  /**
   * Called first in every read and write; what it throws, the call throws (a PlatformDeferred to
   * play a throttled or unreachable platform), and what it awaits, the call waits for.
   */
  beforeCall?: (operation: TestOperation) => Promise<void> | void;
};

export type TestOperation = "listProducts" | "listOrders" | "getOrder" | "readStock" | "writeStock";

export function createTestPlatform(): TestPlatform {
  return {
    token: "good-token",
    secret: "test-webhook-secret",
    locations: [{ id: "loc-1", name: "Main", active: true }],
    products: [],
    orders: new Map(),
    stock: new Map(),
    writes: [],
    fulfillments: [],
    failNextWrites: 0,
    rejectSkus: new Set(),
  };
}

export function addTestProduct(
  p: TestPlatform,
  sku: string | null,
  quantity = 0,
  overrides: Partial<ChannelProduct> = {},
): ChannelProduct {
  const n = p.products.length + 1;
  const product: ChannelProduct = {
    platformProductId: `prod-${n}`,
    platformVariantId: `var-${n}`,
    inventoryItemId: `item-${n}`,
    sku,
    name: `Product ${n}`,
    groupKey: null,
    options: {},
    barcode: null,
    priceMinor: 1000,
    currency: "USD",
    weightGrams: null,
    images: [],
    archived: false,
    updatedAt: new Date(),
    ...overrides,
  };
  p.products.push(product);
  p.stock.set(`${product.inventoryItemId}@loc-1`, quantity);
  return product;
}

export function testOrder(
  p: TestPlatform,
  id: string,
  lines: { sku: string | null; quantity: number }[],
  extra: Partial<ChannelOrder> = {},
): ChannelOrder {
  const order: ChannelOrder = {
    platformOrderId: id,
    orderNumber: `#${id}`,
    placedAt: new Date(),
    updatedAt: new Date(),
    currency: "USD",
    paid: true,
    cancelled: false,
    financialStatus: "paid",
    fulfillmentStatus: null,
    subtotalMinor: lines.reduce((n, l) => n + l.quantity * 1000, 0),
    discountMinor: 0,
    taxMinor: 0,
    shippingMinor: 0,
    totalMinor: lines.reduce((n, l) => n + l.quantity * 1000, 0),
    customer: { name: "Grace Hopper", email: "grace@example.com" },
    shippingAddress: null,
    locationId: null,
    lines: lines.map((l, i) => ({
      platformLineId: `${id}-l${i}`,
      sku: l.sku,
      name: l.sku ?? "?",
      quantity: l.quantity,
      unitPriceMinor: 1000,
      discountMinor: 0,
      taxMinor: 0,
    })),
    refunds: [],
    ...extra,
  };
  p.orders.set(id, order);
  return order;
}

export function signTestWebhook(p: TestPlatform, body: string): string {
  return createHmac("sha256", p.secret).update(body).digest("hex");
}

const credentials = z.object({ token: z.string().min(1) });

export function createTestConnector(p: TestPlatform): Connector<{ token: string }> {
  return {
    platform: "test",
    displayName: "Test platform",
    capabilities: {
      feeds: [
        "new-products",
        "update-products",
        "new-orders",
        "update-orders",
        "initial-stock",
        "stock-export",
        "stock-check",
        "shipping-confirmation",
      ],
      webhooks: true,
      compareAndSet: true,
      bulkExport: false,
      maxStockBatch: 3,
    },
    credentials,
    describeCredentials: (c) => ({ token: `…${c.token.slice(-4)}` }),
    connect(c) {
      const check = () => {
        if (c.token !== p.token) throw new Error("invalid token");
      };
      return {
        async validate() {
          check();
          return { label: "Test Shop" };
        },
        async listLocations() {
          return p.locations;
        },
        async listProducts({ updatedSince, cursor }) {
          check();
          await p.beforeCall?.("listProducts");
          const all = p.products.filter((x) => !updatedSince || x.updatedAt >= updatedSince);
          const start = Number(cursor ?? 0);
          return {
            items: all.slice(start, start + 2),
            nextCursor: start + 2 < all.length ? String(start + 2) : null,
            estimatedTotal: all.length,
          };
        },
        async listOrders({ updatedSince, createdSince, cursor }) {
          check();
          await p.beforeCall?.("listOrders");
          const all = [...p.orders.values()].filter(
            (o) =>
              (!updatedSince || o.updatedAt >= updatedSince) && (!createdSince || o.placedAt >= createdSince),
          );
          const start = Number(cursor ?? 0);
          const next = start + 3 < all.length ? String(start + 3) : null;
          return { items: all.slice(start, start + 3), nextCursor: next, estimatedTotal: all.length };
        },
        async getOrder(id) {
          await p.beforeCall?.("getOrder");
          return p.orders.get(id) ?? null;
        },
        async readStock(items) {
          await p.beforeCall?.("readStock");
          return items
            .filter((i) => p.stock.has(`${i.inventoryItemId}@${i.locationId}`))
            .map((i) => ({
              ...i,
              sku: null,
              quantity: p.stock.get(`${i.inventoryItemId}@${i.locationId}`)!,
            }));
        },
        async writeStock(writes) {
          check();
          await p.beforeCall?.("writeStock");
          p.writes.push(writes);
          if (p.failNextWrites > 0) {
            p.failNextWrites -= 1;
            throw new Error("platform unavailable (503)");
          }
          await p.beforeWrite?.();
          return writes.map((w): StockWriteResult => {
            const key = `${w.inventoryItemId}@${w.locationId}`;
            if (p.rejectSkus.has(w.sku))
              return { sku: w.sku, status: "failed", retryable: false, message: "item is not tracked" };
            const current = p.stock.get(key) ?? 0;
            if (w.compareQuantity !== null && w.compareQuantity !== current)
              return {
                sku: w.sku,
                status: "stale",
                actualQuantity: current,
                message: "changeFromQuantity is stale",
              };
            p.stock.set(key, w.quantity);
            return { sku: w.sku, status: "ok", quantity: w.quantity };
          });
        },
        async createFulfillment(input) {
          p.fulfillments.push({
            platformOrderId: input.platformOrderId,
            trackingNumber: input.trackingNumber,
          });
          return { platformFulfillmentId: `ful-${p.fulfillments.length}` };
        },
        async registerWebhooks() {
          return { topics: ["orders/create", "inventory/update"] };
        },
      };
    },
    verifyWebhook(_c, headers, raw) {
      const given = Buffer.from(headers["x-test-signature"] ?? "", "utf8");
      const expected = Buffer.from(signTestWebhook(p, raw.toString("utf8")), "utf8");
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
    parseWebhook(_headers, raw): WebhookNotice {
      const body = JSON.parse(raw.toString("utf8")) as WebhookNotice & {
        occurredAt: string;
        order?: ChannelOrder & { placedAt: string; updatedAt: string };
      };
      return {
        ...body,
        occurredAt: new Date(body.occurredAt),
        ...(body.order
          ? {
              order: {
                ...body.order,
                placedAt: new Date(body.order.placedAt),
                updatedAt: new Date(body.order.updatedAt),
                refunds: body.order.refunds.map((r) => ({ ...r, createdAt: new Date(r.createdAt) })),
              },
            }
          : {}),
      };
    },
  };
}
