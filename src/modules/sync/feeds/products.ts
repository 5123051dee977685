import type { ChannelProduct } from "../../../connectors/contract.ts";
import {
  importProducts,
  type ListingInput,
  listingsOfConnection,
  normaliseSku,
  productsBySku,
  upsertListings,
} from "../../catalog/index.ts";
import { raiseIssue, recordSyncLog, resolveIssue } from "../../connections/index.ts";
import { WATERMARK_OVERLAP_MS } from "../defaults.ts";
import type { FeedContext, FeedHandler } from "../feed-context.ts";
import { setWatermark } from "../feeds.ts";

type Mode = "new" | "update" | "images";

/**
 * Products come from channels. `new` creates SKUs the hub lacks, `update` refreshes all of them,
 * `images` only images. A variant without a SKU, or two variants sharing one, is an error for a
 * person — never merged or guessed. The page cursor is saved after every page: a queued run works
 * in slices, and a run resumed after its worker died goes on where it stopped.
 */
function productFeed(mode: Mode): FeedHandler {
  return async (fc: FeedContext) => {
    const { session, feed, recorder, ctx } = fc;
    if (!session.listProducts) return "failed";
    const startedAt = recorder.run.startedAt ?? new Date();
    const since =
      !fc.full && feed.watermark && mode !== "update"
        ? new Date(feed.watermark.getTime() - WATERMARK_OVERLAP_MS)
        : undefined;
    const locationId = await stockLocation(fc);
    const seen = new Map<string, string>();
    let cursor: string | null = recorder.run.progress?.cursor ?? null;
    let done = recorder.run.progress?.done ?? 0;
    const resumed = cursor !== null;
    do {
      const page = await session.listProducts({
        ...(since ? { updatedSince: since } : {}),
        cursor,
        withImages: mode === "images",
      });
      if (resumed) await rememberEarlierPages(fc, page.items, startedAt, seen);
      await importPage(fc, page.items, mode, locationId, seen);
      done += page.items.length;
      cursor = page.nextCursor;
      await recorder.progress(done, page.estimatedTotal ?? null, cursor);
      if (cursor && fc.sliceOver?.()) return "queued";
    } while (cursor);
    await setWatermark(ctx.db, feed.id, startedAt);
    return recorder.counts.failed > 0 ? "partial" : undefined;
  };
}

/**
 * A resumed run read earlier pages in another slice: the variants it listed there since it started
 * count as seen, so a SKU shared by two variants is still caught across the pause.
 */
async function rememberEarlierPages(
  fc: FeedContext,
  items: ChannelProduct[],
  since: Date,
  seen: Map<string, string>,
): Promise<void> {
  const skus = items.flatMap((item) => {
    const sku = normaliseSku(item.sku ?? "");
    return sku.ok ? [sku.sku] : [];
  });
  const products = await productsBySku(fc.ctx.db, fc.connection.accountId, skus);
  if (products.size === 0) return;
  const listed = await listingsOfConnection(
    fc.ctx.db,
    fc.connection.id,
    [...products.values()].map((p) => p.id),
  );
  for (const l of listed)
    if (l.platformVariantId && l.updatedAt >= since && !seen.has(l.sku)) seen.set(l.sku, l.platformVariantId);
}

async function stockLocation(fc: FeedContext): Promise<string | null> {
  if (fc.connection.settings.stockLocationId) return fc.connection.settings.stockLocationId;
  const locations = (await fc.session.listLocations?.()) ?? [];
  return locations.find((l) => l.active)?.id ?? null;
}

async function importPage(
  fc: FeedContext,
  items: ChannelProduct[],
  mode: Mode,
  locationId: string | null,
  seen: Map<string, string>,
) {
  const { ctx, connection, recorder, feed } = fc;
  const accountId = connection.accountId;
  const good: ChannelProduct[] = [];
  for (const item of items) {
    const sku = normaliseSku(item.sku ?? "");
    const subject = {
      accountId,
      connectionId: connection.id,
      feedKind: feed.kind,
      subjectType: "variant",
      subjectId: item.platformVariantId,
      runId: recorder.run.id,
    };
    if (!sku.ok) {
      const message = `"${item.name}" on ${connection.name} has no usable SKU (${sku.error}); it is not synchronised`;
      await raiseIssue(ctx.db, { ...subject, severity: "error", code: "missing_sku", message });
      await recorder.message("error", "missing_sku", message, item.platformVariantId);
      recorder.count("failed");
      continue;
    }
    const first = seen.get(sku.sku);
    if (first && first !== item.platformVariantId) {
      const message = `SKU "${sku.sku}" is used by two variants on ${connection.name} (${first} and ${item.platformVariantId}); neither copy is merged`;
      await raiseIssue(ctx.db, { ...subject, severity: "error", code: "duplicate_sku", message });
      await recorder.message("error", "duplicate_sku", message, sku.sku);
      await recordSyncLog(ctx.db, [
        {
          accountId,
          connectionId: connection.id,
          sku: sku.sku,
          direction: "pull",
          quantity: null,
          result: "failed",
          severity: "error",
          reason: message,
        },
      ]);
      recorder.count("failed");
      continue;
    }
    seen.set(sku.sku, item.platformVariantId);
    await resolveIssue(ctx.db, connection.id, "variant", item.platformVariantId, "synchronised");
    good.push({ ...item, sku: sku.sku });
  }
  const existing = await productsBySku(
    ctx.db,
    accountId,
    good.map((g) => g.sku!),
  );
  const rows = good
    .filter((g) => mode !== "new" || !existing.has(g.sku!))
    .filter((g) => mode !== "images" || existing.has(g.sku!))
    .map((g) =>
      mode === "images" ? { sku: g.sku, name: existing.get(g.sku!)!.name, images: g.images } : rowOf(g),
    );
  recorder.count("skipped", good.length - rows.length);
  const report = await importProducts(ctx.db, accountId, rows, { source: `connection:${connection.id}` });
  recorder.count("new", report.imported);
  recorder.count("imported", report.imported);
  recorder.count("updated", report.updated);
  recorder.count("archived", good.filter((g) => g.archived && rows.some((r) => r.sku === g.sku)).length);
  for (const r of report.rejected) {
    recorder.count("failed");
    await recorder.message("error", "product_rejected", `${r.sku}: ${r.error}`, r.sku);
  }
  const ids = await productsBySku(
    ctx.db,
    accountId,
    good.map((g) => g.sku!),
  );
  const links: ListingInput[] = good
    .filter((g) => ids.has(g.sku!))
    .map((g) => ({
      productId: ids.get(g.sku!)!.id,
      platformProductId: g.platformProductId,
      platformVariantId: g.platformVariantId,
      inventoryItemId: g.inventoryItemId,
      locationId,
    }));
  await upsertListings(ctx.db, accountId, connection.id, links);
}

function rowOf(p: ChannelProduct): Record<string, unknown> {
  return {
    sku: p.sku,
    name: p.name,
    groupKey: p.groupKey ?? undefined,
    options: Object.keys(p.options).length ? p.options : undefined,
    barcode: p.barcode ?? undefined,
    weightGrams: p.weightGrams ?? undefined,
    priceMinor: p.priceMinor ?? undefined,
    currency: p.currency ?? undefined,
    archived: p.archived,
  };
}

export const newProductsFeed = productFeed("new");
export const updateProductsFeed = productFeed("update");
export const productImagesFeed = productFeed("images");
