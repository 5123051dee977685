/**
 * A LIKE / ILIKE pattern matching values that contain `text`, with `%`, `_` and `\` in it matched
 * literally (backslash is PostgreSQL's default LIKE escape).
 */
export function likePattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}

/**
 * A PostgreSQL array literal (`{"a","b"}`) to send as one parameter and cast in the query, as in
 * `any(${pgArray(ids)}::uuid[])`. Every element is quoted, so any text is safe in it. Long
 * `in (…)` lists of separate parameters overflow PGlite's parser stack; one array does not.
 */
export function pgArray(values: readonly (string | number | bigint | boolean)[]): string {
  return `{${values.map((v) => `"${String(v).replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`;
}

/** `items` in consecutive pieces of at most `size` (the last one may be shorter). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Whether the error (or one it wraps: drizzle puts the driver's error in `cause`) is PostgreSQL's
 * unique violation, SQLSTATE 23505, optionally on one named constraint. PGlite reports the same.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e = error; typeof e === "object" && e !== null; e = (e as { cause?: unknown }).cause) {
    const { code, constraint: name } = e as { code?: unknown; constraint?: unknown };
    if (code === "23505") return constraint === undefined || name === constraint;
  }
  return false;
}
