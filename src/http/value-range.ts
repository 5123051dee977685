/**
 * SQLSTATEs for a value the database cannot hold: a number past its column's range (22003), a date
 * outside PostgreSQL's range (22008), or a JS date outside years 1–9999, which serialises with a
 * sign and six-digit year that PostgreSQL cannot read (22007, 22009). Schemas admit any safe
 * integer and any JS date, and sums of admitted values can still overflow a 32-bit column, so the
 * database is where such a request is finally refused.
 */
const OUT_OF_RANGE = new Set(["22003", "22007", "22008", "22009"]);

/** Whether the error, or one it wraps, is the database refusing a value that does not fit. */
export function isValueOutOfRange(error: unknown): boolean {
  // Drizzle wraps the driver's error in `cause`; PGlite and pg both carry the SQLSTATE as `code`.
  for (let e = error; typeof e === "object" && e !== null; e = (e as { cause?: unknown }).cause) {
    if (OUT_OF_RANGE.has(String((e as { code?: unknown }).code))) return true;
  }
  return false;
}
