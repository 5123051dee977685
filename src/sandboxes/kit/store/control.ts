import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idParam } from "../query.ts";
import type { SeedAddress, SeedCustomer } from "../seed/index.ts";
import { registerStockControl } from "../stock-control.ts";
import { type NewOrderLine, placeOrder } from "./order-ops.ts";
import type { StoreItem, StoreOrder, StoreRefund } from "./records.ts";
import type { CommerceStore } from "./store.ts";

/** The control API's default shopper, in Portland; `province` as the platform spells Oregon ("OR", "Oregon"). */
export const sampleShopper = (province: string) => ({
  customer: { firstName: "Sam", lastName: "Shopper", email: "sam.shopper@example.com" },
  address: {
    ...{ firstName: "Sam", lastName: "Shopper", address1: "1 Main St", city: "Portland", province },
    ...{ zip: "97201", countryCode: "US", phone: null },
  },
});

/** What a platform declares for the shared order and stock control routes. */
export interface OrderControlPlan<S> {
  /** The body field naming a status (`status`, `status_id`) and its schema. */
  readonly statusField: string;
  readonly status: z.ZodType<S>;
  readonly defaultStatus: S;
  /** The shopper a non-guest control order is for, and where it ships. */
  readonly shopper: { readonly customer: SeedCustomer; readonly address: SeedAddress };
  readonly shippingCents: number;
  renderOrder(order: StoreOrder<S>): unknown;
  renderRefund(order: StoreOrder<S>, refund: StoreRefund): unknown;
  /** The platform's status change (its events included). */
  setStatus(order: StoreOrder<S>, status: S): void;
  /** The platform's refund rules over resolved lines. */
  refund(
    order: StoreOrder<S>,
    input: {
      lines: { lineId: number; quantity: number }[];
      amount?: string;
      reason?: string;
      restock: boolean;
    },
  ): StoreRefund;
  /** How stock set from outside lands (a location from the body, tracking switched on, …). */
  setStock(items: readonly StoreItem[], quantity: number, body: Readonly<Record<string, unknown>>): void;
  viewStock(item: StoreItem): unknown;
  /** The platform's error for a control request naming what the store lacks. */
  notFound(message: string): Error;
}

const money = z.union([z.string(), z.number()]).transform(String);
const refundBody = z.object({
  lines: z
    .array(
      z.object({
        sku: z.string().optional(),
        lineItemId: z.number().int().optional(),
        orderProductId: z.number().int().optional(),
        quantity: z.number().int().positive(),
      }),
    )
    .min(1),
  amount: z.string().optional(),
  reason: z.string().optional(),
  restock: z.boolean().optional(),
});
const newOrder = z.object({
  lines: z
    .array(z.object({ sku: z.string(), quantity: z.number().int().positive(), price: money.optional() }))
    .min(1),
  /** A guest order: customer 0, no customer details, no address. */
  guest: z.boolean().optional(),
  customer: z.object({ firstName: z.string(), lastName: z.string(), email: z.string() }).optional(),
});
const productEdit = z.object({
  name: z.string().optional(),
  price: money.optional(),
  variants: z
    .array(z.object({ id: z.number().int(), sku: z.string().optional(), price: money.optional() }))
    .optional(),
});

/**
 * The merchant's side of a commerce sandbox under `/_sandbox/`: place an order (by SKU, as a
 * guest or a shopper), change its status, refund lines, set stock from outside, edit a product.
 */
export function registerOrderControl<S>(
  app: FastifyInstance,
  store: CommerceStore<S>,
  plan: OrderControlPlan<S>,
): void {
  /** The status a body names in the platform's field, undefined when it names none. */
  const statusIn = (body: unknown): S | undefined => {
    const value = z.object({ [plan.statusField]: plan.status.optional() }).parse(body)[plan.statusField];
    return value as S | undefined;
  };
  const orderOf = (request: Parameters<typeof idParam>[0]) => {
    const order = store.orders.get(idParam(request));
    if (!order) throw plan.notFound("No order has this id");
    return order;
  };

  app.post("/_sandbox/orders", async (request, reply) => {
    const input = newOrder.parse(request.body);
    const lines: NewOrderLine[] = input.lines.map((l) => {
      const item = store.itemsBySku(l.sku)[0];
      if (!item) throw plan.notFound(`No item has SKU ${JSON.stringify(l.sku)}`);
      return {
        itemId: item.id,
        quantity: l.quantity,
        name: store.productOf(item).name,
        ...(l.price ? { price: l.price } : {}),
      };
    });
    const customer = input.customer ?? plan.shopper.customer;
    const address = { ...plan.shopper.address, firstName: customer.firstName, lastName: customer.lastName };
    const order = placeOrder(
      store,
      {
        status: statusIn(request.body) ?? plan.defaultStatus,
        customerId: input.guest ? 0 : 1,
        customer: input.guest ? null : customer,
        address: input.guest ? null : address,
        lines,
        shippingCents: input.guest ? 0 : plan.shippingCents,
        createdMs: store.nowMs(),
      },
      { emit: true },
    );
    return reply.code(201).send(plan.renderOrder(order));
  });

  app.put("/_sandbox/orders/:id/status", async (request) => {
    const order = orderOf(request);
    const status = z.object({ [plan.statusField]: plan.status }).parse(request.body)[plan.statusField];
    plan.setStatus(order, status as S);
    return plan.renderOrder(order);
  });

  app.post("/_sandbox/orders/:id/refunds", async (request, reply) => {
    const order = orderOf(request);
    const input = refundBody.parse(request.body);
    const lines = input.lines.map((l) => {
      const id = l.lineItemId ?? l.orderProductId;
      const line = order.lines.find((x) => x.id === id || (l.sku !== undefined && x.sku === l.sku));
      if (!line) throw plan.notFound("No line of this order matches");
      return { lineId: line.id, quantity: l.quantity };
    });
    const refund = plan.refund(order, {
      lines,
      restock: input.restock ?? true,
      ...(input.amount !== undefined ? { amount: input.amount } : {}),
      ...(input.reason !== undefined ? { reason: input.reason } : {}),
    });
    return reply.code(201).send(plan.renderRefund(order, refund));
  });

  registerStockControl(app, {
    bySku: (sku) => store.itemsBySku(sku),
    set: (items, quantity, body) => plan.setStock(items, quantity, body),
    view: (item) => plan.viewStock(item),
    unknownSku: (sku) => plan.notFound(`No item has SKU ${JSON.stringify(sku)}`),
  });

  /** A product edited in the admin: name, price, or an item's SKU or price. */
  app.put("/_sandbox/products/:id", async (request) => {
    const product = store.products.get(idParam(request));
    if (!product) throw plan.notFound("No product has this id");
    const body = productEdit.parse(request.body);
    if (body.name !== undefined) product.name = body.name;
    const items = store.itemsOf(product);
    if (body.price !== undefined) for (const item of items) if (!product.hasOptions) item.price = body.price;
    for (const change of body.variants ?? []) {
      const item = items.find((i) => i.id === change.id);
      if (!item) throw plan.notFound(`No variant ${change.id} on this product`);
      if (change.sku !== undefined) item.sku = change.sku;
      if (change.price !== undefined) item.price = change.price;
      item.modifiedMs = store.nowMs();
    }
    product.modifiedMs = store.nowMs();
    store.emit({ type: "product.updated", product });
    return { id: product.id, name: product.name, price: Number(items[0]?.price ?? 0) };
  });
}
