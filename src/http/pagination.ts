import { z } from "zod";
import { invalid } from "../lib/errors.ts";

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
});

/** Opaque keyset cursor: the last row's sort value and id, so pages stay stable while rows are added. */
export type CursorKey = { v: string | number; id: string };

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** An instant as `Date.toISOString()` writes it, within the years PostgreSQL and JS agree on. */
const instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
  .refine(isRoundTripInstant);
function isRoundTripInstant(s: string): boolean {
  const ms = Date.parse(s);
  return Number.isFinite(ms) && !s.startsWith("0000") && new Date(ms).toISOString() === s;
}
const serial = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/**
 * The key shapes listings hand out. A cursor must match its listing's shape exactly, so a forged
 * one is a 400 here instead of a type error from the database.
 */
export const cursorShapes = {
  /** Newest-first by a timestamp, ties broken by uuid (orders, feed runs, notifications). */
  instantAndUuid: z.strictObject({ v: instant, id: z.uuid() }),
  /** By a bigserial id (events, movements, drift). */
  serial: z.strictObject({ v: serial, id: z.string().regex(/^\d{1,16}$/) }),
  /** By SKU, ties broken by the product's uuid (products, planning). */
  skuAndUuid: z.strictObject({
    v: z
      .string()
      .min(1)
      .max(255)
      .refine((s) => !s.includes("\u0000")),
    id: z.uuid(),
  }),
  /**
   * Newest-first by a timestamp in microseconds since 1970 (the database's own precision, which a
   * JS date would round), ties broken by the row's key: `<connection uuid> <push|pull> <sku>` (sync log).
   */
  microsAndSyncLogKey: z.strictObject({
    v: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    id: z
      .string()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} (push|pull) .{1,255}$/s)
      .refine((s) => !s.includes("\u0000")),
  }),
} satisfies Record<string, z.ZodType<CursorKey>>;

export function decodeCursor<S extends z.ZodType<CursorKey>>(
  cursor: string | undefined,
  shape: S,
): z.infer<S> | undefined {
  if (!cursor) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    raw = undefined;
  }
  const parsed = shape.safeParse(raw);
  if (!parsed.success) throw invalid("invalid_cursor", "cursor is not one this API handed out");
  return parsed.data;
}

/** Given limit+1 rows, returns the page and the cursor for the next one. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  key: (row: T) => CursorKey,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
