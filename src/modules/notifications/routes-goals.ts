import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { createGoal, deleteGoal, type Goal, getGoal, goalProgress, listGoals, updateGoal } from "./goals.ts";
import { goalMetrics, goalPeriods } from "./schema.ts";

const idParams = z.object({ id: z.uuid() });
const goalBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  metric: z.enum(goalMetrics),
  period: z.enum(goalPeriods),
  /** Minor units for revenue and refunds (5000000 = 50,000.00), a count for orders and units. */
  amount: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  connectionId: z.uuid().nullable().optional(),
});

const view = (g: Goal) => ({
  id: g.id,
  name: g.name,
  metric: g.metric,
  period: g.period,
  amount: g.amount,
  connectionId: g.connectionId,
  createdAt: g.createdAt.toISOString(),
});

export function registerGoalRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ["goals"];
  app.get("/goals", { schema: { tags, summary: "Goals" } }, async (request) => ({
    items: (await listGoals(ctx.db, principalOf(request).accountId)).map(view),
  }));
  app.post(
    "/goals",
    { config: { minRole: "admin" }, schema: { tags, summary: "Set a goal", body: goalBody } },
    async (request, reply) =>
      reply.code(201).send(view(await createGoal(ctx.db, principalOf(request).accountId, request.body))),
  );
  app.get("/goals/:id", { schema: { tags, summary: "One goal", params: idParams } }, async (request) =>
    view(await getGoal(ctx.db, principalOf(request).accountId, request.params.id)),
  );
  app.patch(
    "/goals/:id",
    {
      config: { minRole: "admin" },
      schema: { tags, summary: "Change a goal", params: idParams, body: goalBody.partial() },
    },
    async (request) =>
      view(await updateGoal(ctx.db, principalOf(request).accountId, request.params.id, request.body)),
  );
  app.delete(
    "/goals/:id",
    { config: { minRole: "admin" }, schema: { tags, summary: "Delete a goal", params: idParams } },
    async (request, reply) => {
      await deleteGoal(ctx.db, principalOf(request).accountId, request.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    "/goals/:id/progress",
    { schema: { tags, summary: "Progress in the current period", params: idParams } },
    async (request) =>
      goalProgress(ctx.db, await getGoal(ctx.db, principalOf(request).accountId, request.params.id)),
  );
}
