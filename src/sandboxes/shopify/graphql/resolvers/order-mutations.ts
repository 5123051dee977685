import { parseMoney } from "../../format.ts";
import { idOf } from "../../gid.ts";
import { trackingUrl } from "../../seed/words.ts";
import { createFulfillment } from "../../store/fulfillments.ts";
import { createRefund } from "../../store/refunds.ts";
import type { DomainError } from "../../store/result.ts";
import type { Order, Refund, RestockType, TrackingInfo } from "../../store/types.ts";
import { idempotencyKeyOf } from "../idempotency.ts";
import { fields, type ResolverMap } from "../resolver-types.ts";

export interface TrackingInput {
  readonly company?: string | null;
  readonly number?: string | null;
  readonly numbers?: readonly string[] | null;
  readonly url?: string | null;
  readonly urls?: readonly string[] | null;
}

interface FulfillmentInput {
  readonly lineItemsByFulfillmentOrder: readonly {
    fulfillmentOrderId: string;
    fulfillmentOrderLineItems?: readonly { id: string; quantity: number }[] | null;
  }[];
  readonly trackingInfo?: TrackingInput | null;
}

interface RefundInput {
  readonly orderId: string;
  readonly note?: string | null;
  readonly refundLineItems?:
    | readonly {
        lineItemId: string;
        quantity: number;
        restockType?: RestockType | null;
        locationId?: string | null;
      }[]
    | null;
  readonly shipping?: { amount?: string | null; fullRefund?: boolean | null } | null;
  readonly transactions?: readonly { amount: string }[] | null;
}

interface RefundPayload {
  readonly refund: Refund | null;
  readonly order: Order | null;
  readonly userErrors: readonly { field: string[] | null; message: string }[];
}

const userErrors = (errors: readonly DomainError[]) =>
  errors.map(({ field, message }) => ({ field, message }));

/** Shopify accepts one number or several; each becomes a tracking entry, with a carrier URL when it knows the carrier. */
export function trackingEntries(input: TrackingInput | null | undefined): TrackingInfo[] {
  if (!input) return [];
  const company = input.company ?? null;
  const numbers = input.numbers ?? (input.number ? [input.number] : []);
  const urls = input.urls ?? (input.url ? [input.url] : []);
  if (numbers.length === 0)
    return company || urls[0] ? [{ company, number: null, url: urls[0] ?? null }] : [];
  return numbers.map((number, index) => ({
    company,
    number,
    url: urls[index] ?? (company ? trackingUrl(company, number) : null),
  }));
}

export const orderMutationResolvers: ResolverMap = {
  Mutation: fields<unknown>({
    fulfillmentCreate: (_root, args: { fulfillment: FulfillmentInput }, context) => {
      const result = createFulfillment(context.store, {
        groups: args.fulfillment.lineItemsByFulfillmentOrder.map((group) => ({
          fulfillmentOrderId: idOf(group.fulfillmentOrderId, "FulfillmentOrder"),
          lines:
            group.fulfillmentOrderLineItems?.map((line) => ({
              id: idOf(line.id, "FulfillmentOrderLineItem"),
              quantity: line.quantity,
            })) ?? null,
        })),
        tracking: trackingEntries(args.fulfillment.trackingInfo),
        at: context.nowMs(),
      });
      return result.ok
        ? { fulfillment: result.value, userErrors: [] }
        : { fulfillment: null, userErrors: userErrors(result.errors) };
    },
    refundCreate: (_root, args: { input: RefundInput }, context, info) =>
      context.idempotency.run(
        "refundCreate",
        idempotencyKeyOf(info),
        args.input,
        (): RefundPayload => {
          const { input } = args;
          const order = context.store.ordersById.get(idOf(input.orderId, "Order") ?? 0);
          if (!order)
            return {
              refund: null,
              order: null,
              userErrors: [{ field: ["orderId"], message: "Order does not exist" }],
            };
          const refundedShipping = order.refunds.reduce((sum, refund) => sum + refund.shippingCents, 0);
          const shippingCents = input.shipping?.fullRefund
            ? order.shippingCents - refundedShipping
            : (parseMoney(input.shipping?.amount ?? "0") ?? 0);
          const amounts = input.transactions?.map((transaction) => parseMoney(transaction.amount) ?? 0);
          const result = createRefund(
            context.store,
            order,
            {
              lines: (input.refundLineItems ?? []).map((line) => ({
                lineItemId: idOf(line.lineItemId, "LineItem") ?? -1,
                quantity: line.quantity,
                restockType: line.restockType ?? "RETURN",
                locationId: line.locationId ? (idOf(line.locationId, "Location") ?? -1) : null,
              })),
              note: input.note ?? null,
              shippingCents,
              amountCents: amounts ? amounts.reduce((sum, amount) => sum + amount, 0) : null,
            },
            context.nowMs(),
          );
          return result.ok
            ? { refund: result.value, order, userErrors: [] }
            : { refund: null, order, userErrors: userErrors(result.errors) };
        },
        (): RefundPayload => ({
          refund: null,
          order: null,
          userErrors: [
            { field: null, message: "The idempotency key was already used with different parameters." },
          ],
        }),
      ),
  }),
};
