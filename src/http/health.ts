import { TimeoutStrategy, timeout } from "cockatiel";
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { AppContext } from "../context.ts";
import { type ConnectionHealth, stalledConnections } from "../modules/sync/index.ts";

/**
 * Each probe's bound. Both run at once, so the answer comes within this (plus the handler's own
 * time) even while the database is silent: a load balancer's 2 s health check gets a 503, not a
 * hang.
 */
const PROBE_TIMEOUT_MS = 1_500;

/** Gives up waiting at the deadline; the probe itself is bounded separately where the engine allows. */
const bounded = timeout(PROBE_TIMEOUT_MS, TimeoutStrategy.Aggressive);

const healthBody = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.enum(["embedded", "postgres", "unreachable"]),
  queue: z.enum(["ok", "unreachable"]),
  stalled: z
    .array(
      z.object({
        connectionId: z.string(),
        reason: z.string(),
        waiting: z.number().int(),
        oldestSeconds: z.number(),
      }),
    )
    .optional()
    .describe("Connections over a stall threshold (ids only: this route is public)"),
});

const healthSchema = {
  operationId: "getHealth",
  tags: ["operations"],
  summary: "Whether this process, its database and queue work; stalled connections make it degraded",
  response: {
    200: healthBody.describe(
      "Working; `degraded` with `stalled` when a connection is over a stall threshold",
    ),
    503: {
      description: "The database or the queue does not answer; the body names which",
      content: { "application/json": { schema: healthBody } },
    },
  },
};

export function registerHealth(app: FastifyInstance, ctx: AppContext): void {
  app.get("/healthz", { config: { public: true }, schema: healthSchema }, async (_request, reply) => {
    const [database, queue, stalled] = await Promise.all([
      bounded
        .execute(() => ctx.database.ping(PROBE_TIMEOUT_MS))
        .then(
          () => ctx.database.kind,
          () => "unreachable",
        ),
      bounded
        .execute(() => ctx.queue.ping(PROBE_TIMEOUT_MS))
        .then(
          () => "ok",
          () => "unreachable",
        ),
      // Beside the probes, so a silent database still gets its answer within the bound.
      bounded.execute(() => stalledConnections(ctx.db)).catch((): ConnectionHealth[] => []),
    ]);
    const healthy = database !== "unreachable" && queue === "ok";
    // A stalled connection is the sync engine's trouble, not this process's: 200 keeps it in the
    // load balancer, "degraded" tells monitors. Ids only: healthz is public, names are the merchant's.
    if (healthy && stalled.length > 0)
      return reply.send({ status: "degraded", database, queue, stalled: stalled.map(publicStall) });
    return reply.code(healthy ? 200 : 503).send({ status: healthy ? "ok" : "degraded", database, queue });
  });
}

function publicStall(h: ConnectionHealth) {
  const { reason, waiting, oldestSeconds } = h.stall!;
  return { connectionId: h.connectionId, reason, waiting, oldestSeconds };
}
