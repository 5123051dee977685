import type { ConnectorEnv, ConnectorSession } from "../contract.ts";
import type { ClientStats } from "../http/index.ts";
import { createBooksClient, type QuickBooksBooksClient } from "./books-client.ts";
import { listProductPage, readStock, validateCompany } from "./catalog.ts";
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
  const homeCurrency = async () => {
    currency ??= (await validateCompany(client)).currency ?? "USD";
    return currency;
  };
  return {
    async validate() {
      const company = await validateCompany(client);
      currency ??= company.currency ?? "USD";
      return company;
    },
    listProducts: async (listOptions) => listProductPage(client, await homeCurrency(), listOptions),
    readStock: (items) => readStock(client, items),
    writeStock: (writes, { idempotencyKey }) =>
      writeStock(client, writes, idempotencyKey, () => {
        adjustAccount ??= findAdjustAccount(client).catch((error: unknown) => {
          adjustAccount = null;
          throw error;
        });
        return adjustAccount;
      }),
    changedStockSince: (since) => changedItemsSince(client, since, env.now ? env.now() : new Date()),
    books() {
      books ??= createBooksClient(client, currency ?? "USD");
      return books;
    },
    stats: () => client.stats(),
  };
}
