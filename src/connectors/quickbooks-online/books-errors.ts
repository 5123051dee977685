import { BooksError, type BooksErrorKind } from "../contract-books.ts";
import { QboFaultError, type QboFaultKind } from "./faults.ts";

/** QuickBooks' fault kinds in the contract's neutral terms. */
const neutralKind: Record<QboFaultKind, BooksErrorKind> = {
  stale: "stale",
  not_found: "not_found",
  invalid_reference: "validation",
  duplicate_name: "duplicate",
  duplicate_doc_number: "duplicate",
  validation: "validation",
  throttled: "throttled",
  authentication: "auth",
  authorization: "auth",
  other: "other",
};

/** A Fault as the books module sees it; the fault itself stays as `cause`, its code as `code`. */
export function toBooksError(fault: QboFaultError): BooksError {
  return new BooksError({
    platform: fault.platform,
    status: fault.status,
    retryable: fault.retryable,
    message: fault.message,
    attempts: fault.attempts,
    kind: neutralKind[fault.kind],
    code: fault.code,
    cause: fault,
  });
}

/** Wraps a books call so a QuickBooks Fault leaves it as a BooksError; other errors pass unchanged. */
export function withBooksErrors<Args extends unknown[], Result>(
  call: (...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  return async (...args) => {
    try {
      return await call(...args);
    } catch (error) {
      throw error instanceof QboFaultError ? toBooksError(error) : error;
    }
  };
}
