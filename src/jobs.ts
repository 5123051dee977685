import type { AppContext } from "./context.ts";
import { type AccountHooks, createAccountHooks } from "./modules/accounts/hooks.ts";
import { registerAccountJobs } from "./modules/accounts/jobs.ts";
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

/**
 * Cross-module reactions that run inside another module's transaction: a new set for each hub (and
 * each CLI command that writes directly), never shared between them.
 */
export function createHubAccountHooks(): AccountHooks {
  const accounts = createAccountHooks();
  accounts.onAccountCreated(createDefaultWarehouse);
  return accounts;
}
