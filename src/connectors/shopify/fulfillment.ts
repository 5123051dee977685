import { AppError } from "../../lib/errors.ts";
import type { FulfillmentInput } from "../contract.ts";
import type { GraphqlClient } from "./client.ts";
import {
  type FulfillmentOrderNode,
  fulfillmentCreateSchema,
  fulfillmentOrdersSchema,
} from "./fulfillment-schema.ts";
import { toGid } from "./ids.ts";
import { FULFILLMENT_CREATE_MUTATION } from "./mutations.ts";
import { FULFILLMENT_ORDERS_QUERY } from "./queries.ts";

const FULFILLABLE = new Set(["OPEN", "IN_PROGRESS"]);

type FoSelection = {
  fulfillmentOrderId: string;
  locationId: string;
  lines: { id: string; quantity: number }[] | null;
};

/** Which fulfillment-order lines carry the requested order lines; everything still open when none are named. */
function selectLines(fulfillmentOrders: FulfillmentOrderNode[], input: FulfillmentInput): FoSelection[] {
  const open = fulfillmentOrders.filter((fo) => FULFILLABLE.has(fo.status));
  const locationOf = (fo: FulfillmentOrderNode) => fo.assignedLocation?.location?.id ?? "";
  if (input.lines.length === 0) {
    return open.map((fo) => ({ fulfillmentOrderId: fo.id, locationId: locationOf(fo), lines: null }));
  }
  const selections = new Map<string, FoSelection>();
  for (const wanted of input.lines) {
    const lineId = toGid(wanted.platformLineId, "LineItem") ?? wanted.platformLineId;
    let left = wanted.quantity;
    for (const fo of open) {
      for (const line of fo.lineItems.nodes) {
        if (left === 0 || line.lineItem.id !== lineId || line.remainingQuantity === 0) continue;
        const quantity = Math.min(left, line.remainingQuantity);
        const selection = selections.get(fo.id) ?? {
          fulfillmentOrderId: fo.id,
          locationId: locationOf(fo),
          lines: [],
        };
        selection.lines?.push({ id: line.id, quantity });
        selections.set(fo.id, selection);
        left -= quantity;
      }
    }
    if (left > 0) {
      throw new AppError(
        "conflict",
        "shopify_nothing_to_fulfil",
        `Order line ${wanted.platformLineId} has ${wanted.quantity - left} of ${wanted.quantity} units left to fulfil`,
      );
    }
  }
  return [...selections.values()];
}

/**
 * Ships lines of an order with tracking: the order's open fulfillment orders are matched to the
 * requested lines, and one `fulfillmentCreate` is sent per assigned location (Shopify fulfils one
 * location at a time). Returns the first fulfillment's gid.
 */
export async function createFulfillment(client: GraphqlClient, input: FulfillmentInput) {
  const orderId = toGid(input.platformOrderId, "Order");
  if (!orderId)
    throw new AppError(
      "invalid_data",
      "invalid_order_id",
      `${input.platformOrderId} is not a Shopify order id`,
    );
  const data = await client.run(FULFILLMENT_ORDERS_QUERY, { id: orderId }, fulfillmentOrdersSchema, "orders");
  if (!data.order)
    throw new AppError("not_found", "order_not_found", `Shopify has no order ${input.platformOrderId}`);
  const selections = selectLines(data.order.fulfillmentOrders.nodes, input);
  if (selections.length === 0) {
    throw new AppError(
      "conflict",
      "shopify_nothing_to_fulfil",
      `Order ${input.platformOrderId} has nothing left to fulfil`,
    );
  }
  const trackingInfo = Object.fromEntries(
    Object.entries({ company: input.carrier, number: input.trackingNumber, url: input.trackingUrl }).filter(
      ([, value]) => value,
    ),
  );
  const byLocation = new Map<string, FoSelection[]>();
  for (const selection of selections) {
    byLocation.set(selection.locationId, [...(byLocation.get(selection.locationId) ?? []), selection]);
  }
  const ids: string[] = [];
  for (const group of byLocation.values()) {
    const fulfillment = {
      lineItemsByFulfillmentOrder: group.map((selection) => ({
        fulfillmentOrderId: selection.fulfillmentOrderId,
        ...(selection.lines ? { fulfillmentOrderLineItems: selection.lines } : {}),
      })),
      notifyCustomer: input.notifyCustomer,
      ...(Object.keys(trackingInfo).length > 0 ? { trackingInfo } : {}),
    };
    const result = await client.run(
      FULFILLMENT_CREATE_MUTATION,
      { fulfillment },
      fulfillmentCreateSchema,
      "orders",
    );
    const payload = result.fulfillmentCreate;
    if (!payload?.fulfillment) {
      const message =
        payload?.userErrors.map((error) => error.message).join(" ") || "no fulfillment returned";
      throw new AppError(
        "unexpected_state",
        "shopify_fulfillment_refused",
        `Shopify refused the fulfillment: ${message}`,
      );
    }
    ids.push(payload.fulfillment.id);
  }
  return { platformFulfillmentId: ids[0] as string };
}
