import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Faults } from "./faults.ts";
import type { RateLimitSlot } from "./server.ts";
import type { WebhookDispatcher } from "./webhooks.ts";
import type { WriteLog } from "./write-log.ts";

export interface KitControlDeps {
  readonly faults: Faults;
  readonly writeLog: WriteLog;
  readonly webhooks: WebhookDispatcher;
  readonly rateLimit: RateLimitSlot;
}

const faultStatus = z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]);
const outage = z.object({ status: faultStatus.nullable() });
const burst = z.object({ count: z.number().int().min(0).max(100_000), status: faultStatus.optional() });
const throttle = z.object({ count: z.number().int().min(0).max(100_000) });
const webhookMode = z
  .object({ duplicate: z.boolean(), outOfOrder: z.boolean(), drop: z.boolean() })
  .partial();
const writesQuery = z.object({ path: z.string().optional(), since: z.coerce.number().int().optional() });

/**
 * The control routes every kit sandbox shares, under `/_sandbox/`: faults (outage, 5xx burst,
 * forced throttling), the write log, webhook switches and delivery records. Platform routes
 * (orders, refunds, stock from outside) are registered beside these by the platform.
 */
export function registerKitControlRoutes(app: FastifyInstance, deps: KitControlDeps): void {
  app.put("/_sandbox/outage", async (request) => deps.faults.setOutage(outage.parse(request.body).status));
  app.post("/_sandbox/faults/errors", async (request) => {
    const body = burst.parse(request.body);
    return deps.faults.errorBurst(body.count, body.status);
  });
  app.post("/_sandbox/faults/throttle", async (request) =>
    deps.faults.forceThrottle(throttle.parse(request.body).count),
  );
  app.get("/_sandbox/faults", async () => deps.faults.state());
  app.delete("/_sandbox/faults", async () => {
    deps.faults.clear();
    return deps.faults.state();
  });

  app.get("/_sandbox/writes", async (request) => {
    const query = writesQuery.parse(request.query);
    return deps.writeLog.list({
      ...(query.path !== undefined ? { pathContains: query.path } : {}),
      ...(query.since !== undefined ? { sinceSeq: query.since } : {}),
    });
  });
  app.delete("/_sandbox/writes", async (_request, reply) => {
    deps.writeLog.clear();
    return reply.code(204).send();
  });

  app.put("/_sandbox/webhook-mode", async (request) => {
    deps.webhooks.mode = { ...deps.webhooks.mode, ...webhookMode.parse(request.body) };
    return deps.webhooks.mode;
  });
  app.get("/_sandbox/deliveries", async (request) =>
    deps.webhooks.deliveries(z.object({ topic: z.string().optional() }).parse(request.query)),
  );
  app.post("/_sandbox/webhooks/wait", async (_request, reply) => {
    await deps.webhooks.whenIdle();
    return reply.code(204).send();
  });

  app.delete("/_sandbox/rate-limit", async (_request, reply) => {
    deps.rateLimit.model = null;
    return reply.code(204).send();
  });
}

/** A control request that failed validation: 422 with zod's issues, whatever the platform's API shape. */
export function controlValidationReply(error: unknown): { status: 422; body: unknown } | null {
  if (!(error instanceof z.ZodError)) return null;
  return {
    status: 422,
    body: { error: { code: "invalid_data", message: "Invalid request", issues: error.issues } },
  };
}
