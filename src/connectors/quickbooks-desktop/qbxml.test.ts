import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { QueuedDocument } from "../contract.ts";
import { messageSet, prepareDelete, prepareDocument, refNumberOf } from "./qbxml-requests.ts";
import { readResponses, statusOf } from "./qbxml-responses.ts";
import { parseXml } from "./xml.ts";

const CAPTURE = "/work/shared/fixtures/real/quickbooks-desktop/qbwc_qbxml_sales_receipt_add_rs.xml";

const doc = (over: Partial<QueuedDocument> = {}): QueuedDocument => ({
  kind: "SalesReceipt",
  docNumber: "S20240310-ab12",
  txnDate: "2024-03-10",
  customerName: "Shop sales",
  currency: "USD",
  memo: "Orders #1001, #1002",
  lines: [
    { itemName: "SKU-A & B", qty: 5, unitPriceMinor: 1000 },
    { itemName: "SKU-C", qty: 1, unitPriceMinor: 550 },
  ],
  discountMinor: 0,
  taxCode: null,
  ...over,
});

let seq = 0;
const ids = () => `r${++seq}`;

describe("qbXML requests", () => {
  it("writes a sales receipt in schema order with items by name, after ensuring the customer", () => {
    const [customer, receipt] = prepareDocument(doc(), ids);
    expect(customer!.role).toBe("customer");
    expect(customer!.xml).toMatch(
      /^<CustomerAddRq requestID="r\d+"><CustomerAdd><Name>Shop sales<\/Name><\/CustomerAdd><\/CustomerAddRq>$/,
    );
    expect(receipt!.role).toBe("document");
    expect(receipt!.xml).toContain(
      "<SalesReceiptAdd><CustomerRef><FullName>Shop sales</FullName></CustomerRef><TxnDate>2024-03-10</TxnDate><RefNumber>S240310ab12</RefNumber><Memo>Orders #1001, #1002</Memo>",
    );
    expect(receipt!.xml).toContain(
      "<SalesReceiptLineAdd><ItemRef><FullName>SKU-A &amp; B</FullName></ItemRef><Quantity>5</Quantity><Rate>10.00</Rate></SalesReceiptLineAdd>",
    );
  });

  it("adds a discount line and keeps RefNumber within 11 characters", () => {
    const [, receipt] = prepareDocument(doc({ discountMinor: 250 }), ids);
    expect(receipt!.xml).toContain("<ItemRef><FullName>Discount</FullName></ItemRef><Amount>-2.50</Amount>");
    expect(refNumberOf("1001")).toBe("1001");
    expect(refNumberOf("S20240310-ab12")).toBe("S240310ab12");
    expect(refNumberOf("R-2024-0001-XYZ")).toHaveLength(11);
  });

  it("posts a refund paid back as a credit memo applied by an ARRefundCreditCardAdd through a macro", () => {
    const requests = prepareDocument(doc({ kind: "RefundReceipt", docNumber: "R1001" }), ids);
    expect(requests.map((r) => r.role)).toEqual(["customer", "document", "refund"]);
    const memo = requests[1]!;
    const macro = /defMacro="(TxnID:[^"]+)"/.exec(memo.xml)?.[1];
    expect(memo.xml).toMatch(/^<CreditMemoAddRq requestID="[^"]+"><CreditMemoAdd defMacro="TxnID:/);
    expect(requests[2]!.xml).toContain(
      `<RefundAppliedToTxnAdd><TxnID useMacro="${macro}"></TxnID><RefundAmount>55.50</RefundAmount>`,
    );
    const kept = prepareDocument(doc({ kind: "CreditMemo" }), ids);
    expect(kept.map((r) => r.role)).toEqual(["customer", "document"]);
    expect(kept[1]!.xml).not.toContain("defMacro");
  });

  it("deletes a transaction and wraps requests into a message set with recovery ids", () => {
    expect(prepareDelete("SalesReceipt", "141CA5-1231522949", "d1").xml).toBe(
      '<TxnDelRq requestID="d1"><TxnDelType>SalesReceipt</TxnDelType><TxnID>141CA5-1231522949</TxnID></TxnDelRq>',
    );
    const set = messageSet(["<A/>", "<B/>"], {
      version: "13.0",
      newMessageSetId: "n1",
      oldMessageSetId: "o1",
    });
    expect(set).toBe(
      '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="continueOnError" newMessageSetID="n1" oldMessageSetID="o1"><A/><B/></QBXMLMsgsRq></QBXML>',
    );
    expect(() => parseXml(set)).not.toThrow();
  });
});

describe("qbXML responses", () => {
  it("reads the real SalesReceiptAddRs capture into the created document", () => {
    const [outcome] = readResponses(readFileSync(CAPTURE, "utf8"), "USD");
    expect(outcome).toEqual({
      requestId: "U2FsZXNSZWNlaXB0QWRkfDE2NDY2",
      type: "SalesReceiptAddRs",
      status: "ok",
      code: 0,
      message: "Status OK",
      document: {
        kind: "SalesReceipt",
        id: "141CA5-1231522949",
        syncToken: "1231522949",
        docNumber: "16466",
        txnDate: "2009-01-09",
        totalMinor: 15000,
      },
    });
  });

  it("maps status codes: warnings done, 3200 stale, 3140 missing with the name, 3100 exists", () => {
    expect([0, 1, 530, 3200, 3140, 3120, 3100, 3000, 9001].map(statusOf)).toEqual([
      "ok",
      "ok",
      "warning",
      "stale",
      "missing_ref",
      "missing_ref",
      "exists",
      "error",
      "error",
    ]);
    const xml = `<?xml version="1.0"?><QBXML><QBXMLMsgsRs><InvoiceAddRs requestID="7" statusCode="3140" statusSeverity="Error" statusMessage="There is an invalid reference to QuickBooks Item &quot;SKU-9&quot; in the Invoice line."/></QBXMLMsgsRs></QBXML>`;
    expect(readResponses(xml, "USD")[0]).toMatchObject({
      requestId: "7",
      status: "missing_ref",
      name: "SKU-9",
    });
  });

  it("refuses malformed responses and a DOCTYPE", () => {
    expect(() => readResponses("<QBXML><QBXMLMsgsRs>", "USD")).toThrow(/not well-formed/);
    expect(() => readResponses('<!DOCTYPE x [<!ENTITY a "b">]><QBXML/>', "USD")).toThrow(/DOCTYPE/);
  });
});
