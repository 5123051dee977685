import type { BooksClient, BooksDocument, BooksLine, SalesDocumentInput } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import { getConnection, raiseIssue, recordPreviews, recordSyncLog } from "../connections/index.ts";
import { booksClientOf } from "./books-session.ts";
import { type DocumentDraft, orderDraft, refundDraft, summaryDocNumber, summaryDraft } from "./documents.ts";
import { claimPosting, getPosting, type Posting, settlePosting } from "./ledger.ts";
import { recordPosted } from "./posted.ts";
import { postableOrder, postableRefund } from "./read-model.ts";
import { getOrderSettings } from "./settings.ts";
import { summaryForSubject, summaryOfOrder } from "./summaries.ts";
import { taxCodeFor } from "./tax-codes.ts";
import { pollingProtocolOf } from "./web-connector/protocol.ts";
import { enqueueDocument } from "./web-connector/queue.ts";

/** `queued`: prepared for a platform that polls the hub (QuickBooks Desktop), posted when it answers. */
export type PostOutcome = "posted" | "queued" | "preview" | "failed" | "blocked" | "skipped";
const FEED = "books";

/** The books client call that creates each kind of document. */
const creators: Record<
  DocumentDraft["kind"],
  (client: BooksClient, input: SalesDocumentInput) => Promise<BooksDocument>
> = {
  SalesReceipt: (client, input) => client.createSalesReceipt(input),
  Invoice: (client, input) => client.createInvoice(input),
  RefundReceipt: (client, input) => client.createRefundReceipt(input),
  CreditMemo: (client, input) => client.createCreditMemo(input),
};

/** Turns a ledger row's subject into the document it stands for, from the hub's current data. */
async function draftFor(ctx: AppContext, row: Posting): Promise<DocumentDraft | string> {
  const channel = row.channelConnectionId
    ? await getConnection(ctx.db, row.accountId, row.channelConnectionId).catch(() => null)
    : null;
  const settings = channel ? await getOrderSettings(ctx.db, row.accountId, channel.id) : null;
  const customer = settings?.summaryCustomer ?? `${channel?.name ?? "Stockwire"} sales`;
  if (row.subjectType === "order") {
    const order = await postableOrder(ctx.db, row.subjectId);
    return order ? orderDraft(order, customer, settings?.saleDocument) : "the order no longer exists";
  }
  if (row.subjectType === "summary") {
    const summary = await summaryForSubject(ctx.db, row.subjectId);
    return summary ? summaryDraft(summary, customer, channel?.name ?? "") : "the summary no longer exists";
  }
  const refund = await postableRefund(ctx.db, row.subjectId);
  if (!refund) return "the refund no longer exists";
  if (refund.lines.length === 0) return "a refund without lines cannot be posted as a refund receipt";
  const inSummary = await summaryOfOrder(ctx.db, refund.orderId);
  const summaryDoc = inSummary ? summaryDocNumber(inSummary) : null;
  // A refund of an order inside a summary is booked against the summary's customer.
  const name = inSummary ? customer : (refund.customerName ?? customer);
  return refundDraft(refund, name, summaryDoc, settings?.refundDocument);
}

/**
 * Posts one ledger row, at most once: the row is claimed first, every SKU is resolved before
 * anything is created (an unknown SKU leaves nothing half-posted), and the create carries the
 * row's idempotency key so a retried request returns the first document.
 */
