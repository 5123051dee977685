import type { FastifyInstance } from "fastify";
import type { AppContext } from "../../context.ts";
import type { HubModule } from "../module.ts";
import { booksInventorySource } from "./inventory-source.ts";
import { registerSyncJobs } from "./jobs.ts";
import { startPump } from "./pump.ts";
import { registerConnectionRoutes } from "./routes.ts";
import { registerFeedRoutes } from "./routes-feeds.ts";
import { registerInventorySourceRoutes } from "./routes-inventory-source.ts";
import { registerStallRoutes } from "./routes-stalls.ts";
import { registerWebhookRegistrationRoutes } from "./routes-webhook-registration.ts";
import { registerWebhookRoute } from "./webhooks.ts";

/** Feeds, webhooks, the outbox and its drains: what keeps every platform in step with the hub. */
export const syncModule: HubModule = {
  name: "sync",
  routes(app: FastifyInstance, ctx: AppContext) {
    registerConnectionRoutes(app, ctx);
    registerFeedRoutes(app, ctx);
    registerInventorySourceRoutes(app, ctx);
    registerStallRoutes(app, ctx);
    registerWebhookRegistrationRoutes(app, ctx);
  },
  publicRoutes: registerWebhookRoute,
  jobs: registerSyncJobs,
  workers: [startPump],
  inventorySource: booksInventorySource,
};
