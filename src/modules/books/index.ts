// The books module's public surface: everything outside the module imports this file, never one behind it.
export { booksLag } from "./books-lag.ts";
export { SHIPPING_ITEM, TAX_ITEM } from "./documents.ts";
export { registerBooksJobs } from "./jobs.ts";
export { listPostings } from "./ledger.ts";
export { booksModule } from "./module.ts";
export { periodEnded, periodKeys } from "./periods.ts";
export { registerBooksRoutes } from "./routes.ts";
export { postPendingOnce, startBooksPoster } from "./runner.ts";
export { getOrderSettings, putOrderSettings } from "./settings.ts";
export { storeSummary, summarisePeriod } from "./summaries.ts";
export { type WebConnectorSilence, webConnectorSilences } from "./web-connector/silence.ts";
