import { z } from "zod";
import { faults } from "../faults.ts";
import { DATE_PATTERN } from "../qbo-time.ts";
import type { Fields, Ref } from "../types.ts";
import {
  assertUniqueName,
  COMMON_QUERYABLE,
  checkLength,
  type EntityKind,
  type KindContext,
  parseInput,
  qboNumber,
  RefInput,
  resolveRef,
} from "./kind.ts";

const ItemInput = z.looseObject({
  Name: z.string().min(1),
  Sku: z.string().optional(),
  Type: z.enum(["Inventory", "NonInventory", "Service"]).optional(),
  Active: z.boolean().optional(),
  Taxable: z.boolean().optional(),
  QtyOnHand: qboNumber.optional(),
  TrackQtyOnHand: z.boolean().optional(),
  InvStartDate: z.string().regex(DATE_PATTERN).optional(),
  UnitPrice: qboNumber.optional(),
  PurchaseCost: qboNumber.optional(),
  IncomeAccountRef: RefInput.optional(),
  ExpenseAccountRef: RefInput.optional(),
  AssetAccountRef: RefInput.optional(),
});

type ItemData = z.output<typeof ItemInput>;

const ACCOUNT_FIELDS = ["IncomeAccountRef", "ExpenseAccountRef", "AssetAccountRef"] as const;

function accountRefs(data: ItemData, ctx: KindContext): Fields {
  const refs: Record<string, Ref> = {};
  for (const field of ACCOUNT_FIELDS) {
    const ref = data[field];
    if (ref) refs[field] = resolveRef(ctx, "Account", ref, field).ref;
  }
  return refs;
}

/** Inventory items carry the three accounts QBO posts sales, cost and stock value to. */
function inventoryFields(data: ItemData): Fields {
  for (const field of ["InvStartDate", "QtyOnHand", ...ACCOUNT_FIELDS] as const) {
    if (data[field] === undefined) throw faults.requiredParam(field);
  }
  if (data.TrackQtyOnHand === false) {
    throw faults.businessValidation("TrackQtyOnHand must be true for an item of Type Inventory.");
  }
  return { TrackQtyOnHand: true, QtyOnHand: data.QtyOnHand, InvStartDate: data.InvStartDate };
}

export const itemKind: EntityKind = {
  name: "Item",
  resource: "item",
  operations: { create: true, update: true, delete: false, void: false },
  queryable: {
    ...COMMON_QUERYABLE,
    Name: "string",
    FullyQualifiedName: "string",
    Sku: "string",
    Type: "string",
    Active: "boolean",
    QtyOnHand: "number",
    UnitPrice: "number",
    PurchaseCost: "number",
  },
  normalize(input, ctx, existing) {
    const data = parseInput(ItemInput, input);
    checkLength("Name", data.Name, 100);
    checkLength("Sku", data.Sku, 100);
    assertUniqueName(ctx, "Item", "Name", data.Name, existing?.Id);
    // An item's type cannot change once created; a new item without one is a non-inventory item.
    const type = existing?.Type ?? data.Type ?? "NonInventory";
    if (type !== "Inventory" && data.IncomeAccountRef === undefined && data.ExpenseAccountRef === undefined) {
      throw faults.requiredParam("IncomeAccountRef");
    }
    const { QtyOnHand: _qty, InvStartDate: _start, ...rest } = data;
    return {
      ...rest,
      Type: type,
      FullyQualifiedName: data.Name,
      Active: data.Active ?? true,
      Taxable: data.Taxable ?? false,
      UnitPrice: data.UnitPrice ?? 0,
      PurchaseCost: data.PurchaseCost ?? 0,
      ...accountRefs(data, ctx),
      ...(type === "Inventory" ? inventoryFields(data) : { TrackQtyOnHand: false }),
    };
  },
};
