import type { BulkheadPolicy } from "cockatiel";
import type { ConnectorClients } from "../contract.ts";
import { concurrencyLimit, perMinuteBudget, type RateBudget } from "../http/index.ts";

export type RealmLimits = { budget: RateBudget; batchBudget: RateBudget; concurrency: BulkheadPolicy };

/**
 * What QuickBooks clients of one hub share: one budget and one concurrency limit per realm (§7.5:
 * 500 requests/min and 10 in flight per realm and app, 40 batch requests/min), so every session on
 * a realm draws from the same allowance. The hub creates it and drops it when it stops.
 */
export type QuickBooksClients = ConnectorClients & {
  /** The limits of a realm at an API base (`${apiBase}|${realmId}`), created on first use. */
  limitsFor(realmKey: string): RealmLimits;
};

export function createQuickBooksClients(): QuickBooksClients {
  const realms = new Map<string, RealmLimits>();
  return {
    limitsFor(realmKey) {
      let limits = realms.get(realmKey);
      if (!limits) {
        limits = {
          budget: perMinuteBudget(500),
          batchBudget: perMinuteBudget(40),
          concurrency: concurrencyLimit(10),
        };
        realms.set(realmKey, limits);
      }
      return limits;
    },
    get size() {
      return realms.size;
    },
    clear() {
      realms.clear();
    },
  };
}
