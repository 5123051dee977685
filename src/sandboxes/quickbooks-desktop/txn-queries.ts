import type { Txn, TxnType } from "./company.ts";
import { parseDateTime } from "./qb-time.ts";
import { type Handler, invalidValue, noMatch, QbStatus } from "./qbxml-status.ts";
import { txnRet } from "./txn-render.ts";
import { child, childrenNamed, textOf, type XmlNode } from "./xml.ts";

function dateFilter(rq: XmlNode, offset: number): (txn: Txn) => boolean {
  const modified = child(rq, "ModifiedDateRangeFilter");
  const dated = child(rq, "TxnDateRangeFilter");
  const bound = (node: XmlNode | undefined, name: string): number | null => {
    const raw = node && textOf(node, name);
    if (raw === undefined) return null;
    const ms = parseDateTime(raw, offset);
    if (ms === null) throw invalidValue(name, raw);
    return ms;
  };
  const fromModified = bound(modified, "FromModifiedDate");
  const toModified = bound(modified, "ToModifiedDate");
  const fromDate = bound(dated, "FromTxnDate");
  const toDate = bound(dated, "ToTxnDate");
  return (txn) => {
    const date = parseDateTime(txn.txnDate, offset) ?? 0;
    const modifiedAt = Math.floor(txn.timeModifiedMs / 1000) * 1000;
    return (
      (fromModified === null || modifiedAt >= fromModified) &&
      (toModified === null || modifiedAt <= toModified) &&
      (fromDate === null || date >= fromDate) &&
      (toDate === null || date <= toDate)
    );
  };
}

/**
 * A transaction query: by `TxnID` / `RefNumber` (500 for any not found), or by date ranges,
 * entity and reference-number filter, paged by iterator. Lines only with `IncludeLineItems`.
 */
function txnQuery(type: TxnType): Handler {
  return (rq, ctx) => {
    const { company } = ctx;
    const include = childrenNamed(rq, "IncludeRetElement").map((n) => n.text);
    const withLines = textOf(rq, "IncludeLineItems") === "true";
    const render = (txn: Txn) => txnRet(company, txn, include, withLines);
    const live = company.liveTxns(type);
    const ids = childrenNamed(rq, "TxnID").map((n) => n.text);
    const refs = childrenNamed(rq, "RefNumber").map((n) => n.text);
    if (ids.length > 0 || refs.length > 0) {
      const found = live.filter(
        (t) => ids.includes(t.txnId) || (t.refNumber !== null && refs.includes(t.refNumber)),
      );
      const missing = [
        ...ids.filter((id) => !found.some((t) => t.txnId === id)),
        ...refs.filter((ref) => !found.some((t) => t.refNumber === ref)),
      ];
      const body = found.map(render);
      if (missing.length === 0) return { body };
      const status = new QbStatus(
        500,
        `The query request has not been fully completed. There was a required element ("${missing[0]}") that could not be found in QuickBooks.`,
      );
      return { status, body };
    }
    const inDates = dateFilter(rq, company.clock.utcOffsetMinutes);
    const entity = child(rq, "EntityFilter");
    const entityName = entity && (textOf(entity, "FullName") ?? textOf(entity, "ListID"));
    const refFilter = child(rq, "RefNumberFilter");
    const page = ctx.iterators.page(
      rq,
      (txn: Txn) => txn.txnId,
      () =>
        live
          .filter(inDates)
          .filter(
            (t) => !entityName || t.customer?.fullName === entityName || t.customer?.listId === entityName,
          )
          .filter((t) => !refFilter || refMatches(t.refNumber ?? "", refFilter)),
      (txnId) => live.find((t) => t.txnId === txnId),
    );
    const body = page.rows.map(render);
    return { body, attrs: page.attrs, ...(body.length === 0 ? { status: noMatch() } : {}) };
  };
}

function refMatches(ref: string, filter: XmlNode): boolean {
  const wanted = textOf(filter, "RefNumber") ?? "";
  const criterion = textOf(filter, "MatchCriterion");
  if (criterion === "StartsWith") return ref.startsWith(wanted);
  if (criterion === "Contains") return ref.includes(wanted);
  if (criterion === "EndsWith") return ref.endsWith(wanted);
  throw invalidValue("MatchCriterion", criterion ?? "");
}

export const TXN_QUERIES: Readonly<Record<string, Handler>> = {
  SalesReceiptQueryRq: txnQuery("SalesReceipt"),
  InvoiceQueryRq: txnQuery("Invoice"),
  CreditMemoQueryRq: txnQuery("CreditMemo"),
  ARRefundCreditCardQueryRq: txnQuery("ARRefundCreditCard"),
};
