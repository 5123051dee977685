import { parseMoney } from "../format.ts";
import { looseIdOf } from "../gid.ts";
import { REGIONS } from "../seed/regions.ts";
import { createFulfillment, fulfillmentOrdersOf } from "../store/fulfillments.ts";
import { unfulfilledQuantity } from "../store/order-math.ts";
import { cancelOrder, markOrderPaid, placeOrder } from "../store/orders.ts";
import { createRefund } from "../store/refunds.ts";
import type { DomainResult } from "../store/result.ts";
import type { Store } from "../store/store.ts";
import type { Address, CancelReason, Customer, Order } from "../store/types.ts";
import { notFound, SandboxControlError } from "./errors.ts";
import {
  type FulfillmentSummary,
  fulfillmentSummary,
  type OrderSummary,
  orderSummary,
  type RefundSummary,
  refundSummary,
} from "./summaries.ts";

export type IdInput = string | number;

export interface CreateOrderInput {
  readonly lines: readonly { sku: string; quantity: number; price?: string }[];
  /** Default PAID. */
  readonly financialStatus?: "PAID" | "PENDING" | "AUTHORIZED";
  readonly customer?: { firstName: string; lastName: string; email: string };
  readonly email?: string;
  readonly shippingAddress?: Partial<Address> & { countryCode: string };
  /** Location to commit stock at first; default: Shopify-style routing. */
  readonly locationId?: IdInput;
  /** ISO time; default now. */
  readonly createdAt?: string;
  readonly shippingPrice?: string;
  readonly note?: string;
  readonly tags?: readonly string[];
}

export interface RefundLineInput {
  readonly sku?: string;
  readonly lineItemId?: IdInput;
  readonly quantity: number;
  /** Default true: shipped units return to stock, unshipped ones are released. */
  readonly restock?: boolean;
  readonly locationId?: IdInput;
}

function unwrap<T>(result: DomainResult<T>): T {
  if (result.ok) return result.value;
  throw new SandboxControlError(
    "invalid_data",
    result.errors.map((error) => error.message).join(" "),
    result.errors,
  );
}

export function findOrder(store: Store, id: IdInput): Order {
  const order = store.ordersById.get(looseIdOf(id, "Order") ?? 0);
  if (!order) throw notFound(`order ${id}`);
  return order;
}

function toAddress(
  input: NonNullable<CreateOrderInput["shippingAddress"]>,
  customer: Customer | null,
): Address {
  return {
    firstName: input.firstName ?? customer?.firstName ?? "",
    lastName: input.lastName ?? customer?.lastName ?? "",
    company: input.company ?? null,
    address1: input.address1 ?? "",
    address2: input.address2 ?? "",
    city: input.city ?? "",
    province: input.province ?? "",
    provinceCode: input.provinceCode ?? "",
    country: input.country ?? input.countryCode,
    countryCode: input.countryCode,
    zip: input.zip ?? "",
    phone: input.phone ?? null,
  };
}

function findOrAddCustomer(store: Store, input: CreateOrderInput["customer"], at: number): Customer | null {
  if (!input) return null;
  const existing = store.customers.find((customer) => customer.email === input.email);
  if (existing) return existing;
  const region = REGIONS[0] as (typeof REGIONS)[number];
  const customer: Customer = {
    kind: "Customer",
    id: store.nextId("Customer"),
    ...input,
    phone: null,
    address: {
      firstName: input.firstName,
      lastName: input.lastName,
      company: null,
      address1: "1 Sandbox Way",
      address2: "",
      city: region.city,
      province: region.province,
      provinceCode: region.provinceCode,
      country: region.country,
      countryCode: region.countryCode,
      zip: region.zip,
      phone: null,
    },
    createdAt: at,
    updatedAt: at,
    numberOfOrders: 0,
    amountSpentCents: 0,
  };
  store.customers.push(customer);
  store.customersById.set(customer.id, customer);
  return customer;
}

