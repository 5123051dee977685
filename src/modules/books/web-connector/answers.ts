import { and, eq, inArray } from "drizzle-orm";
import type { RequestOutcome, WebConnectorProtocol } from "../../../connectors/contract.ts";
import type { AppContext } from "../../../context.ts";
import { raiseIssue, recordSyncLog } from "../../connections/index.ts";
import { getPosting, settlePosting } from "../ledger.ts";
import { recordPosted } from "../posted.ts";
import { qbwcRequests } from "../schema.ts";
import type { QueuedRequest } from "./queue.ts";

/** A 3200 (stale EditSequence) or 3231 (not processed) request is sent again, at most this often. */
const MAX_ATTEMPTS = 3;
const FEED = "books";

async function finish(
  ctx: AppContext,
  id: string,
  status: "done" | "failed" | "queued",
  outcome: string,
  txnId?: string,
) {
  await ctx.db
    .update(qbwcRequests)
    .set({
      status,
      outcome,
      ...(txnId ? { txnId } : {}),
      ...(status === "queued" ? { messageSetId: null } : {}),
      updatedAt: new Date(),
    })
    .where(eq(qbwcRequests.id, id));
}

const describe = (o: RequestOutcome) => `${o.type} status ${o.code}: ${o.message}`;

/** The posting fails with QuickBooks' reason; a missing item names the SKU in the sync log (R-SYNC-5). */
async function failPosting(ctx: AppContext, request: QueuedRequest, outcome: RequestOutcome): Promise<void> {
  const row = request.postingId ? await getPosting(ctx.db, request.postingId) : null;
  if (!row) return;
  const sku =
    outcome.status === "missing_ref" && outcome.name && request.skus.includes(outcome.name)
      ? outcome.name
      : null;
  const error = sku
    ? `SKU without a QuickBooks item: ${sku}`
    : outcome.status === "missing_ref" && outcome.name
      ? `QuickBooks has no "${outcome.name}" (${describe(outcome)})`
      : describe(outcome);
  await settlePosting(ctx.db, row.id, { status: "failed", error });
  if (sku) {
    await raiseIssue(ctx.db, {
      accountId: row.accountId,
      connectionId: row.booksConnectionId,
      feedKind: FEED,
      subjectType: "sku",
      subjectId: sku,
      severity: "error",
      code: "books_sku_unmatched",
      message: `SKU ${sku} has no item in QuickBooks`,
    });
    await recordSyncLog(ctx.db, [
      {
        accountId: row.accountId,
        connectionId: row.booksConnectionId,
        sku,
        direction: "push",
        quantity: null,
        result: "failed",
        severity: "error",
        reason: `no item in QuickBooks has this name (${row.subjectType} posting; status ${outcome.code})`,
      },
    ]);
    return;
  }
  await raiseIssue(ctx.db, {
    accountId: row.accountId,
    connectionId: row.booksConnectionId,
    feedKind: FEED,
    subjectType: `posting-${row.subjectType}`,
    subjectId: row.subjectId,
    severity: "error",
    code: "books_posting_failed",
    message: `${row.subjectType} posting failed: ${error}`,
  });
}

async function settleDocument(ctx: AppContext, request: QueuedRequest, outcome: RequestOutcome) {
  const row = request.postingId ? await getPosting(ctx.db, request.postingId) : null;
  if (!outcome.document || !row) {
    await finish(ctx, request.id, "failed", `${describe(outcome)} (no document returned)`);
    return;
  }
  await finish(ctx, request.id, "done", describe(outcome), outcome.document.id);
  // A later generation was prepared meanwhile (re-summarise): its own answer settles the posting.
  if (row.generation !== request.generation) return;
  await recordPosted(ctx, row, outcome.document, request.skus);
  if (outcome.status === "warning") {
    await recordSyncLog(
      ctx.db,
      request.skus.map((sku) => ({
        accountId: row.accountId,
        connectionId: row.booksConnectionId,
        sku,
        direction: "push" as const,
        quantity: null,
        result: "ok" as const,
        severity: "info" as const,
        reason: `QuickBooks warning on ${outcome.document?.kind} ${outcome.document?.docNumber ?? ""}: ${describe(outcome)}`,
      })),
    );
  }
}

