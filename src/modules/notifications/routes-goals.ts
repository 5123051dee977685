import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { noContent, problems } from "../../http/openapi.ts";
import { createGoal, deleteGoal, type Goal, getGoal, goalProgress, listGoals, updateGoal } from "./goals.ts";
import {
  createGoalResponse,
  getGoalProgressResponse,
  getGoalResponse,
  listGoalsResponse,
  updateGoalResponse,
} from "./response-schemas.ts";
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
  app.get(
    "/goals",
    { schema: { operationId: "listGoals", tags, summary: "Goals", response: { 200: listGoalsResponse } } },
    async (request) => ({
      items: (await listGoals(ctx.db, principalOf(request).accountId)).map(view),
    }),
  );
  app.post(
    "/goals",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "createGoal",
        tags,
        summary: "Set a goal",
        body: goalBody,
        response: { 201: createGoalResponse, ...problems({ 404: ["connection_not_found"] }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(view(await createGoal(ctx.db, principalOf(request).accountId, request.body))),
  );
  app.get(
    "/goals/:id",
    {
      schema: {
        operationId: "getGoal",
        tags,
        summary: "One goal",
        params: idParams,
        response: { 200: getGoalResponse, ...problems({ 404: ["goal_not_found"] }) },
      },
    },
    async (request) => view(await getGoal(ctx.db, principalOf(request).accountId, request.params.id)),
  );
  app.patch(
    "/goals/:id",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "updateGoal",
        tags,
        summary: "Change a goal",
        params: idParams,
        body: goalBody.partial(),
        response: {
          200: updateGoalResponse,
          ...problems({ 404: ["goal_not_found", "connection_not_found"] }),
        },
      },
    },
    async (request) =>
      view(await updateGoal(ctx.db, principalOf(request).accountId, request.params.id, request.body)),
  );
  app.delete(
    "/goals/:id",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "deleteGoal",
        tags,
        summary: "Delete a goal",
        params: idParams,
        response: { 204: noContent, ...problems({ 404: ["goal_not_found"] }) },
      },
    },
    async (request, reply) => {
      await deleteGoal(ctx.db, principalOf(request).accountId, request.params.id);
      return reply.code(204).send();
    },
  );
  app.get(
    "/goals/:id/progress",
    {
      schema: {
        operationId: "getGoalProgress",
        tags,
        summary: "Progress in the current period",
        params: idParams,
        response: { 200: getGoalProgressResponse, ...problems({ 404: ["goal_not_found"] }) },
      },
    },
    async (request) =>
      goalProgress(ctx.db, await getGoal(ctx.db, principalOf(request).accountId, request.params.id)),
  );
}
