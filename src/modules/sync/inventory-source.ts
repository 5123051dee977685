import { and, eq, ne } from "drizzle-orm";
import { webConnectorOf } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/engine.ts";
import { inTransaction } from "../../db/tx.ts";
import { AppError } from "../../lib/errors.ts";
import { getConnection } from "../connections/index.ts";
import { getWarehouse } from "../inventory/index.ts";
import { ensureFeeds } from "./feeds.ts";
import { feeds, inventorySources } from "./schema.ts";

/** The feed that reads the source's counts; scheduled only on the account's source connection. */
export const INVENTORY_SOURCE_FEED = "inventory-source";
/** Every five minutes ("every few minutes", issue 6); the merchant can change it on the feed. */
export const INVENTORY_SOURCE_CRON = "*/5 * * * *";

export type InventorySource =
  | { source: "hub"; connectionId: null; warehouseId: null; since: null }
  | {
      source: "books";
      connectionId: string;
      /** The warehouse the books' counts describe; null = the account's default warehouse. */
      warehouseId: string | null;
      /** When this connection became the source. */
      since: string;
    };

export type InventorySourceInput =
  | { source: "hub" }
  | { source: "books"; connectionId: string; warehouseId?: string | null };

const HUB: InventorySource = { source: "hub", connectionId: null, warehouseId: null, since: null };

export async function getInventorySource(db: Db, accountId: string): Promise<InventorySource> {
  const [row] = await db.select().from(inventorySources).where(eq(inventorySources.accountId, accountId));
  if (!row) return HUB;
  return {
    source: "books",
    connectionId: row.connectionId,
    warehouseId: row.warehouseId,
    since: row.since.toISOString(),
  };
}

/** The source for modules below sync (QuickBooks Desktop's read-back): the books connection, or null. */
export async function booksInventorySource(db: Db, accountId: string) {
  const source = await getInventorySource(db, accountId);
  if (source.source === "hub") return null;
  return {
    connectionId: source.connectionId,
    warehouseId: source.warehouseId,
    since: new Date(source.since),
  };
}

/**
 * Chooses the account's inventory source (R-SYNC-8): the hub (default) or a connection whose
 * platform can be one (its connector offers the `inventory-source` feed — QuickBooks Online today).
 * Choosing a connection schedules its feed to run now and every few minutes, from a full read;
 * going back to the hub (or to another connection) unschedules the previous one's.
 */
export async function putInventorySource(
  ctx: AppContext,
  accountId: string,
  input: InventorySourceInput,
): Promise<InventorySource> {
  const target = input.source === "books" ? await checkTarget(ctx, accountId, input) : null;
  const current = await getInventorySource(ctx.db, accountId);
  await inTransaction(ctx.db, async (tx) => {
    // The previous source's feed stops; a stale schedule must not move stock behind the new source.
    await tx
      .update(feeds)
      .set({ cron: null, nextRunAt: null, updatedAt: new Date() })
      .where(
        and(
          eq(feeds.accountId, accountId),
          eq(feeds.kind, INVENTORY_SOURCE_FEED),
          target ? ne(feeds.connectionId, target.connection.id) : undefined,
        ),
      );
    if (!target) {
      await tx.delete(inventorySources).where(eq(inventorySources.accountId, accountId));
      return;
    }
    const changed = current.connectionId !== target.connection.id;
    const values = {
      connectionId: target.connection.id,
      warehouseId: target.warehouseId,
      updatedAt: new Date(),
    };
    await tx
      .insert(inventorySources)
      .values({ accountId, ...values })
      .onConflictDoUpdate({
        target: inventorySources.accountId,
        set: changed ? { ...values, since: new Date() } : values,
      });
    // A Web Connector platform (QuickBooks Desktop) is read in its own sessions, not by a feed.
    if (!changed || !polledByFeed(ctx, target.connection.platform)) return;
    await ensureFeeds(tx, target.connection, [INVENTORY_SOURCE_FEED]);
    // Run at the next tick, and read everything the first time (no watermark).
    await tx
      .update(feeds)
      .set({
        cron: INVENTORY_SOURCE_CRON,
        enabled: true,
        nextRunAt: new Date(),
        watermark: null,
        updatedAt: new Date(),
      })
      .where(and(eq(feeds.connectionId, target.connection.id), eq(feeds.kind, INVENTORY_SOURCE_FEED)));
  });
  return getInventorySource(ctx.db, accountId);
}

const polledByFeed = (ctx: AppContext, platform: string) =>
  ctx.connectors[platform]?.capabilities.feeds.includes(INVENTORY_SOURCE_FEED) ?? false;

async function checkTarget(
  ctx: AppContext,
  accountId: string,
  input: { connectionId: string; warehouseId?: string | null },
) {
  // Ids first: another account's connection or warehouse is a 404, whatever else is wrong.
  const connection = await getConnection(ctx.db, accountId, input.connectionId);
  if (input.warehouseId) await getWarehouse(ctx.db, accountId, input.warehouseId);
  const capable =
    polledByFeed(ctx, connection.platform) || webConnectorOf(ctx.connectors[connection.platform]) !== null;
  if (!capable) {
    throw new AppError(
      "invalid_data",
      "not_an_inventory_source",
      `connection "${connection.name}" (${connection.platform}) cannot be the inventory source; choose a QuickBooks Online or Desktop connection`,
    );
  }
  return { connection, warehouseId: input.warehouseId ?? null };
}
