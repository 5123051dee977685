import type { ConnectorSession, InventorySourceSession } from "./contract.ts";

/** A session method a feed calls; the inventory-source one lives on `InventorySourceSession`. */
export type SessionMethod = Exclude<keyof InventorySourceSession, "validate">;

export type FeedDeclaration = {
  /** Inbound feeds read from the platform; outbound ones write to it (blocked in test mode). */
  direction: "inbound" | "outbound";
  /** Default schedule (UTC cron); null means event-driven or scheduled elsewhere. */
  schedule: string | null;
  /** What a connector's session must offer for the hub to run this feed on it. */
  sessionMethods: readonly SessionMethod[];
};

/**
 * Every feed kind, declared once. Pure data so both the contract (what a connector declaring a
 * kind must implement) and the sync engine (which maps each kind to its runner) read it without
 * an import cycle. A new kind added here fails type-checking until sync gives it a runner.
 */
export const feedRegistry = {
  "new-products": { direction: "inbound", schedule: "0 * * * *", sessionMethods: ["listProducts"] },
  "update-products": { direction: "inbound", schedule: "30 3 * * *", sessionMethods: ["listProducts"] },
  "product-images": { direction: "inbound", schedule: "45 3 * * *", sessionMethods: ["listProducts"] },
  "new-orders": { direction: "inbound", schedule: "*/5 * * * *", sessionMethods: ["listOrders"] },
  "update-orders": { direction: "inbound", schedule: "*/30 * * * *", sessionMethods: ["listOrders"] },
  // Runs once after pairing (and on demand), never on a clock.
  "initial-stock": { direction: "inbound", schedule: null, sessionMethods: ["readStock"] },
  // No session method yet: the procurement module brings these, and no connector declares them.
  suppliers: { direction: "inbound", schedule: "15 4 * * *", sessionMethods: [] },
  "supplier-links": { direction: "inbound", schedule: "30 4 * * *", sessionMethods: [] },
  // Stock export and shipping confirmation run as soon as there is something to send.
  "stock-export": { direction: "outbound", schedule: null, sessionMethods: ["writeStock"] },
  "stock-check": { direction: "inbound", schedule: "0 2 * * *", sessionMethods: ["readStock"] },
  "shipping-confirmation": { direction: "outbound", schedule: null, sessionMethods: ["createFulfillment"] },
  // Scheduled only on the connection chosen as the account's inventory source.
  "inventory-source": { direction: "inbound", schedule: null, sessionMethods: ["changedStockSince"] },
} as const satisfies Record<string, FeedDeclaration>;

export type FeedKind = keyof typeof feedRegistry;

export const feedKinds = Object.keys(feedRegistry) as [FeedKind, ...FeedKind[]];

export const feedDirection = Object.fromEntries(
  feedKinds.map((kind) => [kind, feedRegistry[kind].direction]),
) as Record<FeedKind, FeedDeclaration["direction"]>;

/** One feed a session cannot run: the kind and the methods it lacks. */
export type MissingFeedMethods = { feed: FeedKind; methods: SessionMethod[] };

/** The declared feeds whose session methods this session lacks (empty: it can run them all). */
export function missingFeedMethods(
  feeds: readonly FeedKind[],
  session: ConnectorSession,
): MissingFeedMethods[] {
  const offered = session as Partial<Record<SessionMethod, unknown>>;
  return feeds.flatMap((feed) => {
    const methods = feedRegistry[feed].sessionMethods.filter(
      (method) => typeof offered[method] !== "function",
    );
    return methods.length > 0 ? [{ feed, methods }] : [];
  });
}

/** "stock-export needs writeStock; …", for errors that say what a connector lacks. */
export function describeMissingFeedMethods(missing: MissingFeedMethods[]): string {
  return missing.map(({ feed, methods }) => `${feed} needs ${methods.join(", ")}`).join("; ");
}
