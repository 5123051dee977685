import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { FixedWindow } from "../kit/rate-limit.ts";
import type { RateLimitSlot } from "../kit/server.ts";
import { registerStockControl } from "../kit/stock-control.ts";
import { BcV3Error } from "./errors.ts";
import type { RateSettings } from "./gate.ts";
import { setStock } from "./inventory-ops.ts";
import { emptyAddress, orderById, placeOrder, refundOrder, setOrderStatus } from "./order-ops.ts";
import type { BcContext } from "./routes/common.ts";
import { DEFAULT_LOCATION } from "./seed.ts";
import { hookJson, orderJson, refundJson, STATUS_NAMES } from "./shapes.ts";
import type { BcVariant } from "./store.ts";

export interface BcControlDeps {
  readonly ctx: BcContext;
  readonly rate: RateSettings;
  readonly rateLimit: RateLimitSlot;
}

const statusId = z
  .number()
  .int()
  .refine((n) => STATUS_NAMES[n] !== undefined, "an order status_id BigCommerce has (0–14)");
const newOrder = z.object({
  lines: z
    .array(z.object({ sku: z.string(), quantity: z.number().int().positive(), price: z.number().optional() }))
    .min(1),
  status_id: statusId.optional(),
  /** A guest order: customer_id 0, no billing details, no shipping address. */
  guest: z.boolean().optional(),
});
const refund = z.object({
  lines: z
    .array(
      z.object({
        sku: z.string().optional(),
        orderProductId: z.number().int().optional(),
        quantity: z.number().int().positive(),
      }),
    )
    .min(1),
  reason: z.string().optional(),
  restock: z.boolean().optional(),
});
const rateChange = z.object({
  quota: z.number().int().positive().optional(),
  windowMs: z.number().int().positive().optional(),
  headerless: z.boolean().optional(),
});
const orderId = z.object({ id: z.coerce.number().int() });
const productEdit = z.object({
  name: z.string().optional(),
  price: z.number().nonnegative().optional(),
  variants: z
    .array(
      z.object({
        id: z.number().int(),
        sku: z.string().optional(),
        price: z.number().nonnegative().optional(),
      }),
    )
    .optional(),
});

const unknownSku = (sku: string) => new BcV3Error(404, `No variant has SKU ${JSON.stringify(sku)}`);

/** The BigCommerce half of `/_sandbox/…`: orders, refunds, stock from outside, the rate window. */
export function registerBcControlRoutes(app: FastifyInstance, deps: BcControlDeps): void {
  const { ctx } = deps;
  const { store } = ctx;
  const apiBase = () => `${ctx.baseUrl}/stores/${ctx.storeHash}`;
  const variantFor = (sku: string): BcVariant => {
    const variant = store.variantsBySku(sku)[0];
    if (!variant) throw unknownSku(sku);
    return variant;
  };

  app.post("/_sandbox/orders", async (request, reply) => {
    const input = newOrder.parse(request.body);
    const address = {
      ...emptyAddress(),
      first_name: "Sam",
      last_name: "Shopper",
      street_1: "1 Main St",
      city: "Portland",
      state: "Oregon",
      zip: "97201",
      country: "United States",
      country_iso2: "US",
      email: "sam.shopper@example.com",
    };
    const order = placeOrder(
      store,
      {
        statusId: input.status_id ?? 11,
        customerId: input.guest ? 0 : 1,
        createdMs: store.nowMs(),
        billing: input.guest ? emptyAddress() : address,
        shippingAddress: input.guest ? null : address,
        lines: input.lines.map((l) => {
          const variant = variantFor(l.sku);
          const product = store.productOf(variant);
          return {
            productId: product.id,
            variantId: variant.id,
            name: product.name,
            sku: variant.sku,
            quantity: l.quantity,
            price: l.price ?? variant.price,
          };
        }),
        shippingCost: input.guest ? 0 : 5,
      },
      { emit: true },
    );
    return reply.code(201).send(orderJson(apiBase(), order));
  });

  app.put("/_sandbox/orders/:id/status", async (request) => {
    const order = orderById(store, orderId.parse(request.params).id);
    setOrderStatus(store, order, z.object({ status_id: statusId }).parse(request.body).status_id, {
      emit: true,
    });
    return orderJson(apiBase(), order);
  });

  app.post("/_sandbox/orders/:id/refunds", async (request, reply) => {
    const order = orderById(store, orderId.parse(request.params).id);
    const input = refund.parse(request.body);
    const lines = input.lines.map((l) => {
      const line = order.products.find(
        (x) => x.id === l.orderProductId || (l.sku !== undefined && x.sku === l.sku),
      );
      if (!line) throw new BcV3Error(404, "No line of this order matches");
      return { orderProductId: line.id, quantity: l.quantity };
    });
    const created = refundOrder(store, order, {
      lines,
      reason: input.reason ?? "",
      restock: input.restock ?? true,
    });
    return reply.code(201).send(refundJson(order, created));
  });

  /** Stock changed from outside the hub (a count, an edit in the control panel) at one location. */
  registerStockControl(app, {
    bySku: (sku) => store.variantsBySku(sku),
    set: (variants, quantity, body) => {
      const locationId = z.number().int().optional().parse(body.location_id) ?? DEFAULT_LOCATION;
      if (!store.locations.has(locationId)) throw new BcV3Error(404, `No location ${locationId}`);
      for (const v of variants) setStock(store, v, locationId, quantity, "manual");
    },
    view: (v) => ({
      variant_id: v.id,
      product_id: v.productId,
      sku: v.sku,
      inventory_tracking: store.productOf(v).tracking,
      inventory_level: store.level(v),
      locations: Object.fromEntries(v.stock),
    }),
    unknownSku,
  });

  /** The plan's window: `quota` requests per `windowMs`, and whether a 429 leaves out its headers. */
  app.put("/_sandbox/rate-limit", async (request) => {
    const body = rateChange.parse(request.body);
    Object.assign(deps.rate, body);
    deps.rateLimit.model = new FixedWindow(
      { limit: deps.rate.quota, windowMs: deps.rate.windowMs },
      store.nowMs,
    );
    return deps.rate;
  });

  /** A product edited in the control panel: name, price, or a variant's SKU; sends store/product/updated. */
  app.put("/_sandbox/products/:id", async (request) => {
    const product = store.products.get(orderId.parse(request.params).id);
    if (!product) throw new BcV3Error(404, "The requested resource was not found.");
    const body = productEdit.parse(request.body);
    if (body.name !== undefined) product.name = body.name;
    if (body.price !== undefined) product.price = body.price;
    for (const change of body.variants ?? []) {
      const variant = store.variants.get(change.id);
      if (!variant || variant.productId !== product.id)
        throw new BcV3Error(404, `No variant ${change.id} on this product`);
      if (change.sku !== undefined) variant.sku = change.sku;
      if (change.price !== undefined) variant.price = change.price;
      variant.modifiedMs = store.nowMs();
    }
    product.modifiedMs = store.nowMs();
    store.emit("store/product/updated", { type: "product", id: product.id });
    return { id: product.id, name: product.name, price: product.price };
  });

  /** Hooks with what a real store hides from a listing filter: every hook, active or not. */
  app.get("/_sandbox/hooks", async () =>
    [...store.hooks.values()].map((h) => hookJson(ctx.storeHash, ctx.clientId, h)),
  );
}