async function settleOne(ctx: AppContext, request: QueuedRequest, outcome: RequestOutcome): Promise<void> {
  const done = outcome.status === "ok" || outcome.status === "warning";
  if ((outcome.status === "stale" || outcome.code === 3231) && request.attempts + 1 < MAX_ATTEMPTS) {
    await ctx.db
      .update(qbwcRequests)
      .set({
        status: "queued",
        messageSetId: null,
        attempts: request.attempts + 1,
        outcome: describe(outcome),
      })
      .where(eq(qbwcRequests.id, request.id));
    return;
  }
  switch (request.role) {
    case "customer":
      // "The name is already in use" is exactly what ensuring a customer wants.
      await finish(
        ctx,
        request.id,
        done || outcome.status === "exists" ? "done" : "failed",
        describe(outcome),
      );
      return;
    case "delete":
      // A transaction already gone (3120 / missing) has nothing left to delete.
      await finish(
        ctx,
        request.id,
        done || outcome.status === "missing_ref" ? "done" : "failed",
        describe(outcome),
      );
      return;
    case "refund":
      await finish(ctx, request.id, done ? "done" : "failed", describe(outcome));
      if (!done)
        await failPosting(ctx, request, {
          ...outcome,
          message: `the credit memo was posted but the card refund was refused: ${outcome.message}`,
        });
      return;
    case "document":
      if (done) return settleDocument(ctx, request, outcome);
      await finish(ctx, request.id, "failed", describe(outcome));
      await failPosting(ctx, request, outcome);
  }
}

/**
 * Applies QuickBooks' answer to a message set: each `*Rs` settles the request of its requestID
 * (only requests of this connection still waiting for an answer, so a replayed answer changes
 * nothing). A request of the set without an answer is queued again. Returns the number answered.
 * Throws XmlMalformedError when the response is not XML: then nothing changes and the set is asked
 * about again (oldMessageSetID) in the next session.
 */
export async function applyAnswers(
  ctx: AppContext,
  protocol: WebConnectorProtocol,
  connectionId: string,
  response: string,
): Promise<number> {
  const waiting = await ctx.db
    .select()
    .from(qbwcRequests)
    .where(and(eq(qbwcRequests.connectionId, connectionId), eq(qbwcRequests.status, "sent")));
  const byRequestId = new Map(waiting.map((r) => [r.requestId, r]));
  const currency = waiting[0]?.currency ?? "USD";
  const outcomes = protocol.readResponses(response, currency);
  let answered = 0;
  for (const outcome of outcomes) {
    const request = byRequestId.get(outcome.requestId);
    if (!request) continue;
    byRequestId.delete(outcome.requestId);
    await settleOne(
      ctx,
      request,
      request.currency === currency ? outcome : { ...outcome, ...reread(protocol, response, request) },
    );
    answered += 1;
  }
  // One set is out at a time per connection, so whatever is still waiting was in this one.
  const unanswered = [...byRequestId.values()];
  if (unanswered.length > 0) {
    await ctx.db
      .update(qbwcRequests)
      .set({ status: "queued", messageSetId: null, updatedAt: new Date() })
      .where(
        inArray(
          qbwcRequests.id,
          unanswered.map((r) => r.id),
        ),
      );
  }
  return answered;
}

/** Amounts are read in the request's own currency when a set mixes currencies. */
function reread(
  protocol: WebConnectorProtocol,
  response: string,
  request: QueuedRequest,
): Partial<RequestOutcome> {
  return (
    protocol.readResponses(response, request.currency).find((o) => o.requestId === request.requestId) ?? {}
  );
}
