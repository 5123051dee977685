import type { Logger } from "pino";
import type { Config } from "./config.ts";
import type { ConnectorSession } from "./connectors/contract.ts";
import type { HostResolver } from "./connectors/http/guarded-lookup.ts";
import type { ConnectorRegistry, PlatformClients } from "./connectors/registry.ts";
import type { Database, Db } from "./db/engine.ts";
import type { SecretBox } from "./lib/secret-box.ts";
import type { AccountHooks } from "./modules/accounts/index.ts";
import type { InventorySourceLookup, ProductPagePart, SalesRateLookup } from "./modules/module.ts";
import type { MailTransports } from "./modules/notifications/index.ts";
import type { SyncProcessState } from "./modules/sync/index.ts";
import type { Queue } from "./queue/queue.ts";

/** What the composition root hands to route and job registration; each piece is passed, never looked up. */
export type AppContext = {
  config: Config;
  database: Database;
  db: Db;
  queue: Queue;
  logger: Logger;
  secretBox: SecretBox;
  connectors: ConnectorRegistry;
  // Process state of this hub: created by `startHub`, cleared by its `stop`, never module-level.
  /** Client state per platform (QuickBooks: rate limits per realm), handed to sessions by `connectors`. */
  platformClients: PlatformClients;
  /** What other modules do when an account is created (the Default warehouse). */
  accountHooks: AccountHooks;
  /** What modules add to a product's page, gathered from the module list at wiring. */
  productPageParts: readonly ProductPagePart[];
  /** The account's books inventory source, from the module that owns the choice (sync). */
  inventorySourceOf: InventorySourceLookup;
  /** Average daily sales per product, from the module that owns the planner (planning). */
  salesRatesOf: SalesRateLookup;
  /** SMTP transports for notification e-mail, one per relay. */
  mail: MailTransports;
  /** Where outbound host names (platforms, webhooks) are looked up; default the system resolver. */
  resolveHost?: HostResolver;
  /**
   * Platform sessions of this process by connection and credentials version, so a connection's
   * feeds and drains share one rate budget (connections/sessions.ts).
   */
  connectorSessions: Map<string, ConnectorSession>;
  /** Sync's drains, pumps, feed slices and inbox passes in flight in this process. */
  sync: SyncProcessState;
};
