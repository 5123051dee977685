import type { Logger } from "pino";
import type { z } from "zod";
import type { FeedKind } from "./feeds.ts";
import type { HostResolver } from "./http/guarded-lookup.ts";

/** The books side (`BooksClient`, `BooksError` and their types) lives beside this file. */
export * from "./contract-books.ts";
/** Books platforms that poll the hub (QuickBooks Desktop's Web Connector) describe their protocol there. */
export * from "./contract-web-connector.ts";

/**
 * A session call run under `withWaitLimit` that would have to wait longer for the platform (rate
 * limit, back-off after failures) ends with `PlatformDeferred` and its `retryAfterMs`: the engine
 * reschedules the work rather than hold a worker. Connectors get this from the platform client.
 */
export { PlatformDeferred, withWaitLimit } from "./http/index.ts";

/**
 * The one contract every platform connector implements. Connectors talk to a platform and return
 * plain hub-shaped data; they never touch the database or the environment. Only the sync engine
 * (and the books module for postings) turns their results into domain writes.
 */

/** Feed kinds, their direction, schedule and required session methods are declared once, in feeds.ts. */
export {
  describeMissingFeedMethods,
  type FeedDeclaration,
  type FeedKind,
  feedDirection,
  feedKinds,
  feedRegistry,
  type MissingFeedMethods,
  missingFeedMethods,
  type SessionMethod,
} from "./feeds.ts";

export type Page<T> = {
  items: T[];
  nextCursor: string | null;
  estimatedTotal?: number;
  /** What the platform withheld from these items and why, to say once in the run's log. */
  notices?: string[];
};

export type ChannelLocation = { id: string; name: string; active: boolean };

/** One sellable variant as the platform describes it; `sku` null or blank is reported, never guessed. */
export type ChannelProduct = {
  platformProductId: string;
  platformVariantId: string;
  inventoryItemId: string | null;
  sku: string | null;
  name: string;
  groupKey: string | null;
  options: Record<string, string>;
  barcode: string | null;
  priceMinor: number | null;
  currency: string | null;
  weightGrams: number | null;
  images: string[];
  archived: boolean;
  updatedAt: Date;
};

export type ChannelOrderLine = {
  platformLineId: string;
  sku: string | null;
  name: string;
  quantity: number;
  unitPriceMinor: number;
  discountMinor: number;
  taxMinor: number;
};

export type ChannelRefund = {
  platformRefundId: string;
  createdAt: Date;
  amountMinor: number;
  currency: string;
  note: string | null;
  lines: { platformLineId: string; sku: string | null; quantity: number; restock: boolean }[];
};

export type ChannelOrder = {
  platformOrderId: string;
  orderNumber: string;
  placedAt: Date;
  updatedAt: Date;
  currency: string;
  /** Paid (or otherwise valid to fulfil): only these are imported (R-SYNC-4). */
  paid: boolean;
  cancelled: boolean;
  financialStatus: string | null;
  fulfillmentStatus: string | null;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  shippingMinor: number;
  totalMinor: number;
  customer: { name: string | null; email: string | null };
  shippingAddress: {
    name: string | null;
    line1: string | null;
    line2: string | null;
    city: string | null;
    state: string | null;
    postalCode: string | null;
    country: string | null;
  } | null;
  /** Platform location the order ships from, when the platform says. */
  locationId: string | null;
  /**
   * The sub-channel the order was sold through, for platforms that gather several (ShipStation's
   * stores), so summaries can be grouped per sub-channel and day (R-ORD-3). Absent on single-channel
   * platforms. The orders module does not keep it yet (issue 21).
   */
  subChannelId?: string | null;
  lines: ChannelOrderLine[];
  refunds: ChannelRefund[];
};

export type StockLevel = {
  inventoryItemId: string;
  locationId: string;
  sku: string | null;
  quantity: number;
};

/** A system of record's counted quantity of one item (R-SYNC-8: the books as inventory source). */
export type SourceStockItem = StockLevel & { name: string; active: boolean; updatedAt: Date };

export type SourceStockChanges = {
  /** Items changed since the given time, with their current count. */
  items: SourceStockItem[];
  /** Items the platform reports deleted. */
  deletedIds: string[];
  /** How the platform was read (e.g. `cdc` or `query`), for the run log. */
  source: string;
};

/**
 * What the session of a platform that can be the inventory source (feed `inventory-source`,
 * R-SYNC-8) offers besides the contract: counted stock changed since a time.
 */
export type InventorySourceSession = ConnectorSession & {
  changedStockSince(since: Date): Promise<SourceStockChanges>;
};

export function isInventorySourceSession(session: ConnectorSession): session is InventorySourceSession {
  return typeof (session as Partial<InventorySourceSession>).changedStockSince === "function";
}

export type StockWrite = {
  sku: string;
  inventoryItemId: string;
  locationId: string;
  quantity: number;
  /** The quantity the hub believes the platform holds; platforms with compare-and-set refuse a stale one. */
  compareQuantity: number | null;
};

export type StockWriteResult =
  | { sku: string; status: "ok"; quantity: number }
  | { sku: string; status: "stale"; actualQuantity: number | null; message: string }
  | { sku: string; status: "failed"; retryable: boolean; message: string };

export type FulfillmentInput = {
  platformOrderId: string;
  lines: { platformLineId: string; quantity: number }[];
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  notifyCustomer: boolean;
};

