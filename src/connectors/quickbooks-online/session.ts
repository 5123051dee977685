import type { ConnectorEnv, ConnectorSession } from "../contract.ts";
import type { ClientStats } from "../http/index.ts";
import { createBooksClient, type QuickBooksBooksClient } from "./books-client.ts";
import { type CompanyProfile, listProductPage, readStock, validateCompany } from "./catalog.ts";
import { changedItemsSince, type ItemChanges } from "./cdc.ts";
import { createQboClient, type QboClientOptions } from "./client.ts";
import type { QuickBooksCredentials } from "./credentials.ts";
import { findAdjustAccount, writeStock } from "./stock.ts";

export type QuickBooksSessionOptions = QboClientOptions & {
  /** Home currency for prices and totals read back; default the one `validate()` found, else "USD". */
  currency?: string;
};

export type QuickBooksSession = Required<
  Pick<ConnectorSession, "validate" | "listProducts" | "readStock" | "writeStock">
> & {
  /** Inventory items changed since `since` (CDC, or a query past 30 days / 1,000 objects), R-SYNC-8. */
  changedStockSince(since: Date): Promise<ItemChanges>;
  /** The books-side API sharing this session's tokens and limits. */
  books(): QuickBooksBooksClient;
  stats(): ClientStats;
};

export function createQuickBooksSession(
  credentials: QuickBooksCredentials,
  env: ConnectorEnv,
  options: QuickBooksSessionOptions = {},
): QuickBooksSession {
  const client = createQboClient(credentials, env, options);
  let currency = options.currency ?? null;
  let adjustAccount: Promise<{ value: string }> | null = null;
  let books: QuickBooksBooksClient | null = null;
  let profile: Promise<CompanyProfile> | null = null;
  const companyProfile = () => {
    profile ??= validateCompany(client).catch((error: unknown) => {
      profile = null;
      throw error;
    });
    return profile;
  };
  const homeCurrency = async () => {
    currency ??= (await companyProfile()).currency ?? "USD";
    return currency;
  };
  return {
    async validate() {
      profile = null;
      const company = await companyProfile();
      currency ??= company.currency ?? "USD";
      return company;
    },
    listProducts: async (listOptions) => listProductPage(client, await homeCurrency(), listOptions),
    readStock: (items) => readStock(client, items),
    writeStock: async (writes, { idempotencyKey }) => {
      const company = await companyProfile();
      // Known not to have InventoryAdjustment: say so instead of posting; unknown: try, report a refusal.
      if (company.inventoryAdjustment === false) {
        const which = company.edition ?? `a ${company.country ?? "non-US"} company`;
        const message = `QuickBooks (${which}) has no InventoryAdjustment — only US Plus and Advanced companies do — so stock cannot be written`;
        return writes.map((write) => ({ sku: write.sku, status: "failed", retryable: false, message }));
      }
      return writeStock(client, writes, idempotencyKey, () => {
        adjustAccount ??= findAdjustAccount(client).catch((error: unknown) => {
          adjustAccount = null;
          throw error;
        });
        return adjustAccount;
      });
    },
    changedStockSince: (since) => changedItemsSince(client, since, env.now ? env.now() : new Date()),
    books() {
      books ??= createBooksClient(client, currency ?? "USD");
      return books;
    },
    stats: () => client.stats(),
  };
}
