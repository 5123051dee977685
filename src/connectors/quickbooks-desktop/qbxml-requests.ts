import type { BooksDocumentKind, PreparedRequest, QueuedDocument } from "../contract.ts";
import { decimalOf } from "./money.ts";
import { buildXml, type XmlObject } from "./xml.ts";

/** qbXML 13.0 is the oldest version whose elements these requests use (§8.6). */
export const MINIMUM_QBXML = { major: 13, minor: 0 } as const;
/** Name limits of QuickBooks Desktop: customer names 41, RefNumber 11, Memo 4,095 characters. */
const NAME_MAX = 41;
const REF_NUMBER_MAX = 11;
const MEMO_MAX = 4095;
/** The discount item lines subtract through; the company needs an item of this name. */
export const DISCOUNT_ITEM = "Discount";

/** The add request, its line element and its return element per document kind. */
const adds: Record<Exclude<BooksDocumentKind, "RefundReceipt">, { rq: string; line: string }> = {
  SalesReceipt: { rq: "SalesReceiptAdd", line: "SalesReceiptLineAdd" },
  Invoice: { rq: "InvoiceAdd", line: "InvoiceLineAdd" },
  CreditMemo: { rq: "CreditMemoAdd", line: "CreditMemoLineAdd" },
};

const fullName = (name: string): XmlObject => ({ FullName: name.slice(0, NAME_MAX) });

/**
 * RefNumber holds 11 characters. A longer hub number keeps its first character and its last ten
 * letters and digits (summary `S20240310-ab12` → `S240310ab12`: day and channel stay apart); the
 * memo carries the whole reference.
 */
export function refNumberOf(docNumber: string): string {
  if (docNumber.length <= REF_NUMBER_MAX) return docNumber;
  const compact = docNumber.replace(/[^A-Za-z0-9]/g, "");
  return compact.length <= REF_NUMBER_MAX ? compact : `${compact[0]}${compact.slice(-(REF_NUMBER_MAX - 1))}`;
}

function request(name: string, requestId: string, body: XmlObject, attrs: XmlObject = {}): string {
  return buildXml({ [`${name}Rq`]: { "@requestID": requestId, ...attrs, [name]: body } });
}

/**
 * The lines in schema order (ItemRef, Desc, Quantity, Rate, …, SalesTaxCodeRef; a discount line
 * ItemRef, Amount, …, SalesTaxCodeRef). Items are named by FullName: QuickBooks resolves them when
 * it runs the request and answers 3140 with the name when one is missing, so nothing needs a round
 * trip first. The tax code, when the settings name one, goes on every line (non-US editions want
 * one on each line; US ones take Tax/Non).
 */
function lines(doc: QueuedDocument): XmlObject[] {
  const tax: XmlObject = doc.taxCode ? { SalesTaxCodeRef: { ListID: doc.taxCode } } : {};
  const items: XmlObject[] = doc.lines.map((l) => ({
    ItemRef: fullName(l.itemName),
    Quantity: String(l.qty),
    Rate: decimalOf(l.unitPriceMinor, doc.currency),
    ...tax,
  }));
  if (doc.discountMinor > 0) {
    items.push({
      ItemRef: fullName(DISCOUNT_ITEM),
      Amount: decimalOf(-doc.discountMinor, doc.currency),
      ...tax,
    });
  }
  return items;
}

/** The shared head of SalesReceiptAdd / InvoiceAdd / CreditMemoAdd, in their schema order. */
function head(doc: QueuedDocument): XmlObject {
  return {
    CustomerRef: fullName(doc.customerName),
    TxnDate: doc.txnDate,
    RefNumber: refNumberOf(doc.docNumber),
    ...(doc.memo ? { Memo: doc.memo.slice(0, MEMO_MAX) } : {}),
  };
}

/**
 * The requests that post one document: a CustomerAdd (a name already in use answers 3100, which is
 * what "ensure" wants), then the add. A refund paid back to a card is a credit memo plus an
 * ARRefundCreditCardAdd applying it, linked by a macro within the same message set.
 */
export function prepareDocument(doc: QueuedDocument, nextId: () => string): PreparedRequest[] {
  const customerId = nextId();
  const customer: PreparedRequest = {
    requestId: customerId,
    role: "customer",
    xml: request("CustomerAdd", customerId, { Name: doc.customerName.slice(0, NAME_MAX) }),
  };
  const kind = doc.kind === "RefundReceipt" ? "CreditMemo" : doc.kind;
  const add = adds[kind];
  const documentId = nextId();
  const macro = `TxnID:${documentId}`;
  const body: XmlObject = { ...head(doc), [add.line]: lines(doc) };
  // Money paid back (the RefundReceipt setting) is a credit memo refunded to the card; credit kept is the memo alone.
  const wantsRefund = doc.kind === "RefundReceipt";
  const created: PreparedRequest = {
    requestId: documentId,
    role: "document",
    xml: buildXml({
      [`${add.rq}Rq`]: {
        "@requestID": documentId,
        [add.rq]: wantsRefund ? { "@defMacro": macro, ...body } : body,
      },
    }),
  };
  if (!wantsRefund) return [customer, created];
  const refundId = nextId();
  const total = doc.lines.reduce((sum, l) => sum + l.qty * l.unitPriceMinor, 0) - doc.discountMinor;
  const refund: PreparedRequest = {
    requestId: refundId,
    role: "refund",
    xml: request("ARRefundCreditCardAdd", refundId, {
      CustomerRef: fullName(doc.customerName),
      TxnDate: doc.txnDate,
      RefNumber: refNumberOf(doc.docNumber),
      ...(doc.memo ? { Memo: doc.memo.slice(0, MEMO_MAX) } : {}),
      RefundAppliedToTxnAdd: {
        TxnID: { "@useMacro": macro },
        RefundAmount: decimalOf(total, doc.currency),
      },
    }),
  };
  return [customer, created, refund];
}

/** TxnDel of a document the hub posted earlier (re-summarise deletes before it adds again). */
export function prepareDelete(kind: BooksDocumentKind, txnId: string, requestId: string): PreparedRequest {
  const type = kind === "RefundReceipt" ? "CreditMemo" : kind;
  return {
    requestId,
    role: "delete",
    xml: buildXml({ TxnDelRq: { "@requestID": requestId, TxnDelType: type, TxnID: txnId } }),
  };
}

/**
 * One qbXML document: `continueOnError`, so one refused posting does not stop the others, and
 * `newMessageSetID` so QuickBooks keeps the answer; `oldMessageSetID` asks for the answer of a set
 * whose response never arrived (a dropped session) instead of running it a second time.
 */
export function messageSet(
  requests: readonly string[],
  options: { version: string; newMessageSetId: string; oldMessageSetId?: string },
): string {
  const attrs = [
    `onError="continueOnError"`,
    `newMessageSetID="${options.newMessageSetId}"`,
    ...(options.oldMessageSetId ? [`oldMessageSetID="${options.oldMessageSetId}"`] : []),
  ].join(" ");
  return `<?xml version="1.0" encoding="utf-8"?><?qbxml version="${options.version}"?><QBXML><QBXMLMsgsRq ${attrs}>${requests.join("")}</QBXMLMsgsRq></QBXML>`;
}
