/** Entities this sandbox serves, spelled as QuickBooks spells them (query names are case-sensitive). */
export const ENTITY_NAMES = [
  "Account",
  "Customer",
  "Item",
  "SalesReceipt",
  "Invoice",
  "RefundReceipt",
  "CreditMemo",
  "InventoryAdjustment",
  "CompanyInfo",
  "TaxCode",
  "Preferences",
] as const;

export type EntityName = (typeof ENTITY_NAMES)[number];

export function isEntityName(value: string): value is EntityName {
  return (ENTITY_NAMES as readonly string[]).includes(value);
}

/** Name lists number their rows independently; transactions share one sequence, as in QBO. */
export type IdSpace = "Account" | "Customer" | "Item" | "Txn" | "CompanyInfo" | "TaxCode" | "Preferences";

export const ID_SPACE = {
  Account: "Account",
  Customer: "Customer",
  Item: "Item",
  SalesReceipt: "Txn",
  Invoice: "Txn",
  RefundReceipt: "Txn",
  CreditMemo: "Txn",
  InventoryAdjustment: "Txn",
  CompanyInfo: "CompanyInfo",
  TaxCode: "TaxCode",
  Preferences: "Preferences",
} as const satisfies Record<EntityName, IdSpace>;

export interface Ref {
  value: string;
  name?: string;
}

export interface MetaData {
  CreateTime: string;
  LastUpdatedTime: string;
}

/** Writable fields. Fields the sandbox does not model are stored and echoed as sent, so full updates round-trip. */
export type Fields = Record<string, unknown>;

export interface QboEntity {
  Id: string;
  SyncToken: string;
  MetaData: MetaData;
  domain: "QBO";
  sparse: false;
  [field: string]: unknown;
}

export type ChangeOperation = "Create" | "Update" | "Delete" | "Void" | "Merge";

export interface EntityChange {
  entity: EntityName;
  id: string;
  operation: ChangeOperation;
  /** Sandbox-clock epoch milliseconds. */
  at: number;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function stringField(entity: Fields, key: string): string | undefined {
  const value = entity[key];
  return typeof value === "string" ? value : undefined;
}

export function numberField(entity: Fields, key: string): number | undefined {
  const value = entity[key];
  return typeof value === "number" ? value : undefined;
}

export function refValue(entity: Fields, key: string): string | undefined {
  const value = entity[key];
  return isRecord(value) && typeof value.value === "string" ? value.value : undefined;
}

/** QBO amounts are currency values with two decimals. */
export function roundMoney(value: number): number {
  return Math.round(value * 100) / 100;
}
