import { z } from "zod";
import type { FulfillmentInput } from "../contract.ts";
import { orNullWhenMissing } from "../kit/channel.ts";
import type { WooClient } from "./client.ts";

const trackingSchema = z.object({ tracking_id: z.string() });
const noteSchema = z.object({ id: z.number() });
const orderStatusSchema = z.object({ id: z.number(), status: z.string() });

/** The Shipment Tracking extension answers `rest_no_route` (404) when it is not installed. */
async function addTracking(client: WooClient, input: FulfillmentInput): Promise<string | null> {
  if (!input.trackingNumber) return null;
  const answer = await orNullWhenMissing(() =>
    client.call(
      "POST",
      `wc-shipment-tracking/v3/orders/${input.platformOrderId}/shipment-trackings`,
      trackingSchema,
      {
        body: {
          tracking_number: input.trackingNumber,
          ...(input.carrier ? { custom_tracking_provider: input.carrier } : {}),
          ...(input.trackingUrl ? { custom_tracking_link: input.trackingUrl } : {}),
        },
        priority: "orders",
      },
    ),
  );
  return answer && `tracking-${answer.tracking_id}`;
}

/**
 * Shipping confirmation: the tracking number through the Shipment Tracking extension when the
 * store has it, otherwise an order note (to the customer when asked); then the order `completed`.
 * WooCommerce has no partial shipments: the first confirmation completes the order.
 */
export async function createFulfillment(
  client: WooClient,
  input: FulfillmentInput,
): Promise<{ platformFulfillmentId: string }> {
  let id = await addTracking(client, input);
  if (!id) {
    const what = [input.carrier, input.trackingNumber, input.trackingUrl].filter(Boolean).join(" ");
    const note = await client.call("POST", `wc/v3/orders/${input.platformOrderId}/notes`, noteSchema, {
      body: { note: what ? `Shipped: ${what}` : "Shipped", customer_note: input.notifyCustomer },
      priority: "orders",
    });
    id = `note-${note.id}`;
  }
  await client.call("PUT", `wc/v3/orders/${input.platformOrderId}`, orderStatusSchema, {
    body: { status: "completed" },
    priority: "orders",
  });
  return { platformFulfillmentId: id };
}
