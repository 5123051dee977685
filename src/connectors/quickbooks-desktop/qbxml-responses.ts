import type { BooksDocument, BooksDocumentKind, RequestOutcome } from "../contract.ts";
import { minorOf } from "./money.ts";
import { attrOf, child, listOf, parseXml, textOf, type XmlValue } from "./xml.ts";

/** The document each add response returns, by response element. */
const returned: Record<string, { ret: string; kind: BooksDocumentKind }> = {
  SalesReceiptAddRs: { ret: "SalesReceiptRet", kind: "SalesReceipt" },
  InvoiceAddRs: { ret: "InvoiceRet", kind: "Invoice" },
  CreditMemoAddRs: { ret: "CreditMemoRet", kind: "CreditMemo" },
};

/** Status codes (§8.6): 0–499 info, 500–999 warnings (done), 1000+ errors. */
export function statusOf(code: number): RequestOutcome["status"] {
  if (code === 3200) return "stale";
  if (code === 3120 || code === 3140) return "missing_ref";
  if (code === 3100) return "exists";
  if (code >= 0 && code < 500) return "ok";
  if (code >= 500 && code < 1000) return "warning";
  return "error";
}

/** QuickBooks quotes the name it could not find: `invalid reference to QuickBooks Item "SKU-1" in …`. */
export function missingName(message: string): string | undefined {
  return /"([^"]+)"/.exec(message)?.[1];
}

function documentOf(ret: XmlValue | undefined, kind: BooksDocumentKind, currency: string): BooksDocument {
  const f = (name: string) => textOf(child(ret, name));
  const total = f("TotalAmount") || f("Subtotal");
  return {
    kind,
    id: f("TxnID"),
    syncToken: f("EditSequence"),
    docNumber: f("RefNumber") || null,
    txnDate: f("TxnDate") || null,
    totalMinor: total ? minorOf(total, currency) : null,
  };
}

/** Reads every `*Rs` of a qbXML response document; throws XmlMalformedError on malformed text. */
export function readResponses(xml: string, currency: string): RequestOutcome[] {
  const msgs = child(child(parseXml(xml), "QBXML"), "QBXMLMsgsRs");
  if (!msgs || typeof msgs !== "object" || Array.isArray(msgs)) return [];
  const outcomes: RequestOutcome[] = [];
  for (const [type, value] of Object.entries(msgs)) {
    if (!type.endsWith("Rs")) continue;
    for (const rs of listOf(value)) {
      const code = Number(attrOf(rs, "statusCode") ?? "NaN");
      const message = attrOf(rs, "statusMessage") ?? "";
      const status = Number.isInteger(code) ? statusOf(code) : "error";
      const outcome: RequestOutcome = {
        requestId: attrOf(rs, "requestID") ?? "",
        type,
        status,
        code: Number.isInteger(code) ? code : -1,
        message,
      };
      const add = returned[type];
      if (add && (status === "ok" || status === "warning")) {
        const ret = child(rs, add.ret);
        if (ret !== undefined) outcome.document = documentOf(listOf(ret)[0], add.kind, currency);
      }
      if (status === "missing_ref") {
        const name = missingName(message);
        if (name !== undefined) outcome.name = name;
      }
      outcomes.push(outcome);
    }
  }
  return outcomes;
}
