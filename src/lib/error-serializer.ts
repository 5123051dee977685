import { stdSerializers } from "pino";

/**
 * Error fields that carry the values of a failed statement: drizzle's `params`, the driver's
 * `detail` ("Key (email)=(…) already exists"), `where` and `internalQuery` (PL/pgSQL context),
 * PGlite's `queryOptions`. A password hash or a token in an insert must never reach a log line.
 */
const VALUE_FIELDS = new Set([
  "params",
  "parameters",
  "values",
  "detail",
  "where",
  "internalQuery",
  "queryOptions",
]);

type ErrorLike = Error & Record<string, unknown>;

function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === "object" && value !== null && typeof (value as Error).message === "string";
}

/** A copy of the error (and its causes) with statement values removed from fields and text. */
function withoutValues(err: ErrorLike, seen: WeakSet<object>): ErrorLike {
  seen.add(err);
  const copy = Object.create(Object.getPrototypeOf(err)) as ErrorLike;
  // drizzle writes `params: ${params}` into its message, and so into the stack, too.
  const inText = ["params", "parameters"]
    .map((key) => err[key])
    .filter((v) => v !== undefined)
    .map((v) => `params: ${String(v)}`);
  const scrub = (text: string) => inText.reduce((t, p) => t.replaceAll(p, "params: [removed]"), text);
  copy.message = scrub(err.message);
  if (typeof err.stack === "string") copy.stack = scrub(err.stack);
  // AggregateError's `errors` and a native `cause` are own but not enumerable; copies keep that.
  const keys = new Set([...Object.keys(err), ...["errors", "cause"].filter((k) => Object.hasOwn(err, k))]);
  const clean = (v: unknown) => (isErrorLike(v) && !seen.has(v) ? withoutValues(v, seen) : v);
  for (const key of keys) {
    if (VALUE_FIELDS.has(key) || key === "message" || key === "stack") continue;
    const value = err[key];
    Object.defineProperty(copy, key, {
      value: Array.isArray(value) ? value.map(clean) : clean(value),
      enumerable: Object.prototype.propertyIsEnumerable.call(err, key),
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/** pino's `err` serializer, minus anything that could hold a failed statement's values. */
export function serializeError(err: unknown): unknown {
  return isErrorLike(err) ? stdSerializers.err(withoutValues(err, new WeakSet())) : err;
}
