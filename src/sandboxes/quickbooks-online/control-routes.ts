import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SandboxControl } from "./control.ts";
import { faultBody, QboFault } from "./faults.ts";
import { formatResponseTime } from "./qbo-time.ts";
import type { SandboxState } from "./sandbox-state.ts";
import { ENTITY_NAMES } from "./types.ts";

const ItemLookup = z.object({
  id: z.string().optional(),
  sku: z.string().optional(),
  name: z.string().optional(),
});

const ItemEdit = z.object({
  Name: z.string().optional(),
  Sku: z.string().optional(),
  QtyOnHand: z.number().optional(),
  UnitPrice: z.number().optional(),
  PurchaseCost: z.number().optional(),
  Active: z.boolean().optional(),
  Description: z.string().optional(),
});

const ManualItem = ItemEdit.extend({
  Name: z.string(),
  Type: z.enum(["Inventory", "NonInventory", "Service"]).optional(),
});

const ManualDocument = z.object({
  lines: z
    .array(
      z.object({
        itemId: z.string().optional(),
        sku: z.string().optional(),
        qty: z.number(),
        unitPrice: z.number().optional(),
      }),
    )
    .min(1),
  customerId: z.string().optional(),
  docNumber: z.string().optional(),
  txnDate: z.string().optional(),
  privateNote: z.string().optional(),
});

const nullableCount = z.number().int().positive().nullable().optional();
const Limits = z.object({
  requestsPerMinute: nullableCount,
  requestsPerSecond: nullableCount,
  concurrentRequests: nullableCount,
  batchRequestsPerMinute: nullableCount,
  maxBatchItems: z.number().int().positive().optional(),
  latencyMs: z.number().int().nonnegative().optional(),
});

const Preferences = z.object({
  duplicateDocNumberCheck: z.boolean().optional(),
  defaultTermDays: z.number().int().min(0).max(365).optional(),
});

const Subscription = z.object({
  url: z.url(),
  format: z.enum(["cloudevents", "legacy"]).optional(),
  entities: z.array(z.enum(ENTITY_NAMES)).optional(),
});

/** The control API as JSON over HTTP under `/_sandbox`, for tools that are not in this process. */
export function registerControlRoutes(
  app: FastifyInstance,
  state: SandboxState,
  control: SandboxControl,
): void {
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof QboFault) {
      return reply.code(error.status).send(faultBody(error, formatResponseTime(state.clock.now())));
    }
    if (error instanceof z.ZodError)
      return reply.code(400).send({ error: "invalid_request", issues: error.issues });
    return reply.code(500).send({ error: "server_error" });
  });

  app.get("/info", async () => ({
    realmId: state.config.realmId,
    clientId: state.config.clientId,
    clientSecret: state.config.clientSecret,
    verifierToken: state.config.verifierToken,
    now: control.now(),
  }));

  app.get("/items", async (request, reply) => {
    const item = control.findItem(ItemLookup.parse(request.query));
    return item ? item : reply.code(404).send({ error: "not_found" });
  });
  app.post("/items", async (request, reply) =>
    reply.code(201).send(control.createItem(ManualItem.parse(request.body))),
  );
  app.patch("/items", async (request) =>
    control.editItem(ItemLookup.parse(request.query), ItemEdit.parse(request.body)),
  );

  const documentInput = (body: unknown) => ManualDocument.parse(body);
  app.post("/refund-receipts", async (request, reply) =>
    reply.code(201).send(control.createRefundReceipt(documentInput(request.body))),
  );
  app.post("/credit-memos", async (request, reply) =>
    reply.code(201).send(control.createCreditMemo(documentInput(request.body))),
  );
  app.get("/posted", async () => control.posted());

  app.post("/tokens/expire", async () => {
    control.expireAccessTokens();
    return { expired: true };
  });
  app.get("/clock", async () => ({ now: control.now() }));
  app.post("/clock/advance", async (request) => ({
    now: control.advanceClock(z.object({ ms: z.number().nonnegative() }).parse(request.body).ms),
  }));

  app.get("/limits", async () => control.limits());
  app.patch("/limits", async (request) => control.setLimits(Limits.parse(request.body)));
  app.get("/requests", async () => control.requestLog());
  app.get("/preferences", async () => control.preferences());
  app.patch("/preferences", async (request) => control.setPreferences(Preferences.parse(request.body)));

  app.post("/webhooks", async (request, reply) =>
    reply.code(201).send(control.subscribeWebhook(Subscription.parse(request.body))),
  );
  app.delete<{ Params: { id: string } }>("/webhooks/:id", async (request, reply) =>
    control.unsubscribeWebhook(request.params.id)
      ? { deleted: true }
      : reply.code(404).send({ error: "not_found" }),
  );
  app.get("/webhooks/deliveries", async () => control.webhookDeliveries());
  app.post("/webhooks/flush", async () => control.flushWebhooks());

  app.post("/reset", async () => {
    control.reset();
    return { reset: true };
  });
}
