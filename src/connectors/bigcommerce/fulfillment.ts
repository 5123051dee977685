import { z } from "zod";
import type { FulfillmentInput } from "../contract.ts";
import type { BigCommerceClient } from "./client.ts";
import { orderProductSchema, shipmentSchema } from "./schemas.ts";

/**
 * Shipping confirmation as v2 shipments: one `POST /v2/orders/{id}/shipments` per shipping address
 * the shipped lines go to (BigCommerce ships to one address per shipment), with the tracking number
 * and carrier. BigCommerce then marks the order Shipped or Partially Shipped itself.
 */
export async function createFulfillment(
  client: BigCommerceClient,
  input: FulfillmentInput,
): Promise<{ platformFulfillmentId: string }> {
  const products = await client.list(
    `/v2/orders/${encodeURIComponent(input.platformOrderId)}/products?limit=250`,
    z.array(orderProductSchema),
    "orders",
  );
  const byAddress = new Map<number, { order_product_id: number; quantity: number }[]>();
  for (const line of input.lines) {
    const product = products.find((p) => String(p.id) === line.platformLineId);
    const addressId = product?.order_address_id;
    if (!product || !addressId) {
      throw client.fail(
        `BigCommerce order ${input.platformOrderId} has no shipping address for line ${line.platformLineId}; it cannot take a shipment`,
        null,
      );
    }
    byAddress.set(addressId, [
      ...(byAddress.get(addressId) ?? []),
      { order_product_id: product.id, quantity: line.quantity },
    ]);
  }
  const ids: string[] = [];
  for (const [addressId, items] of byAddress) {
    const shipment = await client.send(
      "POST",
      `/v2/orders/${encodeURIComponent(input.platformOrderId)}/shipments`,
      {
        order_address_id: addressId,
        items,
        ...(input.trackingNumber ? { tracking_number: input.trackingNumber } : {}),
        ...(input.carrier ? { tracking_carrier: input.carrier.toLowerCase(), shipping_provider: "" } : {}),
      },
      shipmentSchema,
      "orders",
    );
    ids.push(String(shipment.id));
  }
  return { platformFulfillmentId: ids.join(",") };
}
