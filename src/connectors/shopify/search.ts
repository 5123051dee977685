/**
 * Shopify search syntax for "changed at or after". `>=` rather than `>`: Shopify times have whole
 * seconds, so an edit in the watermark's own second would otherwise be skipped; the engine sees such
 * an object twice at worst.
 */
export function sinceQuery(field: "updated_at" | "created_at", since: Date): string {
  return `${field}:>='${since.toISOString()}'`;
}
