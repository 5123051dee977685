import type { HubModule } from "../module.ts";
import { registerOrderJobs } from "./jobs.ts";
import { registerOrderRoutes } from "./routes.ts";

/** Orders, refunds and shipments, and the year's downloads against the account's allotment. */
export const ordersModule: HubModule = {
  name: "orders",
  routes: registerOrderRoutes,
  jobs: registerOrderJobs,
};
