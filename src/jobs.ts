import type { AppContext } from "./context.ts";
import { registerAccountJobs } from "./modules/accounts/jobs.ts";
import { onAccountCreated } from "./modules/accounts/service.ts";
import { registerBooksJobs } from "./modules/books/jobs.ts";
import { createDefaultWarehouse } from "./modules/inventory/warehouses.ts";
import { registerNotificationJobs } from "./modules/notifications/jobs.ts";
import { registerSyncJobs } from "./modules/sync/jobs.ts";
import { registerSystemJobs } from "./modules/system/jobs.ts";

/** Every module's job handlers and schedules, registered before the queue starts. */
export function registerJobs(ctx: AppContext): void {
  registerAccountJobs(ctx);
  registerSystemJobs(ctx);
  registerSyncJobs(ctx);
  registerNotificationJobs(ctx);
  registerBooksJobs(ctx);
}

/** Cross-module reactions that run inside another module's transaction. */
export function registerHooks(): void {
  onAccountCreated(createDefaultWarehouse);
}
