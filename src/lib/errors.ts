/** The fixed set of failure kinds a caller can branch on; each maps to one HTTP status. */
export const errorKinds = {
  invalid_data: 400,
  unauthenticated: 401,
  not_allowed: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unexpected_state: 422,
  rate_limited: 429,
  unavailable: 503,
} as const;
export type ErrorKind = keyof typeof errorKinds;

/**
 * An expected failure with a stable `code` (snake_case, part of the API contract) and a message
 * safe to show to the caller. Anything that is not an AppError is treated as a bug (500).
 */
export class AppError extends Error {
  override name = "AppError";
  readonly status: number;
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.status = errorKinds[kind];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what}_not_found`, `${what} not found`);
/**
 * A 400 for input the caller must correct. `code` names the failure (a snake_case string literal,
 * listed in docs/error-codes.md), so clients branch on it rather than on the wording.
 */
export const invalid = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError("invalid_data", code, message, details);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError("conflict", code, message, details);
