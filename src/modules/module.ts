import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context.ts";
import type { Db } from "../db/engine.ts";

/**
 * What a module adds to a product's page (`GET /products/{sku}`), merged into the page by the
 * inventory route that builds it: a module below can show a module above's part without importing it.
 */
export type ProductPagePart = (
  db: Db,
  accountId: string,
  productId: string,
) => Promise<Record<string, unknown>>;

/**
 * The account's inventory source when it is a books connection (R-SYNC-8), null when the hub is.
 * Sync owns the choice; a module below it (books, for QuickBooks Desktop's read-back, which only the
 * Web Connector's sessions can carry) asks through this instead of importing sync.
 */
export type InventorySourceLookup = (
  db: Db,
  accountId: string,
) => Promise<{ connectionId: string; warehouseId: string | null; since: Date } | null>;

/**
 * Average units sold per day of each product, as the planner reckons them (its report window), for
 * products that sold; planning owns the figure and hands it to suppliers' supply needs, which sits below.
 */
export type SalesRateLookup = (
  db: Db,
  accountId: string,
  productIds: string[],
  now: Date,
) => Promise<{ reportDays: number; perDay: Map<string, number> }>;

/**
 * What one module adds to a hub. Each module's index.ts exports one; `modules/index.ts` lists them
 * in dependency order and the hub registers that list once, so adding a module is one line there.
 */
export type HubModule = {
  name: string;
  /** The module's API; registered under /api/v1, so paths here leave the prefix out. */
  routes?: (app: FastifyInstance, ctx: AppContext) => void;
  /** Routes outside /api/v1, for callers with their own authentication (platform webhooks). */
  publicRoutes?: (app: FastifyInstance, ctx: AppContext) => void;
  /** Queue handlers and schedules, defined before the queue starts. */
  jobs?: (ctx: AppContext) => void;
  /** Loops a worker process runs (pumps, posters); each start returns how to stop it. */
  workers?: ReadonlyArray<(ctx: AppContext) => () => Promise<void>>;
  /** Seeds a new account's defaults inside the transaction that creates it. */
  onAccountCreated?: (tx: Db, accountId: string) => Promise<void>;
  /** Fields it adds to a product's page (suppliers' `supplierStock`). */
  productPage?: ProductPagePart;
  /** The account's books inventory source (sync's), handed to modules below it through the context. */
  inventorySource?: InventorySourceLookup;
  /** Average daily sales per product (planning's), handed to modules below it through the context. */
  salesRates?: SalesRateLookup;
};