export function createOrderControl(store: Store, input: CreateOrderInput, now: number): OrderSummary {
  const lines = input.lines.map((line) => {
    const variant = store.variantsBySku.get(line.sku);
    if (!variant) throw notFound(`SKU ${line.sku}`);
    const priceCents = line.price === undefined ? undefined : (parseMoney(line.price) ?? undefined);
    return { variant, quantity: line.quantity, ...(priceCents === undefined ? {} : { priceCents }) };
  });
  const createdAt = input.createdAt ? Date.parse(input.createdAt) : now;
  if (Number.isNaN(createdAt)) throw new SandboxControlError("invalid_data", "createdAt is not a valid time");
  const customer = findOrAddCustomer(store, input.customer, createdAt);
  const shippingAddress = input.shippingAddress ? toAddress(input.shippingAddress, customer) : null;
  const region = REGIONS.find(
    (candidate) => candidate.provinceCode === (shippingAddress ?? customer?.address)?.provinceCode,
  );
  const locationId = input.locationId === undefined ? null : looseIdOf(input.locationId, "Location");
  if (input.locationId !== undefined && (locationId === null || !store.location(locationId))) {
    throw notFound(`location ${input.locationId}`);
  }
  const order = unwrap(
    placeOrder(store, {
      lines,
      financialStatus: input.financialStatus ?? "PAID",
      customer,
      email: input.email ?? customer?.email ?? null,
      shippingAddress,
      createdAt,
      shippingCents: parseMoney(input.shippingPrice ?? "0") ?? 0,
      taxRate: region?.taxRate ?? 0,
      discountRate: 0,
      discountCode: null,
      preferredLocationId: locationId,
      note: input.note ?? null,
      tags: input.tags ?? [],
    }),
  );
  return orderSummary(order);
}

export function markOrderPaidControl(store: Store, orderId: IdInput, now: number): OrderSummary {
  return orderSummary(unwrap(markOrderPaid(store, findOrder(store, orderId), now)));
}

export interface CancelOrderOptions {
  readonly restock?: boolean;
  readonly refund?: boolean;
  readonly reason?: CancelReason;
}

export function cancelOrderControl(
  store: Store,
  orderId: IdInput,
  options: CancelOrderOptions,
  now: number,
): OrderSummary {
  const order = findOrder(store, orderId);
  const settings = {
    restock: options.restock ?? true,
    refund: options.refund ?? true,
    reason: options.reason ?? "CUSTOMER",
  };
  return orderSummary(unwrap(cancelOrder(store, order, settings, now)));
}

export function createRefundControl(
  store: Store,
  input: { orderId: IdInput; lines: readonly RefundLineInput[]; note?: string; refundShipping?: boolean },
  now: number,
): RefundSummary {
  const order = findOrder(store, input.orderId);
  const lines = input.lines.map((wanted) => {
    const line =
      wanted.lineItemId !== undefined
        ? order.lineItems.find(
            (candidate) => candidate.id === looseIdOf(wanted.lineItemId as IdInput, "LineItem"),
          )
        : order.lineItems.find((candidate) => candidate.sku === wanted.sku);
    if (!line) throw notFound(`line ${wanted.lineItemId ?? wanted.sku} on order ${order.name}`);
    const restock = wanted.restock ?? true;
    const restockType = !restock ? "NO_RESTOCK" : unfulfilledQuantity(line) > 0 ? "CANCEL" : "RETURN";
    const locationId = wanted.locationId === undefined ? null : looseIdOf(wanted.locationId, "Location");
    return { lineItemId: line.id, quantity: wanted.quantity, restockType, locationId } as const;
  });
  const shippingCents = input.refundShipping ? order.shippingCents : 0;
  const refund = unwrap(
    createRefund(store, order, { lines, note: input.note ?? null, shippingCents, amountCents: null }, now),
  );
  return refundSummary(refund);
}

export function fulfillOrderControl(
  store: Store,
  orderId: IdInput,
  tracking: { company?: string; number?: string; url?: string },
  now: number,
): FulfillmentSummary[] {
  const order = findOrder(store, orderId);
  const info = {
    company: tracking.company ?? null,
    number: tracking.number ?? null,
    url: tracking.url ?? null,
  };
  const open = fulfillmentOrdersOf(store, order).filter((view) =>
    view.lines.some((line) => unfulfilledQuantity(line) > 0),
  );
  if (open.length === 0)
    throw new SandboxControlError("invalid_data", `order ${order.name} has nothing left to fulfill`);
  return open.map((view) =>
    fulfillmentSummary(
      unwrap(
        createFulfillment(store, {
          groups: [{ fulfillmentOrderId: view.id, lines: null }],
          tracking: [info],
          at: now,
        }),
      ),
    ),
  );
}
