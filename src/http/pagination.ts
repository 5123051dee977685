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

export function decodeCursor(cursor: string | undefined): CursorKey | undefined {
  if (!cursor) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as CursorKey;
    if ((typeof parsed.v !== "string" && typeof parsed.v !== "number") || typeof parsed.id !== "string")
      throw 0;
    return parsed;
  } catch {
    throw invalid("cursor is not one this API handed out");
  }
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