export async function postOne(ctx: AppContext, postingId: string): Promise<PostOutcome> {
  const peek = await getPosting(ctx.db, postingId);
  if (!peek || peek.status === "posted") return "skipped";
  const books = await getConnection(ctx.db, peek.accountId, peek.booksConnectionId);
  // Outbound writes are blocked in test mode (R-CON-3): the row waits, untouched.
  if (books.mode === "test") return "blocked";
  const row = await claimPosting(ctx.db, postingId);
  if (!row) return "skipped";
  try {
    const draft = await draftFor(ctx, row);
    if (typeof draft === "string") {
      await settlePosting(ctx.db, row.id, { status: "failed", error: draft });
      return "failed";
    }
    if (books.mode === "shadow") {
      await recordPreviews(ctx.db, row.accountId, books.id, [
        {
          kind: `books.${draft.kind}`,
          subject: row.subjectId,
          description: `${draft.kind} ${draft.docNumber} for ${draft.customerName}`,
          payload: draft,
        },
      ]);
      await settlePosting(ctx.db, row.id, { status: "preview", error: null });
      return "preview";
    }
    const polled = pollingProtocolOf(ctx, books);
    const taxCode = taxCodeFor(books, row.channelConnectionId);
    if (polled) return await enqueueDocument(ctx, row, draft, polled, taxCode);
    return await send(ctx, row, draft, booksClientOf(ctx, books), taxCode);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await settlePosting(ctx.db, row.id, { status: "failed", error: message });
    await raiseIssue(ctx.db, {
      accountId: row.accountId,
      connectionId: row.booksConnectionId,
      feedKind: FEED,
      subjectType: `posting-${row.subjectType}`,
      subjectId: row.subjectId,
      severity: "error",
      code: "books_posting_failed",
      message: `${row.subjectType} posting failed: ${message}`,
    });
    return "failed";
  }
}

async function send(
  ctx: AppContext,
  row: Posting,
  draft: DocumentDraft,
  client: BooksClient,
  taxCode: string | null,
): Promise<PostOutcome> {
  const skus = [...new Set(draft.items.map((i) => i.sku))];
  const report = await client.findItemsBySku(skus);
  const missing = [...report.unknown, ...report.ambiguous.map((a) => a.sku)];
  if (missing.length > 0) {
    for (const sku of missing) {
      const ambiguous = !report.unknown.includes(sku);
      await raiseIssue(ctx.db, {
        accountId: row.accountId,
        connectionId: row.booksConnectionId,
        feedKind: FEED,
        subjectType: "sku",
        subjectId: sku,
        severity: "error",
        code: ambiguous ? "books_sku_ambiguous" : "books_sku_unmatched",
        message: ambiguous
          ? `SKU ${sku} matches several items in QuickBooks`
          : `SKU ${sku} has no item in QuickBooks`,
      });
    }
    // The per-SKU sync log (R-SYNC-5) shows it too, where people look for "why did X not sync".
    await recordSyncLog(
      ctx.db,
      missing.map((sku) => ({
        accountId: row.accountId,
        connectionId: row.booksConnectionId,
        sku,
        direction: "push" as const,
        quantity: null,
        result: "failed" as const,
        severity: "error" as const,
        reason: report.unknown.includes(sku)
          ? `no item in QuickBooks has this SKU or name (${row.subjectType} posting)`
          : `several QuickBooks items match this SKU (${row.subjectType} posting)`,
      })),
    );
    await settlePosting(ctx.db, row.id, {
      status: "failed",
      error: `SKU without a QuickBooks item: ${missing.join(", ")}`,
    });
    return "failed";
  }
  const itemIds = new Map(report.matches.map((m) => [m.sku, m.itemId]));
  const lines: BooksLine[] = draft.items.map((i) => ({
    itemId: itemIds.get(i.sku)!,
    qty: i.quantity,
    unitPriceMinor: i.unitPriceMinor,
  }));
  if (draft.discountMinor > 0) lines.push({ discountMinor: draft.discountMinor });
  const customer = await client.ensureCustomer(draft.customerName);
  const input = {
    idempotencyKey: `books:${row.id}:${row.generation}`,
    docNumber: draft.docNumber,
    txnDate: draft.txnDate,
    customerRef: customer.id,
    lines,
    privateNote: draft.privateNote,
    currency: draft.currency,
    taxCode,
  };
  const doc = await creators[draft.kind](client, input);
  await recordPosted(ctx, row, doc, skus);
  return "posted";
}
