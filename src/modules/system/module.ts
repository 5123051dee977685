import type { HubModule } from "../module.ts";
import { registerSystemJobs } from "./jobs.ts";

/** Queue health checks and worker identity. */
export const systemModule: HubModule = {
  name: "system",
  jobs: registerSystemJobs,
};
