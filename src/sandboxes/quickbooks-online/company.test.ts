import { afterEach, describe, expect, it } from "vitest";
import type { QuickBooksOnlineSandbox, QuickBooksOnlineSandboxOptions } from "./index.ts";
import { FIRST_INVENTORY_ITEM_ID, qboApi, salesLine, startTestSandbox } from "./test-helpers.ts";

/** Countries, editions, tax codes and the fields QBO fills on every document (issue 19 items 12, 16). */
let sandbox: QuickBooksOnlineSandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function company(options: QuickBooksOnlineSandboxOptions = {}) {
  sandbox = await startTestSandbox(options);
  return { sandbox, api: qboApi(sandbox) };
}

function adjustment() {
  return {
    AdjustAccountRef: { value: "6" },
    Line: [
      {
        DetailType: "ItemAdjustmentLineDetail",
        ItemAdjustmentLineDetail: { ItemRef: { value: FIRST_INVENTORY_ITEM_ID }, QtyDiff: 1 },
      },
    ],
  };
}

describe("documents carry the fields real records have", () => {
  it("invoices get addresses, statuses, empty lists, a tax summary and a due date from the terms", async () => {
    const { api, sandbox: box } = await company();
    const posted = await api.post("invoice", {
      CustomerRef: { value: "1" },
      TxnDate: "2026-03-01",
      Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 2, 10)],
    });
    expect(posted.body.Invoice).toMatchObject({
      BillAddr: { Line1: "1 Market Street" },
      EmailStatus: "NotSet",
      PrintStatus: "NeedToPrint",
      ApplyTaxAfterDiscount: false,
      CustomField: [],
      LinkedTxn: [],
      TxnTaxDetail: { TotalTax: 0 },
      DueDate: "2026-03-31",
      CurrencyRef: { value: "USD" },
    });
    box.control.setPreferences({ defaultTermDays: 14 });
    const later = await api.post("invoice", {
      CustomerRef: { value: "1" },
      TxnDate: "2026-03-01",
      Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 1, 10)],
    });
    expect(later.body.Invoice).toMatchObject({ DueDate: "2026-03-15" });
    const customer = await api.get("customer/1");
    expect(customer.body.Customer).toMatchObject({ IsProject: false, DefaultTaxCodeRef: { value: "NON" } });
  });
});

describe("non-US companies", () => {
  it("a GB company refuses a sales line without a tax code, as QBO does, and taxes tagged lines", async () => {
    const { api } = await company({ country: "GB" });
    const untagged = await api.post("salesreceipt", { Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 1, 10)] });
    expect(untagged.status).toBe(400);
    expect(untagged.body.Fault?.Error[0]).toMatchObject({
      code: "6000",
      Detail: expect.stringContaining("have a VAT rate"),
    });

    const codes = await api.query("select * from TaxCode");
    const names =
      (codes.body.QueryResponse?.TaxCode as Array<{ Name: string; Id: string }> | undefined) ?? [];
    expect(names.map((code) => code.Name)).toContain("20.0% S");
    const standard = names.find((code) => code.Name === "20.0% S");

    const line = salesLine(FIRST_INVENTORY_ITEM_ID, 2, 10);
    const tagged = await api.post("salesreceipt", {
      Line: [
        {
          ...line,
          SalesItemLineDetail: { ...line.SalesItemLineDetail, TaxCodeRef: { value: standard?.Id } },
        },
      ],
    });
    expect(tagged.status).toBe(200);
    expect(tagged.body.SalesReceipt).toMatchObject({
      TotalAmt: 24,
      TxnTaxDetail: { TotalTax: 4 },
      CurrencyRef: { value: "GBP" },
    });
    const unknown = await api.post("salesreceipt", {
      Line: [{ ...line, SalesItemLineDetail: { ...line.SalesItemLineDetail, TaxCodeRef: { value: "999" } } }],
    });
    expect(unknown.body.Fault?.Error[0]).toMatchObject({ code: "2500", element: "TaxCodeRef" });
  });

  it("Preferences and CompanyInfo say the home currency, country and edition", async () => {
    const { api, sandbox: box } = await company({ country: "CA", edition: "Essentials" });
    const preferences = await api.get("preferences");
    expect(preferences.status).toBe(200);
    expect(preferences.body).toMatchObject({
      Preferences: {
        CurrencyPrefs: { HomeCurrency: { value: "CAD" } },
        ProductAndServicesPrefs: { QuantityOnHand: false },
      },
    });
    const info = await api.get(`companyinfo/${box.realmId}`);
    expect(info.body.CompanyInfo).toMatchObject({
      Country: "CA",
      NameValue: expect.arrayContaining([{ Name: "OfferingSku", Value: "QuickBooks Online Essentials" }]),
    });
  });
});

describe("InventoryAdjustment by edition", () => {
  it("is offered to US Plus and Advanced companies only", async () => {
    const plus = await company({ edition: "Advanced" });
    expect((await plus.api.post("inventoryadjustment", adjustment())).status).toBe(200);
    await plus.sandbox.close();
    sandbox = undefined;

    for (const options of [{ edition: "Essentials" }, { country: "GB" }] as const) {
      const other = await company(options);
      const refused = await other.api.post("inventoryadjustment", adjustment());
      expect(refused.status, JSON.stringify(options)).toBe(400);
      expect(refused.body.Fault?.Error[0]?.code).toBe("500");
      await other.sandbox.close();
      sandbox = undefined;
    }
  });
});
