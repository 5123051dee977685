import { z } from "zod";
import { AppError } from "../../lib/errors.ts";

/**
 * Cursors handed to the engine are opaque: base64url JSON holding Shopify's `endCursor` and the
 * filter it belongs to, so a page can be resumed from the cursor alone.
 */
const cursorSchema = z.object({
  /** Shopify's endCursor (GraphQL paging). */
  after: z.string().optional(),
  /** The search query the cursor was issued for. */
  query: z.string().optional(),
  /** How many records the filter matched when the read began (progress estimate). */
  total: z.number().int().min(0).optional(),
  /** A finished bulk operation being served in slices, and the offset reached. */
  bulk: z.object({ id: z.string(), offset: z.number().int().min(0) }).optional(),
});
export type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(text: string): Cursor {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
  } catch {
    throw new AppError(
      "invalid_data",
      "invalid_cursor",
      "The paging cursor is not one this connector issued",
    );
  }
}
