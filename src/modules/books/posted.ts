import type { BooksDocument } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import { recordSyncLog, resolveIssue } from "../connections/index.ts";
import { type Posting, settlePosting } from "./ledger.ts";

/**
 * Records a document the books platform created for a posting: the ledger row posted, one sync-log
 * line per SKU, and the SKU and posting issues resolved. Whether the document came back from a call
 * (QuickBooks Online) or in the Web Connector's answer (Desktop), this is what "posted" means.
 */
export async function recordPosted(
  ctx: AppContext,
  row: Pick<Posting, "id" | "accountId" | "booksConnectionId" | "subjectType" | "subjectId">,
  doc: BooksDocument,
  skus: readonly string[],
): Promise<void> {
  await settlePosting(ctx.db, row.id, {
    status: "posted",
    docKind: doc.kind,
    docId: doc.id,
    docNumber: doc.docNumber,
    syncToken: doc.syncToken,
    totalMinor: doc.totalMinor,
    error: null,
    postedAt: new Date(),
  });
  await recordSyncLog(
    ctx.db,
    skus.map((sku) => ({
      accountId: row.accountId,
      connectionId: row.booksConnectionId,
      sku,
      direction: "push" as const,
      quantity: null,
      result: "ok" as const,
      reason: `posted in ${doc.kind} ${doc.docNumber ?? doc.id}`,
    })),
  );
  for (const sku of skus) await resolveIssue(ctx.db, row.booksConnectionId, "sku", sku, "posted");
  await resolveIssue(ctx.db, row.booksConnectionId, `posting-${row.subjectType}`, row.subjectId, "posted");
}
