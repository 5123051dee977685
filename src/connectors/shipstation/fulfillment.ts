import type { FulfillmentInput } from "../contract.ts";
import type { ShipStationClient } from "./client.ts";
import { pacificFilter } from "./pacific.ts";
import { markShippedSchema } from "./schemas.ts";

/** A carrier name as ShipStation's carrier codes spell them ("UPS" → "ups", "Royal Mail" → "royal_mail"). */
const carrierCode = (carrier: string | null) =>
  carrier
    ?.trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_") || "other";

/**
 * Shipping confirmation as `POST /orders/markasshipped`: the order was shipped outside ShipStation
 * (from the hub), so ShipStation marks it shipped and tells the sales channel (`notifySalesChannel`).
 * ShipStation ships whole orders this way; the hub's lines are not sent.
 */
export async function markAsShipped(
  client: ShipStationClient,
  input: FulfillmentInput,
  now: Date,
): Promise<{ platformFulfillmentId: string }> {
  const orderId = Number(input.platformOrderId);
  if (!Number.isInteger(orderId))
    throw client.fail(`${input.platformOrderId} is not a ShipStation order id`, null);
  const answer = await client.post(
    "/orders/markasshipped",
    {
      orderId,
      carrierCode: carrierCode(input.carrier),
      shipDate: pacificFilter(now).slice(0, 10),
      ...(input.trackingNumber ? { trackingNumber: input.trackingNumber } : {}),
      notifyCustomer: input.notifyCustomer,
      notifySalesChannel: true,
    },
    markShippedSchema,
    "orders",
  );
  return { platformFulfillmentId: `markasshipped:${answer.orderId}` };
}
