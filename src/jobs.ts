import type { AppContext } from "./context.ts";
import { type AccountHooks, createAccountHooks, registerAccountJobs } from "./modules/accounts/index.ts";
import { registerBooksJobs } from "./modules/books/index.ts";
import { createDefaultWarehouse } from "./modules/inventory/index.ts";
import { registerNotificationJobs } from "./modules/notifications/index.ts";
import { registerSyncJobs } from "./modules/sync/index.ts";
import { registerSystemJobs } from "./modules/system/index.ts";

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
