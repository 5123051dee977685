import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import {
  getStallThresholdsResponse,
  getSyncHealthResponse,
  updateStallThresholdsResponse,
} from "./response-schemas.ts";
import { getStallThresholds, saveStallThresholds, stallThresholdsUpdate } from "./stall-thresholds.ts";
import { connectionHealth } from "./stall-watch.ts";

/** Whether each connection keeps up (the stall alarm, issue 16), and the account's thresholds for it. */
export function registerStallRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/sync/health",
    {
      schema: {
        operationId: "getSyncHealth",
        tags: ["connections"],
        summary: "Per connection: what waits (pushes, jobs, silent runs, webhooks) and whether it is stalled",
        description:
          "`stall` is null while the connection keeps up; otherwise it names the first threshold crossed (`push_delayed`, `webhooks_waiting`, `jobs_waiting`, `run_silent`, and for QuickBooks Desktop `web_connector_silent`: no Web Connector call for 3 × its schedule) with how many wait and the oldest's age in seconds.",
        response: { 200: getSyncHealthResponse },
      },
    },
    async (request) => {
      const accountId = principalOf(request).accountId;
      const items = await connectionHealth(ctx.db, { accountId });
      return {
        items: items.map(({ accountId: _account, ...h }) => h),
        thresholds: await getStallThresholds(ctx.db, accountId),
      };
    },
  );

  app.get(
    "/sync/stall-thresholds",
    {
      schema: {
        operationId: "getStallThresholds",
        tags: ["connections"],
        summary: "How long sync work may wait before a connection is stalled",
        response: { 200: getStallThresholdsResponse },
      },
    },
    async (request) => getStallThresholds(ctx.db, principalOf(request).accountId),
  );

  app.put(
    "/sync/stall-thresholds",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "updateStallThresholds",
        tags: ["connections"],
        summary: "Change the stall thresholds (seconds, 30 to 86400; null restores the default of 120)",
        body: stallThresholdsUpdate,
        response: { 200: updateStallThresholdsResponse },
      },
    },
    async (request) => saveStallThresholds(ctx.db, principalOf(request).accountId, request.body),
  );
}
