import { chunks } from "../../../db/sql.ts";
import { listingsOfConnection } from "../../catalog/index.ts";
import { recordSyncLog, type SyncLogEntry } from "../../connections/index.ts";
import { channelAvailability } from "../../inventory/index.ts";
import type { FeedContext } from "../feed-context.ts";
import { enqueueOne } from "../outbox.ts";
import { stockDrift } from "../schema.ts";

const READ_BATCH = 250;

/**
 * Nightly comparison of every listed SKU (R-SYNC-11): stores each difference with who last wrote
 * the platform's value — the hub's last push, or someone outside — and, in live mode with
 * correction on, queues a push of the hub's quantity. Listings go in product order and the last
 * product checked is the run's cursor, so a run goes on where its last slice stopped.
 */
export async function stockCheckFeed(fc: FeedContext) {
  const { ctx, connection, session, recorder } = fc;
  if (!session.readStock) return "failed" as const;
  const { listings, offset } = await listingsAfterCursor(fc);
  const correct = connection.mode === "live" && connection.settings.correctDrift === true;
  let done = offset;
  for (const chunk of chunks(listings, READ_BATCH)) {
    const levels = await session.readStock(
      chunk.map((l) => ({ inventoryItemId: l.inventoryItemId!, locationId: l.locationId! })),
    );
    const platform = new Map(levels.map((l) => [`${l.inventoryItemId}@${l.locationId}`, l.quantity]));
    const hub = await channelAvailability(
      ctx.db,
      connection.accountId,
      chunk.map((l) => l.productId),
    );
    const log: SyncLogEntry[] = [];
    for (const l of chunk) {
      const theirs = platform.get(`${l.inventoryItemId}@${l.locationId}`);
      const ours = Math.max(0, hub.get(l.productId) ?? 0);
      if (theirs === undefined) {
        recorder.count("failed");
        await recorder.message(
          "error",
          "not_stocked",
          `SKU ${l.sku} is not stocked at location ${l.locationId} on ${connection.name}`,
          l.sku,
        );
        log.push({
          accountId: connection.accountId,
          connectionId: connection.id,
          sku: l.sku,
          direction: "pull",
          quantity: null,
          result: "failed",
          severity: "error",
          reason: "not stocked at the listing's location",
        });
        continue;
      }
      log.push({
        accountId: connection.accountId,
        connectionId: connection.id,
        sku: l.sku,
        direction: "pull",
        quantity: theirs,
        result: "ok",
      });
      if (theirs === ours) {
        recorder.count("skipped");
        continue;
      }
      const lastWriter =
        l.lastPushedQuantity === null ? "unknown" : l.lastPushedQuantity === theirs ? "hub" : "outside";
      await ctx.db.insert(stockDrift).values({
        accountId: connection.accountId,
        connectionId: connection.id,
        runId: recorder.run.id,
        sku: l.sku,
        locationId: l.locationId!,
        hubQuantity: ours,
        platformQuantity: theirs,
        lastWriter,
        corrected: correct,
      });
      if (correct) {
        await enqueueOne(ctx.db, {
          accountId: connection.accountId,
          connectionId: connection.id,
          kind: "stock",
          subjectId: l.productId,
          sku: l.sku,
        });
        recorder.count("updated");
      } else {
        recorder.count("failed");
      }
      await recorder.message(
        correct ? "info" : "error",
        "stock_drift",
        `SKU ${l.sku}: hub ${ours}, ${connection.name} ${theirs} (last written by ${lastWriter})${correct ? "; correcting" : ""}`,
        l.sku,
      );
    }
    await recordSyncLog(ctx.db, log);
    done += chunk.length;
    const cursor = done < offset + listings.length ? chunk.at(-1)!.productId : null;
    await recorder.progress(done, offset + listings.length, cursor);
    if (cursor && fc.sliceOver?.()) return "queued" as const;
  }
  return recorder.counts.failed > 0 ? ("partial" as const) : undefined;
}

/**
 * The connection's listings with a stock location, in product order: after the run's cursor (and
 * `offset`, how many came before it) when the run goes on from an earlier slice.
 */
export async function listingsAfterCursor(fc: FeedContext) {
  const after = fc.recorder.run.progress?.cursor ?? null;
  const listings = (await listingsOfConnection(fc.ctx.db, fc.connection.id))
    .filter((l) => l.inventoryItemId && l.locationId && (after === null || l.productId > after))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
  return { listings, offset: after === null ? 0 : (fc.recorder.run.progress?.done ?? 0) };
}
