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
