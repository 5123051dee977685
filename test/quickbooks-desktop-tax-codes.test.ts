import { describe, expect, it } from "vitest";
import type { QueuedDocument } from "../src/connectors/contract.ts";
import { prepareDocument } from "../src/connectors/quickbooks-desktop/qbxml-requests.ts";
import { readTaxCodes, taxCodeQuery } from "../src/connectors/quickbooks-desktop/qbxml-tax.ts";
import { answer, qbxml, testCompany } from "../src/sandboxes/quickbooks-desktop/test-helpers.ts";

/** Sales tax codes: the company lists them (SalesTaxCodeQuery), and a non-US company wants one on every sales line. */
let seq = 0;
const ids = () => `tx${++seq}`;
const receipt = (taxCode: string | null): QueuedDocument => ({
  kind: "SalesReceipt",
  docNumber: `T${++seq}`,
  txnDate: "2026-12-07",
  customerName: "Shop sales",
  currency: "GBP",
  memo: null,
  lines: [{ itemName: "SKU-0001", qty: 1, unitPriceMinor: 1250 }],
  discountMinor: 0,
  taxCode,
});

async function post(app: ReturnType<typeof testCompany>["app"], doc: QueuedDocument) {
  const xml = prepareDocument(doc, ids)
    .map((r) => r.xml)
    .join("");
  const answers = await answer(app, qbxml(xml));
  return answers.find((rs) => rs.name === "SalesReceiptAddRs")!;
}

describe("QuickBooks Desktop sales tax codes", () => {
  it("lists a US company's Tax and Non codes, as the hub's reader reads them", async () => {
    const { app, company } = testCompany();
    const [rs] = await answer(app, qbxml(taxCodeQuery("tax-1")));
    expect(rs?.attrs.statusCode).toBe("0");
    const outcome = await app.process(qbxml(taxCodeQuery("tax-3")));
    if (outcome.kind !== "response") throw new Error(outcome.detail);
    const [read] = readTaxCodes(outcome.xml);
    // Lists answer in name order, as QuickBooks' do.
    expect(read?.codes?.map((c) => [c.name, c.taxable, c.active])).toEqual([
      ["Non", false, true],
      ["Tax", true, true],
    ]);
    expect(read?.codes?.map((c) => c.id).sort()).toEqual([...company.salesTaxCodes.keys()].sort());
  });

  it("takes a US sales line without a tax code (the item's own applies)", async () => {
    const { app } = testCompany();
    expect((await post(app, receipt(null))).attrs.statusCode).toBe("0");
  });

  it("refuses a non-US company's sales line without a tax code (3150) and takes it with one", async () => {
    const { app, company } = testCompany();
    company.setCountry("UK");
    const refused = await post(app, receipt(null));
    expect(refused.attrs.statusCode).toBe("3150");
    expect(refused.attrs.statusMessage).toContain("SalesTaxCodeRef");
    const standard = company.salesTaxCodeByName("S")!;
    expect((await post(app, receipt(standard.listId))).attrs.statusCode).toBe("0");
    // A code the company does not have is an invalid reference.
    expect((await post(app, receipt("80009999-1"))).attrs.statusCode).toBe("3140");
  });
});
