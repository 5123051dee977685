import type { HubModule } from "../module.ts";
import { registerAccountJobs } from "./jobs.ts";
import { registerAccountRoutes } from "./routes.ts";

/** Users, sign-in, sessions and API tokens. */
export const accountsModule: HubModule = {
  name: "accounts",
  routes: registerAccountRoutes,
  jobs: registerAccountJobs,
};
