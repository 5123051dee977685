/** Shipping destinations with the tax rate the sandbox charges there. */
export interface Region {
  readonly city: string;
  readonly province: string;
  readonly provinceCode: string;
  readonly country: string;
  readonly countryCode: string;
  readonly zip: string;
  readonly taxRate: number;
}

type Row = readonly [string, string, string, string, string, string, number];

const us = (city: string, province: string, code: string, zip: string, rate: number): Row => [
  city,
  province,
  code,
  "United States",
  "US",
  zip,
  rate,
];

const ROWS: readonly Row[] = [
  us("Louisville", "Kentucky", "KY", "40202", 0.06),
  us("Austin", "Texas", "TX", "78701", 0.0825),
  us("Portland", "Oregon", "OR", "97205", 0),
  us("Brooklyn", "New York", "NY", "11201", 0.08875),
  us("San Diego", "California", "CA", "92101", 0.0775),
  us("Denver", "Colorado", "CO", "80202", 0.0881),
  us("Seattle", "Washington", "WA", "98101", 0.1025),
  us("Miami", "Florida", "FL", "33130", 0.07),
  ["Toronto", "Ontario", "ON", "Canada", "CA", "M5V 2T6", 0.13],
  ["Vancouver", "British Columbia", "BC", "Canada", "CA", "V6B 1A1", 0.12],
  ["Montréal", "Quebec", "QC", "Canada", "CA", "H2Y 1C6", 0.14975],
  ["London", "England", "ENG", "United Kingdom", "GB", "EC1A 1BB", 0.2],
  ["Sydney", "New South Wales", "NSW", "Australia", "AU", "2000", 0.1],
];

export const REGIONS: readonly Region[] = ROWS.map(
  ([city, province, provinceCode, country, countryCode, zip, taxRate]) => ({
    city,
    province,
    provinceCode,
    country,
    countryCode,
    zip,
    taxRate,
  }),
);
