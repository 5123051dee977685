import type { Logger } from "pino";
import type { z } from "zod";
import type { ChannelProduct, Page } from "../contract.ts";
import { currentWaitLimit, PlatformDeferred, PlatformError } from "../http/index.ts";
import {
  type BulkOperationNode,
  bulkMediaLineSchema,
  bulkOperationSchema,
  bulkProductLineSchema,
  bulkRunSchema,
  bulkVariantLineSchema,
  type ProbePage,
  probeSchema,
} from "./bulk-schema.ts";
import { shopSchema } from "./catalog-schema.ts";
import type { GraphqlClient } from "./client.ts";
import { encodeCursor } from "./cursor.ts";
import { mapVariant } from "./map-product.ts";
import { BULK_QUERY_MUTATION } from "./mutations.ts";
import {
  BULK_CATALOG_MEDIA_QUERY,
  BULK_CATALOG_QUERY,
  BULK_OPERATION_QUERY,
  SHOP_QUERY,
  VARIANT_PROBE_QUERY,
} from "./queries.ts";

export type BulkCatalogOptions = {
  /** Full reads of shops with at least this many variants use a bulk operation; default 2,500. */
  thresholdVariants?: number;
  /** First wait between status polls, doubling up to 10 s; default 1,000 ms. */
  pollMs?: number;
  /** Give up on an operation after this long; default 30 minutes. */
  timeoutMs?: number;
  /** Variants per page handed to the engine from a finished operation; default 1,000. */
  pageSize?: number;
};

const DONE = new Set(["COMPLETED", "FAILED", "CANCELED", "EXPIRED"]);
const PROBE_PAGE = 250;

type Finished = { id: string; items: ChannelProduct[] };

/**
 * Full catalogue reads of large shops through `bulkOperationRunQuery`: Shopify runs the query in the
 * background without touching the cost bucket, then serves JSONL in which each variant line names
 * its product by `__parentId`. The result is handed out in pages; the cursor names the operation,
 * so a later page (even from another session) re-downloads it while its URL lives (7 days).
 */
export function createBulkCatalog(client: GraphqlClient, logger: Logger, options: BulkCatalogOptions = {}) {
  const threshold = options.thresholdVariants ?? 2_500;
  const pageSize = options.pageSize ?? 1_000;
  let latest: Finished | null = null;

  async function isLarge(): Promise<boolean> {
    let seen = 0;
    let after: string | null = null;
    while (seen < threshold) {
      const data: ProbePage = await client.run(
        VARIANT_PROBE_QUERY,
        { first: PROBE_PAGE, after },
        probeSchema,
        "catalog",
      );
      seen += data.productVariants.edges.length;
      if (!data.productVariants.pageInfo.hasNextPage) return seen >= threshold;
      after = data.productVariants.pageInfo.endCursor ?? null;
    }
    return true;
  }

  /**
   * Waits for an operation to end. Under a wait limit (a job in a worker slot) it waits no longer
   * than that: it defers, and the caller comes back with the operation's cursor.
   */
  async function poll(id: string): Promise<BulkOperationNode> {
    const deadline = Date.now() + (options.timeoutMs ?? 30 * 60_000);
    const limit = currentWaitLimit();
    const patience = limit === undefined ? undefined : Date.now() + limit;
    let wait = options.pollMs ?? 1_000;
    for (;;) {
      const { node } = await client.run(BULK_OPERATION_QUERY, { id }, bulkOperationSchema, "catalog");
      if (!node) throw bulkError(`bulk operation ${id} is unknown to Shopify`);
      if (node.status && DONE.has(node.status)) return node;
      if (Date.now() > deadline) throw bulkError(`bulk operation ${id} did not finish in time`);
      if (patience !== undefined && Date.now() + wait > patience) throw stillRunning(id, wait);
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait = Math.min(wait * 2, 10_000);
    }
  }

  async function load(id: string, operation: BulkOperationNode): Promise<Finished> {
    if (operation.status !== "COMPLETED") {
      throw bulkError(
        `bulk operation ${id} ended ${operation.status} (${operation.errorCode ?? "no error code"})`,
      );
    }
    const { shop } = await client.run(SHOP_QUERY, {}, shopSchema, "catalog");
    const text = operation.url ? await client.download(operation.url, "catalog") : "";
    latest = { id, items: parseCatalogJsonl(text, shop.currencyCode) };
    logger.info({ operation: id, variants: latest.items.length }, "Shopify bulk catalogue read");
    return latest;
  }

  function slice(finished: Finished, offset: number, size = pageSize): Page<ChannelProduct> {
    const end = offset + size;
    return {
      items: finished.items.slice(offset, end),
      nextCursor:
        end < finished.items.length ? encodeCursor({ bulk: { id: finished.id, offset: end } }) : null,
      estimatedTotal: finished.items.length,
    };
  }

  return {
    isLarge,
    /** Starts an operation and serves its first page; null when Shopify will not start one now. */
    async firstPage(size?: number, withImages = false): Promise<Page<ChannelProduct> | null> {
      const data = await client.run(
        BULK_QUERY_MUTATION,
        { query: withImages ? BULK_CATALOG_MEDIA_QUERY : BULK_CATALOG_QUERY },
        bulkRunSchema,
        "catalog",
      );
      const started = data.bulkOperationRunQuery?.bulkOperation;
      if (!started) {
        const reasons = data.bulkOperationRunQuery?.userErrors.map((error) => error.message).join(" ");
        logger.warn({ reasons }, "Shopify would not start a bulk catalogue read; paging instead");
        return null;
      }
      try {
        return slice(await load(started.id, await poll(started.id)), 0, size);
      } catch (error) {
        if (!(error instanceof PlatformDeferred)) throw error;
        // Not ready within the caller's limit: its cursor, to come back for the result later.
        return { items: [], nextCursor: encodeCursor({ bulk: { id: started.id, offset: 0 } }) };
      }
    },
    async page(cursor: { id: string; offset: number }, size?: number): Promise<Page<ChannelProduct>> {
      const finished = latest?.id === cursor.id ? latest : await load(cursor.id, await poll(cursor.id));
      return slice(finished, cursor.offset, size);
    },
  };
}

