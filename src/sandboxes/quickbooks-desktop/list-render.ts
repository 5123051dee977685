import type { Account, Company, Customer, Item, SalesTaxCode } from "./company.ts";
import { formatDateTime } from "./qb-time.ts";
import { leaf, type RetPart, refPart, renderRet } from "./qbxml-status.ts";

/** `ItemInventoryRet`, `ItemInventoryAssemblyRet`, `ItemServiceRet` or `ItemDiscountRet`, in the schema's element order. */
export function itemRet(company: Company, item: Item, include: readonly string[]): string {
  const offset = company.clock.utcOffsetMinutes;
  const inventory = item.type === "ItemInventory" || item.type === "ItemInventoryAssembly";
  const parts: RetPart[] = [
    leaf("ListID", item.listId),
    leaf("TimeCreated", formatDateTime(item.timeCreatedMs, offset)),
    leaf("TimeModified", formatDateTime(item.timeModifiedMs, offset)),
    leaf("EditSequence", item.editSequence),
    leaf("Name", item.name),
    leaf("FullName", item.name),
    leaf("IsActive", item.isActive),
    leaf("Sublevel", 0),
    leaf("ManufacturerPartNumber", item.manufacturerPartNumber),
    ...(inventory
      ? [
          leaf("SalesDesc", item.salesDesc),
          leaf("SalesPrice", item.salesPrice),
          refPart("IncomeAccountRef", accountRef(company, "Sales")),
          refPart("COGSAccountRef", accountRef(company, "Cost of Goods Sold")),
          refPart("AssetAccountRef", accountRef(company, "Inventory Asset")),
          leaf("QuantityOnHand", item.quantityOnHand),
          leaf("QuantityOnOrder", 0),
          leaf("QuantityOnSalesOrder", 0),
        ]
      : item.type === "ItemDiscount"
        ? [
            leaf("ItemDesc", item.salesDesc),
            leaf("DiscountRate", item.salesPrice),
            refPart("AccountRef", accountRef(company, "Sales")),
          ]
        : [salesOrPurchase(company, item)]),
  ];
  return renderRet(`${item.type}Ret`, parts, include);
}

function salesOrPurchase(company: Company, item: Item): RetPart {
  const income = accountRef(company, "Sales");
  return [
    "SalesOrPurchase",
    `<SalesOrPurchase>${[
      leaf("Desc", item.salesDesc),
      leaf("Price", item.salesPrice),
      refPart("AccountRef", income),
    ]
      .map((p) => p?.[1] ?? "")
      .join("")}</SalesOrPurchase>`,
  ];
}

function accountRef(company: Company, name: string): { listId: string; fullName: string } | null {
  const account = company.accountByName(name);
  return account ? { listId: account.listId, fullName: account.name } : null;
}

export function customerRet(company: Company, customer: Customer, include: readonly string[]): string {
  const offset = company.clock.utcOffsetMinutes;
  return renderRet(
    "CustomerRet",
    [
      leaf("ListID", customer.listId),
      leaf("TimeCreated", formatDateTime(customer.timeCreatedMs, offset)),
      leaf("TimeModified", formatDateTime(customer.timeModifiedMs, offset)),
      leaf("EditSequence", customer.editSequence),
      leaf("Name", customer.name),
      leaf("FullName", customer.name),
      leaf("IsActive", customer.isActive),
      leaf("Sublevel", 0),
      leaf("Balance", "0.00"),
      leaf("TotalBalance", "0.00"),
      leaf("JobStatus", "None"),
    ],
    include,
  );
}

export function accountRet(company: Company, account: Account, include: readonly string[]): string {
  const offset = company.clock.utcOffsetMinutes;
  return renderRet(
    "AccountRet",
    [
      leaf("ListID", account.listId),
      leaf("TimeCreated", formatDateTime(account.timeCreatedMs, offset)),
      leaf("TimeModified", formatDateTime(account.timeCreatedMs, offset)),
      leaf("EditSequence", account.editSequence),
      leaf("Name", account.name),
      leaf("FullName", account.name),
      leaf("IsActive", true),
      leaf("Sublevel", 0),
      leaf("AccountType", account.accountType),
    ],
    include,
  );
}

/** SalesTaxCodeRet in the schema's order (ListID … IsTaxable, Desc). */
export function salesTaxCodeRet(company: Company, code: SalesTaxCode, include: readonly string[]): string {
  const offset = company.clock.utcOffsetMinutes;
  return renderRet(
    "SalesTaxCodeRet",
    [
      leaf("ListID", code.listId),
      leaf("TimeCreated", formatDateTime(code.timeCreatedMs, offset)),
      leaf("TimeModified", formatDateTime(code.timeCreatedMs, offset)),
      leaf("EditSequence", code.editSequence),
      leaf("Name", code.name),
      leaf("IsActive", code.isActive),
      leaf("IsTaxable", code.isTaxable),
    ],
    include,
  );
}
