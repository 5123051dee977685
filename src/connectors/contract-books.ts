import { PlatformError, type PlatformErrorInit } from "./http/index.ts";

/**
 * The books side of the contract: what `modules/books` asks of an accounting platform's session
 * (`session.books()`), in neutral terms. A books connector implements `BooksClient` and turns every
 * refusal of its platform into a `BooksError` whose `kind` the poster can branch on; transport
 * failures (network, 5xx after retries, deferral) stay `PlatformError`s.
 */

export type BooksItemLine = {
  itemId: string;
  /** Whole units; negative only where the books platform allows it. */
  qty: number;
  unitPriceMinor: number;
  description?: string | null;
  /** The books platform's tax code for this line (see `listTaxCodes`); default the document's `taxCode`. */
  taxCode?: string | null;
};
/** A discount on the whole document, subtracted from the subtotal. */
export type BooksDiscountLine = { discountMinor: number; description?: string | null };
export type BooksLine = BooksItemLine | BooksDiscountLine;

export type SalesDocumentInput = {
  /**
   * Names the logical write (e.g. the posting-ledger row and its generation). The same key and
   * content must create one document however often it is sent; re-creating a deleted document
   * needs a new key.
   */
  idempotencyKey: string;
  /** The document number; the platform numbers it when absent (QuickBooks: at most 21 characters). */
  docNumber?: string | null;
  /** The company's date, `YYYY-MM-DD`. */
  txnDate: string;
  /** Customer id (see `ensureCustomer`); required for an invoice or a credit memo. */
  customerRef?: string | null;
  lines: BooksLine[];
  /** The order numbers a summary covers (QuickBooks keeps up to 4,000 characters). */
  privateNote?: string | null;
  /** ISO 4217; decides the minor-unit digits (JPY 0, USD 2, KWD 3). */
  currency: string;
  /**
   * Tax code for item lines that name none. Companies outside the US refuse lines without one
   * (QuickBooks GB/CA/AU); US companies default to their non-taxable code.
   */
  taxCode?: string | null;
};

/** A tax code of the books company, as a setting can name it. */
export type BooksTaxCode = { id: string; name: string; taxable: boolean; active: boolean };

/** A refund receipt may name the account that paid the refund; default the platform's first bank account. */
export type RefundReceiptInput = SalesDocumentInput & { depositAccountRef?: string };

export type BooksDocumentKind = "SalesReceipt" | "Invoice" | "RefundReceipt" | "CreditMemo";

export type BooksDocument = {
  kind: BooksDocumentKind;
  id: string;
  /** The version the platform needs to change or delete the document. */
  syncToken: string;
  docNumber: string | null;
  txnDate: string | null;
  /** null when the platform's total has more digits than the currency (reported, not rounded). */
  totalMinor: number | null;
};

export type ItemMatchRule = "sku" | "sku-ignoring-case" | "name" | "name-ignoring-case";

export type ItemMatch = {
  /** The hub SKU that was looked up. */
  sku: string;
  itemId: string;
  itemName: string;
  itemSku: string | null;
  itemType: string | null;
  matchedBy: ItemMatchRule;
  qtyOnHand: number | null;
};

export type ItemCandidate = { itemId: string; itemName: string; itemSku: string | null };

export type SkuMatchReport = {
  matches: ItemMatch[];
  /** No active item has this SKU or name: the sync log's "unmatched SKU" error. */
  unknown: string[];
  /** More than one item fits at the first rule that found any: nothing is guessed. */
  ambiguous: { sku: string; matchedBy: ItemMatchRule; candidates: ItemCandidate[] }[];
};

export type BooksClient = {
  findItemsBySku(skus: readonly string[]): Promise<SkuMatchReport>;
  /** The active customer with this display name, created when there is none (reactivated if inactive). */
  ensureCustomer(name: string): Promise<{ id: string; displayName: string; created: boolean }>;
  createSalesReceipt(input: SalesDocumentInput): Promise<BooksDocument>;
  /** A sale billed rather than paid at once; needs the customer. Lowers stock like a receipt. */
  createInvoice(input: SalesDocumentInput): Promise<BooksDocument>;
  createRefundReceipt(input: RefundReceiptInput): Promise<BooksDocument>;
  createCreditMemo(input: SalesDocumentInput): Promise<BooksDocument>;
  /** Reverses its stock movement. Throws BooksError `stale` or `not_found`. */
  deleteSalesReceipt(id: string, syncToken: string): Promise<void>;
  /** The first sales receipt with exactly this number, or null. */
  findSalesReceiptByDocNumber(docNumber: string): Promise<BooksDocument | null>;
  /** The company's tax codes, for settings that name one; optional for platforms without codes. */
  listTaxCodes?(): Promise<BooksTaxCode[]>;
};

/**
 * Why the books platform refused a call:
 * - `stale`: the document changed since it was read; re-read it and try again.
 * - `not_found`: it is gone (a delete that finds nothing has nothing left to do).
 * - `duplicate`: a name or document number already taken.
 * - `validation`: the content was refused (an unknown or inactive item, customer or account included).
 * - `throttled`: still over the platform's limit after the client's own waits.
 * - `auth`: the credentials were refused or lack the rights.
 * - `other`: anything the connector cannot place.
 */
export const booksErrorKinds = [
  "stale",
  "not_found",
  "duplicate",
  "validation",
  "throttled",
  "auth",
  "other",
] as const;
export type BooksErrorKind = (typeof booksErrorKinds)[number];

/**
 * A refusal by the books platform, typed by a neutral `kind`. It is a PlatformError, so the job
 * queue's `retryable` rule and the safe-to-log guarantees hold; `code` keeps the platform's own
 * error code for the log and the issue text.
 */
export class BooksError extends PlatformError {
  override name = "BooksError";
  readonly kind: BooksErrorKind;
  readonly code: string;

  constructor(init: PlatformErrorInit & { kind: BooksErrorKind; code?: string; cause?: unknown }) {
    super(init);
    this.kind = init.kind;
    this.code = init.code ?? "";
    if (init.cause !== undefined) this.cause = init.cause;
  }
}
