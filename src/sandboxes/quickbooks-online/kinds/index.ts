import type { EntityName } from "../types.ts";
import { accountKind } from "./account.ts";
import { companyInfoKind } from "./company-info.ts";
import { customerKind } from "./customer.ts";
import { inventoryAdjustmentKind } from "./inventory-adjustment.ts";
import { itemKind } from "./item.ts";
import type { EntityKind } from "./kind.ts";
import { creditMemoKind, invoiceKind, refundReceiptKind, salesReceiptKind } from "./sales-documents.ts";
import { preferencesKind, taxCodeKind } from "./tax-code.ts";

export const ENTITY_KINDS = {
  Account: accountKind,
  Customer: customerKind,
  Item: itemKind,
  SalesReceipt: salesReceiptKind,
  Invoice: invoiceKind,
  RefundReceipt: refundReceiptKind,
  CreditMemo: creditMemoKind,
  InventoryAdjustment: inventoryAdjustmentKind,
  CompanyInfo: companyInfoKind,
  TaxCode: taxCodeKind,
  Preferences: preferencesKind,
} satisfies Record<EntityName, EntityKind>;

const BY_RESOURCE = new Map<string, EntityKind>(
  Object.values(ENTITY_KINDS).map((kind) => [kind.resource, kind]),
);

/** Resource segments are matched without case, as QBO's router does. */
export function kindForResource(resource: string): EntityKind | undefined {
  return BY_RESOURCE.get(resource.toLowerCase());
}

export type { EntityKind, FieldType, KindContext, Preferences, StockLine } from "./kind.ts";
