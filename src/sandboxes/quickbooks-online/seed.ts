import type { Clock } from "./clock.ts";
import { type CompanyProfile, homeCurrency } from "./company.ts";
import { companyInfoExtras, defaultTaxCodeRef, seedCompanySettings } from "./company-seed.ts";
import { intBetween, mulberry32, pick, type Rng } from "./prng.ts";
import { formatDate } from "./qbo-time.ts";
import type { EntityStore } from "./store.ts";
import type { Fields, QboEntity, Ref } from "./types.ts";

/** The accounts a new QBO company with inventory tracking starts with (names as QBO spells them). */
const STANDARD_ACCOUNTS = [
  ["Sales of Product Income", "Income", "SalesOfProductIncome", "Revenue"],
  ["Services", "Income", "ServiceFeeIncome", "Revenue"],
  ["Shipping Income", "Income", "OtherPrimaryIncome", "Revenue"],
  ["Discounts given", "Income", "DiscountsRefundsGiven", "Revenue"],
  ["Cost of Goods Sold", "Cost of Goods Sold", "SuppliesMaterialsCogs", "Expense"],
  ["Inventory Shrinkage", "Cost of Goods Sold", "SuppliesMaterialsCogs", "Expense"],
  ["Inventory Asset", "Other Current Asset", "Inventory", "Asset"],
  ["Undeposited Funds", "Other Current Asset", "UndepositedFunds", "Asset"],
  ["Checking", "Bank", "Checking", "Asset"],
  ["Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable", "Asset"],
  ["Sales Tax Payable", "Other Current Liability", "SalesTaxPayable", "Liability"],
  ["Opening Balance Equity", "Equity", "OpeningBalanceEquity", "Equity"],
] as const;

