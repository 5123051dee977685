import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context.ts";
import { ping } from "../db/engine.ts";

export function registerHealth(app: FastifyInstance, ctx: AppContext): void {
  app.get("/healthz", { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    const database = await ping(ctx.db).then(
      () => ctx.database.kind,
      () => "unreachable",
    );
    const queue = await ctx.queue.ping().then(
      () => "ok",
      () => "unreachable",
    );
    const healthy = database !== "unreachable" && queue === "ok";
    return reply.code(healthy ? 200 : 503).send({ status: healthy ? "ok" : "degraded", database, queue });
  });
}
