import type { Ref } from "./types.ts";

/** Where the sandbox company is and what it pays for; both change what the API accepts. */
export type CompanyCountry = "US" | "GB" | "CA" | "AU";
export type CompanyEdition = "SimpleStart" | "Essentials" | "Plus" | "Advanced";

export interface CompanyProfile {
  country: CompanyCountry;
  edition: CompanyEdition;
}

export const DEFAULT_COMPANY: Readonly<CompanyProfile> = { country: "US", edition: "Plus" };

const CURRENCIES: Record<CompanyCountry, Ref> = {
  US: { value: "USD", name: "United States Dollar" },
  GB: { value: "GBP", name: "British Pound Sterling" },
  CA: { value: "CAD", name: "Canadian Dollar" },
  AU: { value: "AUD", name: "Australian Dollar" },
};

/** QBO's product names, as CompanyInfo's `OfferingSku` name/value pair spells them. */
const OFFERING_SKU: Record<CompanyEdition, string> = {
  SimpleStart: "QuickBooks Online Simple Start",
  Essentials: "QuickBooks Online Essentials",
  Plus: "QuickBooks Online Plus",
  Advanced: "QuickBooks Online Advanced",
};

export function homeCurrency(company: CompanyProfile): Ref {
  return { ...CURRENCIES[company.country] };
}

export function offeringSku(company: CompanyProfile): string {
  return OFFERING_SKU[company.edition];
}

/** Quantity tracking is a Plus/Advanced feature; `InventoryAdjustment` exists only for US companies with it. */
export function tracksQuantity(company: CompanyProfile): boolean {
  return company.edition === "Plus" || company.edition === "Advanced";
}

export function offersInventoryAdjustment(company: CompanyProfile): boolean {
  return company.country === "US" && tracksQuantity(company);
}

/** Outside the US every sales line names a tax code; the refusal names the country's tax. */
export const SALES_TAX_NAME: Record<CompanyCountry, string> = {
  US: "sales tax",
  GB: "VAT",
  CA: "GST/HST",
  AU: "GST",
};

export interface SeedTaxCode {
  id: string;
  name: string;
  description: string;
  /** Percent applied to a line's amount (tax-exclusive amounts). */
  ratePercent: number;
  taxable: boolean;
}

/**
 * The codes a new company of each country starts with (a subset: the standard, zero and exempt
 * rates). US companies use the pseudo-codes TAX and NON on lines; automated sales tax is not modelled.
 */
export const TAX_CODES: Record<CompanyCountry, SeedTaxCode[]> = {
  US: [
    { id: "TAX", name: "TAX", description: "TAX", ratePercent: 0, taxable: true },
    { id: "NON", name: "NON", description: "NON", ratePercent: 0, taxable: false },
  ],
  GB: [
    { id: "2", name: "20.0% S", description: "Standard rated 20%", ratePercent: 20, taxable: true },
    { id: "4", name: "5.0% R", description: "Reduced rate 5%", ratePercent: 5, taxable: true },
    { id: "6", name: "0.0% Z", description: "Zero-rated", ratePercent: 0, taxable: true },
    { id: "8", name: "Exempt", description: "Exempt", ratePercent: 0, taxable: false },
  ],
  CA: [
    { id: "4", name: "GST", description: "GST 5%", ratePercent: 5, taxable: true },
    { id: "5", name: "HST ON", description: "HST Ontario 13%", ratePercent: 13, taxable: true },
    { id: "6", name: "Zero-rated", description: "Zero-rated", ratePercent: 0, taxable: true },
    { id: "7", name: "Exempt", description: "Exempt", ratePercent: 0, taxable: false },
  ],
  AU: [
    { id: "10", name: "GST", description: "GST 10%", ratePercent: 10, taxable: true },
    { id: "11", name: "FRE", description: "GST free", ratePercent: 0, taxable: true },
  ],
};
