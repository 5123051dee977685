import { z } from "zod";
import { PlatformError } from "../http/index.ts";

/**
 * QuickBooks' error bodies: the data service answers `{ Fault: { Error: [{ Message, Detail, code }], type } }`,
 * the gateway in front of it a lower-case `{ fault: { error: [{ message, detail, code }] } }` (401/403).
 */
const errorEntry = z.looseObject({
  Message: z.string().optional(),
  message: z.string().nullish(),
  Detail: z.string().optional(),
  // A 403's `detail` is null as well.
  detail: z.string().nullish(),
  code: z.union([z.string(), z.number()]).optional(),
  // The gateway's 401/403 bodies carry `"element": null`; data-service faults a field name or nothing.
  element: z.string().nullish(),
});
const faultBody = z.looseObject({
  Error: z.array(errorEntry).optional(),
  error: z.array(errorEntry).optional(),
  type: z.string().optional(),
});
export const faultSchema = faultBody;
const envelope = z.looseObject({ Fault: faultBody.optional(), fault: faultBody.optional() });

/** What a caller branches on; anything else is `other`. */
export type QboFaultKind =
  | "stale" // 5010: re-read the object (new SyncToken) and try again
  | "not_found" // 610
  | "invalid_reference" // 2500: unknown or inactive item, customer or account
  | "duplicate_name" // 6240
  | "duplicate_doc_number" // 6140
  | "validation" // other 2xxx / 6xxx business and validation faults
  | "throttled" // 3001: the platform client already waited and retried
  | "authentication" // 3200 / AuthenticationFailed: refresh was tried
  | "authorization" // 3100: the token belongs to another company or lacks the scope
  | "other";

export type QboFaultDetail = { code: string; message: string; detail: string; element?: string };

const kindByCode: Record<string, QboFaultKind> = {
  "5010": "stale",
  "610": "not_found",
  "2500": "invalid_reference",
  "6240": "duplicate_name",
  "6140": "duplicate_doc_number",
  "3001": "throttled",
  "3200": "authentication",
  "3100": "authorization",
};

/**
 * A QuickBooks Fault, typed by its first error code. It is a PlatformError (same `retryable` rule
 * for the job queue) and safe to log: no tokens, no request body.
 */
export class QboFaultError extends PlatformError {
  override name = "QboFaultError";
  readonly kind: QboFaultKind;
  constructor(
    status: number | null,
    readonly faultType: string,
    readonly errors: QboFaultDetail[],
  ) {
    const first = errors[0];
    const kind = faultKind(first?.code, first?.message ?? "");
    super({
      platform: "quickbooks-online",
      status,
      // Stale objects succeed after a re-read; throttles and 5xx later on.
      retryable: kind === "stale" || kind === "throttled" || (status !== null && status >= 500),
      message: first
        ? `QuickBooks fault ${first.code}: ${first.message}${first.detail ? ` (${first.detail})` : ""}`
        : "QuickBooks fault",
      attempts: 1,
    });
    this.kind = kind;
  }
  get code(): string {
    return this.errors[0]?.code ?? "";
  }
}

function faultKind(code: string | undefined, message: string): QboFaultKind {
  if (code && kindByCode[code]) return kindByCode[code];
  if (/AuthenticationFailed/i.test(message)) return "authentication";
  if (/AuthorizationFailed/i.test(message)) return "authorization";
  if (code && /^[26]\d{3}$/.test(code)) return "validation";
  return "other";
}

/** Reads a `Fault` (either case) out of a parsed object, or undefined when there is none. */
export function faultFrom(value: unknown, status: number | null): QboFaultError | undefined {
  const parsed = envelope.safeParse(value);
  if (!parsed.success) return undefined;
  const fault = parsed.data.Fault ?? parsed.data.fault;
  return fault ? toFaultError(fault, status) : undefined;
}

export function toFaultError(fault: z.infer<typeof faultBody>, status: number | null): QboFaultError {
  const errors = (fault.Error ?? fault.error ?? []).map((e) => ({
    code: String(e.code ?? ""),
    message: e.Message ?? e.message ?? "",
    detail: e.Detail ?? e.detail ?? "",
    ...(e.element ? { element: e.element } : {}),
  }));
  return new QboFaultError(status, fault.type ?? "", errors);
}

/** True for the gateway's 401 (`AuthenticationFailed`, code 3200, either case of `fault`). */
export function isAuthenticationFailure(status: number, bodyText: string): boolean {
  if (status !== 401) return false;
  const fault = safeFault(bodyText, status);
  return fault === undefined || fault.kind === "authentication";
}

export function safeFault(bodyText: string, status: number): QboFaultError | undefined {
  try {
    return faultFrom(JSON.parse(bodyText), status);
  } catch {
    return undefined;
  }
}