/** A verified webhook, reduced to what the engine needs to react. */
export type WebhookNotice = {
  eventId: string;
  topic: string;
  /** `uninstalled`: the merchant removed the app; the credentials no longer work. */
  kind: "order" | "refund" | "product" | "inventory" | "uninstalled" | "other";
  /** The platform id of the object the event is about (order id, inventory item id…). */
  objectId: string | null;
  occurredAt: Date;
  /** The order, when the payload carries a whole one (saves a round trip). */
  order?: ChannelOrder;
  /** The new quantity, for inventory events. */
  level?: StockLevel;
  /**
   * For product events whose payload lists the variants: their ids and SKUs, so the engine can tell
   * a change the catalogue must follow (a new variant, a changed SKU or inventory item) from one it
   * need not (a stock change, which platforms also announce as a product update).
   */
  variants?: WebhookVariant[];
};

export type WebhookVariant = {
  platformVariantId: string;
  inventoryItemId: string | null;
  sku: string | null;
};

/**
 * What one hub keeps for a platform across its sessions (QuickBooks: a rate budget per realm). The
 * hub creates it with the connector's `createClients`, hands it to every session as `env.clients`
 * and clears it when it stops, so two hubs in one process never share it.
 */
export type ConnectorClients = {
  /** Entries held now (realms, stores …). */
  readonly size: number;
  clear(): void;
};

export type ConnectorEnv<Clients extends ConnectorClients = ConnectorClients> = {
  logger: Logger;
  /** Allow http:// and private addresses (sandboxes); otherwise only public https URLs. */
  allowPrivateUrls: boolean;
  /** Persist rotated credentials (OAuth refresh) before using them. */
  saveCredentials?: (credentials: unknown) => Promise<void>;
  /** Injected for tests (it skips the address checks); default the guarded fetch. */
  fetch?: typeof fetch;
  /** Where platform host names are looked up; default the system resolver (tests inject one). */
  resolveHost?: HostResolver;
  now?: () => Date;
  /** The hub's state for this platform (see `Connector.createClients`); absent, a session keeps its own. */
  clients?: Clients;
};

/** What a connection can do with a platform once its credentials are known. */
export type ConnectorSession = {
  /** Checks the credentials against the platform; returns a human label (shop name, company). */
  validate(): Promise<{ label: string; currency?: string }>;
  listLocations?(): Promise<ChannelLocation[]>;
  listProducts?(options: {
    updatedSince?: Date;
    cursor?: string | null;
    pageSize?: number;
    /** Fill `images` (costs extra reads on some platforms); default false: `images` may be []. */
    withImages?: boolean;
  }): Promise<Page<ChannelProduct>>;
  listOrders?(options: {
    updatedSince?: Date;
    createdSince?: Date;
    cursor?: string | null;
    pageSize?: number;
  }): Promise<Page<ChannelOrder>>;
  getOrder?(platformOrderId: string): Promise<ChannelOrder | null>;
  readStock?(items: { inventoryItemId: string; locationId: string }[]): Promise<StockLevel[]>;
  writeStock?(writes: StockWrite[], options: { idempotencyKey: string }): Promise<StockWriteResult[]>;
  createFulfillment?(input: FulfillmentInput): Promise<{ platformFulfillmentId: string }>;
  registerWebhooks?(callbackUrl: string): Promise<{ topics: string[] }>;
};

export type Capabilities = {
  feeds: FeedKind[];
  webhooks: boolean;
  compareAndSet: boolean;
  bulkExport: boolean;
  /** Most stock writes one call may carry. */
  maxStockBatch: number;
};

export type Connector<Credentials = unknown, Clients extends ConnectorClients = ConnectorClients> = {
  platform: string;
  displayName: string;
  capabilities: Capabilities;
  /** Validates the shape of credentials given through the API (before contacting the platform). */
  credentials: z.ZodType<Credentials>;
  /** Non-secret hints shown instead of credentials (e.g. shop domain, last 4 of a token). */
  describeCredentials(credentials: Credentials): Record<string, string>;
  /**
   * A credential hint (a key of describeCredentials) that names the connection to the platform's
   * caller in every account: QuickBooks Desktop's Web Connector authenticates by user name alone,
   * so two connections with one user name could not be told apart. Pairing and credential changes
   * refuse a value another connection of the platform holds: 409 with `code`.
   */
  uniqueHint?: { key: string; code: string; what: string };
  /** State its sessions share within one hub; the hub creates one per start and passes it as `env.clients`. */
  createClients?(): Clients;
  connect(credentials: Credentials, env: ConnectorEnv<Clients>): ConnectorSession;
  /**
   * A platform's unsigned handshake on webhook creation (WooCommerce's form-encoded ping): answered
   * 200 before any signature check, and nothing stored.
   */
  isHandshake?(headers: Record<string, string | undefined>, rawBody: Buffer): boolean;
  /**
   * Verifies a webhook's signature on the raw body; false means 401 and nothing stored. `request.url`
   * (path and query as received) is for platforms that sign nothing and are given a secret in the
   * URL the hub subscribed with (ShipStation).
   */
  verifyWebhook?(
    credentials: Credentials,
    headers: Record<string, string | undefined>,
    rawBody: Buffer,
    request?: { url: string },
  ): boolean;
  /**
   * After the signature: why a verified delivery must still be refused (another shop's, or too old
   * to be one of the platform's retries); undefined accepts it. Headers besides the signature are
   * unsigned, so this stops careless replays only; the hub also de-duplicates on the signed body.
   */
  refuseWebhook?(
    credentials: Credentials,
    headers: Record<string, string | undefined>,
    now: Date,
  ): string | undefined;
  /** Reads a verified webhook. */
  parseWebhook?(headers: Record<string, string | undefined>, rawBody: Buffer): WebhookNotice;
};