export type BulkCatalog = ReturnType<typeof createBulkCatalog>;

/** Shopify is still preparing the result: come back for it (a pace the platform sets, not a fault). */
function stillRunning(id: string, retryAfterMs: number): PlatformDeferred {
  return new PlatformDeferred({
    platform: "shopify",
    status: null,
    reason: "rate-limit",
    retryAfterMs,
    message: `Shopify is still running bulk operation ${id}; next look in ${Math.ceil(retryAfterMs / 1000)} s`,
    attempts: 1,
  });
}

function bulkError(message: string): PlatformError {
  return new PlatformError({ platform: "shopify", status: null, retryable: true, message, attempts: 1 });
}

function shapeError(message: string): PlatformError {
  return new PlatformError({ platform: "shopify", status: null, retryable: false, message, attempts: 1 });
}

function parseLine<T>(schema: z.ZodType<T>, value: unknown, lineNumber: number): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw shapeError(`Shopify bulk result line ${lineNumber} has an unexpected shape`);
}

const isVariantLine = (value: object) =>
  "id" in value && typeof value.id === "string" && value.id.includes("/ProductVariant/");

/**
 * Rebuilds variants with their products from JSONL (a product line precedes its child lines).
 * Child lines are variants or, when the query asked for media, images (other media kinds come as
 * bare `{"__parentId"}` lines and are skipped); a product's images go to each of its variants.
 */
export function parseCatalogJsonl(text: string, currency: string): ChannelProduct[] {
  const products = new Map<string, z.infer<typeof bulkProductLineSchema>>();
  const images = new Map<string, string[]>();
  const items: ChannelProduct[] = [];
  const lines = text.split("\n");
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const value: unknown = JSON.parse(line);
    const isChild = typeof value === "object" && value !== null && "__parentId" in value;
    if (!isChild) {
      const product = parseLine(bulkProductLineSchema, value, index + 1);
      products.set(product.id, product);
      continue;
    }
    if (!isVariantLine(value)) {
      const media = parseLine(bulkMediaLineSchema, value, index + 1);
      if (media.image?.url)
        images.set(media.__parentId, [...(images.get(media.__parentId) ?? []), media.image.url]);
      continue;
    }
    const { __parentId, ...variant } = parseLine(bulkVariantLineSchema, value, index + 1);
    const product = products.get(__parentId);
    if (!product) throw shapeError(`Shopify bulk result names an unknown product ${__parentId}`);
    items.push(mapVariant({ ...variant, product }, currency));
  }
  if (images.size === 0) return items;
  return items.map((item) => ({ ...item, images: images.get(item.platformProductId) ?? [] }));
}
