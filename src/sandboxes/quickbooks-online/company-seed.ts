import { type CompanyProfile, homeCurrency, offeringSku, TAX_CODES, tracksQuantity } from "./company.ts";
import type { EntityStore } from "./store.ts";
import type { Fields, Ref } from "./types.ts";

/** The tax code a new customer and an untagged line default to: the country's first code. */
export function defaultTaxCodeRef(company: CompanyProfile, taxable: boolean): Ref {
  if (company.country === "US") return { value: taxable ? "TAX" : "NON" };
  const [first] = TAX_CODES[company.country];
  return { value: first?.id ?? "", ...(first ? { name: first.name } : {}) };
}

/** The tax code list and the Preferences row a company of this country and edition starts with. */
export function seedCompanySettings(
  store: EntityStore,
  company: CompanyProfile,
  options: { at: number; silent: true },
): void {
  for (const code of TAX_CODES[company.country]) {
    store.insert(
      "TaxCode",
      {
        Name: code.name,
        Description: code.description,
        Active: true,
        Hidden: false,
        Taxable: code.taxable,
        TaxGroup: false,
        // The rate itself lives on TaxRate rows in QBO; the sandbox keeps it on the code (see README).
        SalesTaxRateList: {
          TaxRateDetail: [{ TaxRateRef: { value: code.id, name: code.name }, TaxOrder: 0 }],
        },
        RatePercent: code.ratePercent,
      },
      { ...options, id: code.id },
    );
  }
  const preferences: Fields = {
    CurrencyPrefs: { HomeCurrency: homeCurrency(company), MultiCurrencyEnabled: false },
    SalesFormsPrefs: {
      DefaultTerms: { value: "3" },
      CustomTxnNumbers: true,
      AllowDiscount: true,
      AllowShipping: true,
    },
    ProductAndServicesPrefs: {
      ForSales: true,
      ForPurchase: true,
      QuantityOnHand: tracksQuantity(company),
      QuantityWithPriceAndRate: true,
    },
    TaxPrefs: { UsingSalesTax: true, PartnerTaxEnabled: company.country === "US" },
    OtherPrefs: { NameValue: [{ Name: "SalesFormsPrefs.DefaultCustomerMessage", Value: "" }] },
  };
  store.insert("Preferences", preferences, options);
}

export function companyInfoExtras(company: CompanyProfile): Fields {
  return {
    Country: company.country,
    NameValue: [
      { Name: "OfferingSku", Value: offeringSku(company) },
      { Name: "NeoEnabled", Value: "true" },
      { Name: "IsQbdtMigrated", Value: "false" },
    ],
  };
}