const PRODUCTS = [
  "Tee",
  "Hoodie",
  "Cap",
  "Beanie",
  "Tote Bag",
  "Mug",
  "Water Bottle",
  "Notebook",
  "Socks",
  "Jacket",
];
const STYLES = ["Classic", "Organic", "Heavyweight", "Vintage", "Everyday", "Trail", "Studio", "Premium"];
const COLORS = [
  ["Black", "BLK"],
  ["White", "WHT"],
  ["Navy", "NVY"],
  ["Red", "RED"],
  ["Forest", "GRN"],
  ["Heather Grey", "GRY"],
] as const;
const SIZES = ["S", "M", "L", "XL", "OS"] as const;
const GIVEN_NAMES = ["Amy", "Bill", "Carla", "Dev", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonah"];
const FAMILY_NAMES = ["Rivera", "Okafor", "Lindqvist", "Patel", "Moreau", "Nakamura", "Schultz", "Adeyemi"];

export const DEFAULT_ITEMS = 50;
export const DEFAULT_SEED = 1;
/** Seeded rows are dated 60 days back, outside CDC's 30-day window, as an established company's would be. */
const SEEDED_AGE_MS = 60 * 86_400_000;

/** A 16-digit realm id like the sandbox companies Intuit hands out ("9130…"). */
export function realmIdFor(seed: number): string {
  const rng = mulberry32(seed ^ 0x5eed);
  return `9130${Array.from({ length: 12 }, () => intBetween(rng, 0, 9)).join("")}`;
}

function ref(entity: QboEntity): Ref {
  return { value: entity.Id, name: String(entity.Name) };
}

function price(rng: Rng): number {
  return intBetween(rng, 4, 89) + 0.99;
}

function inventoryItem(
  rng: Rng,
  index: number,
  usedNames: Set<string>,
  accounts: Record<string, Ref>,
  startDate: string,
): Fields {
  const style = pick(rng, STYLES);
  const product = pick(rng, PRODUCTS);
  const [color, colorCode] = pick(rng, COLORS);
  const size = pick(rng, SIZES);
  const number = String(index).padStart(5, "0");
  let name = `${style} ${product} - ${color} / ${size}`;
  if (usedNames.has(name.toLowerCase())) name = `${name} (${number})`;
  usedNames.add(name.toLowerCase());
  const unitPrice = price(rng);
  return {
    Name: name,
    FullyQualifiedName: name,
    Sku: `SKU-${number}-${colorCode}-${size}`,
    Description: `${style} ${product.toLowerCase()}, ${color.toLowerCase()}, size ${size}`,
    Type: "Inventory",
    Active: true,
    Taxable: true,
    TrackQtyOnHand: true,
    QtyOnHand: rng() < 0.1 ? 0 : intBetween(rng, 1, 120),
    InvStartDate: startDate,
    UnitPrice: unitPrice,
    PurchaseCost: Math.round(unitPrice * (0.35 + rng() * 0.2) * 100) / 100,
    IncomeAccountRef: accounts["Sales of Product Income"],
    ExpenseAccountRef: accounts["Cost of Goods Sold"],
    AssetAccountRef: accounts["Inventory Asset"],
  };
}

/** Fills an empty store with the same company every time for the same seed (and clock). */
export function seedCompany(
  store: EntityStore,
  clock: Clock,
  config: { seed: number; items: number; company: CompanyProfile },
): void {
  const { seed, items: itemCount, company } = config;
  const currency = homeCurrency(company);
  const rng = mulberry32(seed);
  const at = clock.now() - SEEDED_AGE_MS;
  const silently = { at, silent: true } as const;
  seedCompanySettings(store, company, silently);
  const accounts: Record<string, Ref> = {};
  for (const [name, type, subType, classification] of STANDARD_ACCOUNTS) {
    const account = store.insert(
      "Account",
      {
        Name: name,
        FullyQualifiedName: name,
        AccountType: type,
        AccountSubType: subType,
        Classification: classification,
        Active: true,
        SubAccount: false,
        CurrentBalance: 0,
        CurrentBalanceWithSubAccounts: 0,
        CurrencyRef: currency,
      },
      silently,
    );
    accounts[name] = ref(account);
  }
  const customerNames = new Set<string>(["Online Store Sales"]);
  while (customerNames.size < 5) customerNames.add(`${pick(rng, GIVEN_NAMES)} ${pick(rng, FAMILY_NAMES)}`);
  for (const displayName of customerNames) {
    const [given, family] =
      displayName === "Online Store Sales" ? [undefined, undefined] : displayName.split(" ");
    store.insert(
      "Customer",
      {
        DisplayName: displayName,
        FullyQualifiedName: displayName,
        PrintOnCheckName: displayName,
        ...(given ? { GivenName: given, FamilyName: family } : { CompanyName: displayName }),
        PrimaryEmailAddr: { Address: `${displayName.toLowerCase().replace(/[^a-z]+/g, ".")}@example.com` },
        Active: true,
        Taxable: false,
        Job: false,
        BillWithParent: false,
        Balance: 0,
        BalanceWithJobs: 0,
        PreferredDeliveryMethod: "Print",
        IsProject: false,
        DefaultTaxCodeRef: defaultTaxCodeRef(company, false),
        BillAddr: {
          Line1: "1 Market Street",
          City: "Springfield",
          PostalCode: "10001",
          Country: company.country,
        },
        CurrencyRef: currency,
      },
      silently,
    );
  }
  for (const [name, account] of [
    ["Services", "Services"],
    ["Shipping", "Shipping Income"],
  ] as const) {
    store.insert(
      "Item",
      {
        Name: name,
        FullyQualifiedName: name,
        Type: "Service",
        Active: true,
        Taxable: false,
        TrackQtyOnHand: false,
        UnitPrice: 0,
        PurchaseCost: 0,
        IncomeAccountRef: accounts[account],
      },
      silently,
    );
  }
  const usedNames = new Set<string>();
  const startDate = formatDate(at);
  for (let index = 1; index <= itemCount; index += 1) {
    store.insert("Item", inventoryItem(rng, index, usedNames, accounts, startDate), silently);
  }
  store.insert(
    "CompanyInfo",
    {
      CompanyName: "Stockwire Sandbox Company",
      LegalName: "Stockwire Sandbox Company",
      ...companyInfoExtras(company),
      CompanyAddr: {
        Line1: "123 Sierra Way",
        City: "San Pablo",
        CountrySubDivisionCode: "CA",
        PostalCode: "87999",
      },
      Email: { Address: "books@example.com" },
      FiscalYearStartMonth: "January",
      SupportedLanguages: "en",
      CompanyStartDate: formatDate(at),
    },
    silently,
  );
}
