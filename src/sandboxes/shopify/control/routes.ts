import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { ShopifySandboxControl } from "./control.ts";

const id = z.union([z.string(), z.number()]);
const address = z
  .object({
    firstName: z.string(),
    lastName: z.string(),
    address1: z.string(),
    address2: z.string(),
    city: z.string(),
    province: z.string(),
    provinceCode: z.string(),
    country: z.string(),
    countryCode: z.string(),
    zip: z.string(),
    phone: z.string().nullable(),
    company: z.string().nullable(),
  })
  .partial()
  .extend({ countryCode: z.string() });

const createOrder = z.object({
  lines: z
    .array(z.object({ sku: z.string(), quantity: z.number().int().positive(), price: z.string().optional() }))
    .min(1),
  financialStatus: z.enum(["PAID", "PENDING", "AUTHORIZED"]).optional(),
  customer: z.object({ firstName: z.string(), lastName: z.string(), email: z.string() }).optional(),
  email: z.string().optional(),
  shippingAddress: address.optional(),
  locationId: id.optional(),
  createdAt: z.string().optional(),
  shippingPrice: z.string().optional(),
  note: z.string().optional(),
  tags: z.array(z.string()).optional(),
});
const cancel = z.object({
  restock: z.boolean().optional(),
  refund: z.boolean().optional(),
  reason: z.enum(["CUSTOMER", "DECLINED", "FRAUD", "INVENTORY", "OTHER", "STAFF"]).optional(),
});
const refund = z.object({
  lines: z.array(
    z.object({
      sku: z.string().optional(),
      lineItemId: id.optional(),
      quantity: z.number().int().positive(),
      restock: z.boolean().optional(),
      locationId: id.optional(),
    }),
  ),
  note: z.string().optional(),
  refundShipping: z.boolean().optional(),
});
const tracking = z.object({
  company: z.string().optional(),
  number: z.string().optional(),
  url: z.string().optional(),
});
const setInventory = z.object({
  sku: z.string(),
  locationId: id.optional(),
  quantity: z.number().int(),
  name: z.enum(["available", "on_hand"]).optional(),
});
const variantChanges = z.object({
  price: z.string().optional(),
  title: z.string().optional(),
  barcode: z.string().optional(),
});
const throttle = z.object({
  maximumAvailable: z.number().positive().optional(),
  restoreRate: z.number().nonnegative().optional(),
  currentlyAvailable: z.number().nonnegative().optional(),
});
const outage = z.object({
  status: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504), z.null()]),
});
const webhookMode = z.object({ duplicate: z.boolean().optional(), outOfOrder: z.boolean().optional() });
const orderParams = z.object({ id });

/**
 * The control API over HTTP (JSON), so another process (a benchmark, `stockwire demo`)
 * can drive the sandbox. Bodies are validated with zod; each route calls one control function.
 */
export function registerControlRoutes(app: FastifyInstance, control: ShopifySandboxControl): void {
  app.post("/_sandbox/orders", async (request, reply) =>
    reply.code(201).send(control.createOrder(createOrder.parse(request.body))),
  );
  app.post("/_sandbox/orders/:id/paid", async (request) =>
    control.markOrderPaid(orderParams.parse(request.params).id),
  );
  app.post("/_sandbox/orders/:id/cancel", async (request) =>
    control.cancelOrder(orderParams.parse(request.params).id, cancel.parse(request.body ?? {})),
  );
  app.post("/_sandbox/orders/:id/refunds", async (request, reply) =>
    reply.code(201).send(
      control.createRefund({
        orderId: orderParams.parse(request.params).id,
        ...refund.parse(request.body),
      }),
    ),
  );
  app.post("/_sandbox/orders/:id/fulfillments", async (request, reply) =>
    reply
      .code(201)
      .send(control.fulfillOrder(orderParams.parse(request.params).id, tracking.parse(request.body ?? {}))),
  );
  app.put("/_sandbox/inventory", async (request) => control.setInventory(setInventory.parse(request.body)));
  app.get("/_sandbox/inventory", async (request) => {
    const query = z.object({ sku: z.string(), locationId: z.string().optional() }).parse(request.query);
    return query.locationId === undefined
      ? control.listInventory(query.sku)
      : control.getInventory(query.sku, query.locationId);
  });
  app.patch("/_sandbox/variants/:sku", async (request, reply) => {
    control.updateVariant(
      z.object({ sku: z.string() }).parse(request.params).sku,
      variantChanges.parse(request.body),
    );
    return reply.code(204).send();
  });
  app.get("/_sandbox/throttle", async () => control.getThrottle());
  app.put("/_sandbox/throttle", async (request) => control.setThrottle(throttle.parse(request.body)));
  app.put("/_sandbox/outage", async (request) => control.setOutage(outage.parse(request.body).status));
  app.delete("/_sandbox/access-tokens/:token", async (request, reply) => {
    control.revokeAccessToken(z.object({ token: z.string().min(1) }).parse(request.params).token);
    return reply.code(204).send();
  });
  app.post("/_sandbox/uninstall", async (_request, reply) => {
    control.uninstallApp();
    return reply.code(204).send();
  });
  app.put("/_sandbox/webhook-mode", async (request) =>
    control.setWebhookMode(webhookMode.parse(request.body)),
  );
  app.get("/_sandbox/deliveries", async (request) =>
    control.listDeliveries(z.object({ topic: z.string().optional() }).parse(request.query)),
  );
  app.post("/_sandbox/webhooks/wait", async (_request, reply) => {
    await control.waitForWebhooks();
    return reply.code(204).send();
  });
  app.post("/_sandbox/bulk/wait", async (_request, reply) => {
    await control.waitForBulkOperations();
    return reply.code(204).send();
  });
  app.get("/_sandbox/call-log", async () => control.callLog());
  app.post("/_sandbox/reset", async (_request, reply) => {
    control.reset();
    return reply.code(204).send();
  });
}
