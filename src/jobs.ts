import type { AppContext } from "./context.ts";
import { type AccountHooks, createAccountHooks } from "./modules/accounts/index.ts";
import { hubModules } from "./modules/index.ts";

/** Every module's job handlers and schedules, registered before the queue starts. */
export function registerJobs(ctx: AppContext): void {
  for (const module of hubModules) module.jobs?.(ctx);
}

/**
 * Cross-module reactions that run inside the transaction creating an account: a new set for each
 * hub (and each CLI command that writes directly), never shared between them.
 */
export function createHubAccountHooks(): AccountHooks {
  const accounts = createAccountHooks();
  for (const module of hubModules)
    if (module.onAccountCreated) accounts.onAccountCreated(module.onAccountCreated);
  return accounts;
}
