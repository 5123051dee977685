import { AppError } from "../../lib/errors.ts";
import type { BooksDocument, BooksDocumentKind, BooksLine, SalesDocumentInput } from "../contract-books.ts";
import type { QboClient } from "./client.ts";
import { fromQboAmount, toQboAmount } from "./money.ts";
import { queryRows, quote } from "./query.ts";
import { requestIdFor } from "./request-id.ts";
import { type QboSalesDocument, salesDocumentSchema } from "./schemas.ts";

const resourceOf: Record<BooksDocumentKind, string> = {
  SalesReceipt: "salesreceipt",
  Invoice: "invoice",
  RefundReceipt: "refundreceipt",
  CreditMemo: "creditmemo",
};

function lineBody(line: BooksLine, currency: string, taxCode: string | null): Record<string, unknown> {
  const description = line.description ? { Description: line.description } : {};
  if ("discountMinor" in line) {
    return {
      DetailType: "DiscountLineDetail",
      Amount: toQboAmount(line.discountMinor, currency),
      DiscountLineDetail: { PercentBased: false },
      ...description,
    };
  }
  if (!Number.isInteger(line.qty))
    throw new AppError("invalid_data", "invalid_quantity", "line quantities are whole units");
  return {
    DetailType: "SalesItemLineDetail",
    // Amount = Qty × UnitPrice exactly, computed in minor units (QuickBooks checks it: 6070).
    Amount: toQboAmount(line.qty * line.unitPriceMinor, currency),
    SalesItemLineDetail: {
      ItemRef: { value: line.itemId },
      Qty: line.qty,
      UnitPrice: toQboAmount(line.unitPriceMinor, currency),
      ...(line.taxCode || taxCode ? { TaxCodeRef: { value: line.taxCode || taxCode } } : {}),
    },
    ...description,
  };
}

/** The JSON body of a sales document, also usable as a batch item's payload. */
export function salesDocumentBody(
  input: SalesDocumentInput,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  if (input.lines.length === 0)
    throw new AppError("invalid_data", "no_lines", "a document needs at least one line");
  return {
    ...(input.docNumber ? { DocNumber: input.docNumber } : {}),
    TxnDate: input.txnDate,
    ...(input.customerRef ? { CustomerRef: { value: input.customerRef } } : {}),
    ...(input.privateNote ? { PrivateNote: input.privateNote } : {}),
    CurrencyRef: { value: input.currency },
    Line: input.lines.map((line) => lineBody(line, input.currency, input.taxCode ?? null)),
    ...extra,
  };
}

export function toBooksDocument(
  kind: BooksDocumentKind,
  doc: QboSalesDocument,
  currency: string,
): BooksDocument {
  return {
    kind,
    id: doc.Id,
    syncToken: doc.SyncToken,
    docNumber: doc.DocNumber ?? null,
    txnDate: doc.TxnDate ?? null,
    totalMinor: doc.TotalAmt === undefined ? null : (fromQboAmount(doc.TotalAmt, currency) ?? null),
  };
}

export async function createDocument(
  client: QboClient,
  kind: BooksDocumentKind,
  input: SalesDocumentInput,
  extra: Record<string, unknown> = {},
): Promise<BooksDocument> {
  const body = salesDocumentBody(input, extra);
  const requestId = requestIdFor(input.idempotencyKey, resourceOf[kind], body);
  const answer = await client.post(resourceOf[kind], body, { requestId, priority: "orders" });
  return toBooksDocument(kind, readEntity(kind, answer), input.currency);
}

function readEntity(kind: BooksDocumentKind, answer: unknown): QboSalesDocument {
  const entity =
    typeof answer === "object" && answer !== null ? (answer as Record<string, unknown>)[kind] : undefined;
  return salesDocumentSchema.parse(entity);
}

/** Deleting reverses the document's stock movement. Faults: 5010 stale token, 610 already gone. */
export async function deleteDocument(
  client: QboClient,
  kind: BooksDocumentKind,
  id: string,
  syncToken: string,
) {
  const body = { Id: id, SyncToken: syncToken };
  const requestId = requestIdFor(`delete:${id}:${syncToken}`, resourceOf[kind], body);
  await client.post(resourceOf[kind], body, {
    requestId,
    params: { operation: "delete" },
    priority: "orders",
  });
}

/** Every sales receipt with this number (QuickBooks does not force numbers to be unique). */
export async function findSalesReceiptsByDocNumber(
  client: QboClient,
  docNumber: string,
  currency: string,
): Promise<BooksDocument[]> {
  const rows = await queryRows(
    client,
    "SalesReceipt",
    `SELECT * FROM SalesReceipt WHERE DocNumber = ${quote(docNumber)} ORDERBY Id`,
    salesDocumentSchema,
    "orders",
  );
  return rows
    .filter((row) => row.DocNumber === docNumber)
    .map((row) => toBooksDocument("SalesReceipt", row, currency));
}
