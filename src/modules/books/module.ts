import type { HubModule } from "../module.ts";
import { registerBooksJobs } from "./jobs.ts";
import { registerBooksRoutes } from "./routes.ts";
import { startBooksPoster } from "./runner.ts";

/** Postings and daily summaries sent to the books. */
export const booksModule: HubModule = {
  name: "books",
  routes: registerBooksRoutes,
  jobs: registerBooksJobs,
  workers: [startBooksPoster],
};
