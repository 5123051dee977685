import type { HubModule } from "../module.ts";
import { registerEventRoutes } from "./routes.ts";

/** The domain event log other modules consume in commit order. */
export const eventsModule: HubModule = {
  name: "events",
  routes: registerEventRoutes,
};
