import type { HubModule } from "../module.ts";
import { registerBooksJobs } from "./jobs.ts";
import { registerBooksRoutes } from "./routes.ts";
import { registerTaxCodeRoutes } from "./routes-tax-codes.ts";
import { startBooksPoster } from "./runner.ts";
import { registerQwcRoute, registerWebConnectorRoute } from "./web-connector/routes.ts";
import { registerWebConnectorStatusRoute } from "./web-connector/status-route.ts";
import { registerStockPageJobs } from "./web-connector/stock-pages.ts";
import { registerWebConnectorJobs } from "./web-connector/watch.ts";

/** Postings and daily summaries sent to the books; QuickBooks Desktop's Web Connector served at /qbwc. */
export const booksModule: HubModule = {
  name: "books",
  routes: (app, ctx) => {
    registerTaxCodeRoutes(app, ctx);
    registerBooksRoutes(app, ctx);
    registerQwcRoute(app, ctx);
    registerWebConnectorStatusRoute(app, ctx);
  },
  publicRoutes: registerWebConnectorRoute,
  jobs: (ctx) => {
    registerBooksJobs(ctx);
    registerWebConnectorJobs(ctx);
    registerStockPageJobs(ctx);
  },
  workers: [startBooksPoster],
};
