import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { QueuedDocument, WebConnectorProtocol } from "../../../connectors/contract.ts";
import type { AppContext } from "../../../context.ts";
import type { Db } from "../../../db/engine.ts";
import type { DocumentDraft } from "../documents.ts";
import type { Posting } from "../ledger.ts";
import { booksPostings, qbwcRequests } from "../schema.ts";

export type QueuedRequest = typeof qbwcRequests.$inferSelect;

/** qbXML requestIDs are at most 50 characters (status 1060); 16 hex characters are unique enough per connection. */
const newRequestId = () => randomUUID().replace(/-/g, "").slice(0, 16);

/** Requests per message set: QuickBooks runs them one by one, so a set stays a few seconds' work. */
export const MESSAGE_SET_MAX = 60;

function queuedDocument(draft: DocumentDraft, taxCode: string | null): QueuedDocument {
  return {
    kind: draft.kind,
    docNumber: draft.docNumber,
    txnDate: draft.txnDate,
    customerName: draft.customerName,
    currency: draft.currency,
    memo: draft.privateNote,
    lines: draft.items.map((i) => ({ itemName: i.sku, qty: i.quantity, unitPriceMinor: i.unitPriceMinor })),
    discountMinor: draft.discountMinor,
    taxCode,
  };
}

/**
 * Prepares a claimed posting for the next Web Connector session: its requests wait in the queue
 * and the posting stays `posting` until QuickBooks answers. A posting that still has requests on
 * their way is left alone (a re-post must not send the document twice). A later generation of a
 * document the hub created (re-summarise) deletes the earlier transaction first, in the same set.
 */
export async function enqueueDocument(
  ctx: AppContext,
  row: Posting,
  draft: DocumentDraft,
  protocol: WebConnectorProtocol,
  /** The books tax setting for the posting's channel (tax-codes.ts), on every line. */
  taxCode: string | null,
): Promise<"queued" | "skipped"> {
  const inFlight = await ctx.db
    .select({ id: qbwcRequests.id })
    .from(qbwcRequests)
    .where(and(eq(qbwcRequests.postingId, row.id), inArray(qbwcRequests.status, ["queued", "sent"])))
    .limit(1);
  if (inFlight.length > 0) return "skipped";
  const [earlier] = await ctx.db
    .select({ txnId: qbwcRequests.txnId, docKind: qbwcRequests.docKind })
    .from(qbwcRequests)
    .where(
      and(
        eq(qbwcRequests.postingId, row.id),
        eq(qbwcRequests.role, "document"),
        eq(qbwcRequests.status, "done"),
        isNotNull(qbwcRequests.txnId),
        lt(qbwcRequests.generation, row.generation),
      ),
    )
    .orderBy(desc(qbwcRequests.generation))
    .limit(1);
  const prepared = protocol.prepareDocument(queuedDocument(draft, taxCode), newRequestId);
  if (earlier?.txnId && earlier.docKind) {
    const kind = earlier.docKind as DocumentDraft["kind"];
    prepared.unshift(protocol.prepareDelete(kind, earlier.txnId, newRequestId()));
  }
  const skus = [...new Set(draft.items.map((i) => i.sku))];
  await ctx.db.insert(qbwcRequests).values(
    prepared.map((p, position) => ({
      accountId: row.accountId,
      connectionId: row.booksConnectionId,
      requestId: p.requestId,
      postingId: row.id,
      generation: row.generation,
      position,
      role: p.role,
      xml: p.xml,
      docKind: p.role === "document" ? draft.kind : null,
      currency: draft.currency,
      skus: p.role === "document" ? skus : [],
    })),
  );
  return "queued";
}

/** Requests sent in a set whose answer never came (a dropped session), oldest set first. */
export async function unansweredSet(db: Db, connectionId: string): Promise<QueuedRequest[]> {
  const [first] = await db
    .select({ messageSetId: qbwcRequests.messageSetId })
    .from(qbwcRequests)
    .where(and(eq(qbwcRequests.connectionId, connectionId), eq(qbwcRequests.status, "sent")))
    .orderBy(asc(qbwcRequests.updatedAt))
    .limit(1);
  if (!first?.messageSetId) return [];
  return db
    .select()
    .from(qbwcRequests)
    .where(
      and(
        eq(qbwcRequests.connectionId, connectionId),
        eq(qbwcRequests.status, "sent"),
        eq(qbwcRequests.messageSetId, first.messageSetId),
      ),
    )
    .orderBy(asc(qbwcRequests.createdAt), asc(qbwcRequests.position));
}

/** The next whole postings' requests, in the order they were prepared, up to MESSAGE_SET_MAX. */
export async function nextQueued(db: Db, connectionId: string): Promise<QueuedRequest[]> {
  const rows = await db
    .select()
    .from(qbwcRequests)
    .where(and(eq(qbwcRequests.connectionId, connectionId), eq(qbwcRequests.status, "queued")))
    .orderBy(asc(qbwcRequests.createdAt), asc(qbwcRequests.postingId), asc(qbwcRequests.position))
    .limit(MESSAGE_SET_MAX + 10);
  if (rows.length <= MESSAGE_SET_MAX) return rows;
  // Never split one posting's requests across sets: the refund refers to the memo by macro.
  const cut = rows[MESSAGE_SET_MAX]!.postingId;
  const taken = rows.slice(0, MESSAGE_SET_MAX);
  const whole = cut ? taken.filter((r) => r.postingId !== cut) : taken;
  return whole.length > 0 ? whole : taken;
}

/** Marks requests as travelling in a message set. */
export async function markSent(db: Db, ids: string[], messageSetId: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(qbwcRequests)
    .set({ status: "sent", messageSetId, updatedAt: new Date() })
    .where(inArray(qbwcRequests.id, ids));
}

/** What is left for the Web Connector: requests queued or unanswered, and postings not yet prepared. */
export async function workLeft(
  db: Db,
  connectionId: string,
): Promise<{ queued: number; sent: number; preparing: number }> {
  const [counts] = await db
    .select({
      queued: sql<number>`count(*) filter (where ${qbwcRequests.status} = 'queued')`.mapWith(Number),
      sent: sql<number>`count(*) filter (where ${qbwcRequests.status} = 'sent')`.mapWith(Number),
    })
    .from(qbwcRequests)
    .where(
      and(eq(qbwcRequests.connectionId, connectionId), inArray(qbwcRequests.status, ["queued", "sent"])),
    );
  const [pending] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(booksPostings)
    .where(and(eq(booksPostings.booksConnectionId, connectionId), eq(booksPostings.status, "pending")));
  return { queued: counts?.queued ?? 0, sent: counts?.sent ?? 0, preparing: pending?.n ?? 0 };
}
