import type { HubModule } from "../module.ts";
import { registerPlanningRoutes } from "./routes.ts";
import { averageDailySales } from "./sales-rates.ts";

/** Days of supply against lead time. */
export const planningModule: HubModule = {
  name: "planning",
  routes: registerPlanningRoutes,
  salesRates: averageDailySales,
};
