import { describe, expect, it } from "vitest";
import { prepareDocument } from "./qbxml-requests.ts";
import { readTaxCodes, taxCodeQuery } from "./qbxml-tax.ts";

let seq = 0;
const ids = () => `t${++seq}`;

describe("qbXML sales tax codes", () => {
  it("puts the settings' tax code on every line, after the amount fields as the schema orders them", () => {
    const [, receipt] = prepareDocument(
      {
        kind: "SalesReceipt",
        docNumber: "1001",
        txnDate: "2024-03-10",
        customerName: "Shop sales",
        currency: "GBP",
        memo: null,
        lines: [{ itemName: "SKU-A", qty: 2, unitPriceMinor: 1000 }],
        discountMinor: 100,
        taxCode: "80000001-1234",
      },
      ids,
    );
    expect(receipt!.xml).toContain(
      "<SalesReceiptLineAdd><ItemRef><FullName>SKU-A</FullName></ItemRef><Quantity>2</Quantity><Rate>10.00</Rate><SalesTaxCodeRef><ListID>80000001-1234</ListID></SalesTaxCodeRef></SalesReceiptLineAdd>",
    );
    expect(receipt!.xml).toContain(
      "<ItemRef><FullName>Discount</FullName></ItemRef><Amount>-1.00</Amount><SalesTaxCodeRef><ListID>80000001-1234</ListID></SalesTaxCodeRef>",
    );
  });

  it("leaves lines without a tax code when no setting names one", () => {
    const [, receipt] = prepareDocument(
      {
        kind: "Invoice",
        docNumber: "1002",
        txnDate: "2024-03-10",
        customerName: "Shop sales",
        currency: "USD",
        memo: null,
        lines: [{ itemName: "SKU-A", qty: 1, unitPriceMinor: 500 }],
        discountMinor: 0,
        taxCode: null,
      },
      ids,
    );
    expect(receipt!.xml).not.toContain("SalesTaxCodeRef");
  });

  it("asks for every code, active or not, and reads them by ListID", () => {
    expect(taxCodeQuery("tax-1")).toBe(
      '<SalesTaxCodeQueryRq requestID="tax-1"><ActiveStatus>All</ActiveStatus></SalesTaxCodeQueryRq>',
    );
    const answer = `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><SalesTaxCodeQueryRs requestID="tax-1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
      <SalesTaxCodeRet><ListID>10000-1</ListID><EditSequence>1</EditSequence><Name>Tax</Name><IsActive>true</IsActive><IsTaxable>true</IsTaxable></SalesTaxCodeRet>
      <SalesTaxCodeRet><ListID>20000-1</ListID><EditSequence>1</EditSequence><Name>Non</Name><IsActive>false</IsActive><IsTaxable>false</IsTaxable></SalesTaxCodeRet>
    </SalesTaxCodeQueryRs><SalesTaxCodeQueryRs requestID="tax-2" statusCode="3250" statusSeverity="Error" statusMessage="This feature is not enabled or not available in this version of QuickBooks."/></QBXMLMsgsRs></QBXML>`;
    expect(readTaxCodes(answer)).toEqual([
      {
        requestId: "tax-1",
        message: "Status OK",
        codes: [
          { id: "10000-1", name: "Tax", taxable: true, active: true },
          { id: "20000-1", name: "Non", taxable: false, active: false },
        ],
      },
      {
        requestId: "tax-2",
        message: "This feature is not enabled or not available in this version of QuickBooks.",
        codes: null,
      },
    ]);
  });
});
