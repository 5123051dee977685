import { z } from "zod";
import { faults } from "../faults.ts";
import { DATE_PATTERN, formatDate } from "../qbo-time.ts";
import { isRecord } from "../types.ts";
import {
  COMMON_QUERYABLE,
  checkLength,
  type EntityKind,
  parseInput,
  qboNumber,
  RefInput,
  resolveRef,
  type StockLine,
} from "./kind.ts";

const AdjustmentLineInput = z.looseObject({
  DetailType: z.literal("ItemAdjustmentLineDetail"),
  ItemAdjustmentLineDetail: z.looseObject({ ItemRef: RefInput, QtyDiff: qboNumber }),
});

const AdjustmentInput = z.looseObject({
  AdjustAccountRef: RefInput.optional(),
  TxnDate: z.string().regex(DATE_PATTERN).optional(),
  DocNumber: z.string().optional(),
  PrivateNote: z.string().optional(),
  Line: z.array(AdjustmentLineInput).optional(),
});

/** Quantity-only stock adjustments (QBO Plus/Advanced); each line moves one item by `QtyDiff`. */
export const inventoryAdjustmentKind: EntityKind = {
  name: "InventoryAdjustment",
  resource: "inventoryadjustment",
  operations: { create: true, update: true, delete: true, void: false },
  queryable: { ...COMMON_QUERYABLE, DocNumber: "string", TxnDate: "date" },
  normalize(input, ctx) {
    const data = parseInput(AdjustmentInput, input);
    if (!data.AdjustAccountRef) throw faults.requiredParam("AdjustAccountRef");
    if (!data.Line || data.Line.length === 0) throw faults.requiredParam("Line");
    checkLength("DocNumber", data.DocNumber, 21);
    const lines = data.Line.map((line, index) => {
      const detail = line.ItemAdjustmentLineDetail;
      const { entity: item, ref } = resolveRef(ctx, "Item", detail.ItemRef, "ItemRef");
      if (item.Type !== "Inventory") {
        throw faults.businessValidation(
          `Item ${item.Id} is not an inventory item; only inventory quantities can be adjusted.`,
        );
      }
      return { ...line, Id: String(index + 1), ItemAdjustmentLineDetail: { ...detail, ItemRef: ref } };
    });
    return {
      ...data,
      AdjustAccountRef: resolveRef(ctx, "Account", data.AdjustAccountRef, "AdjustAccountRef").ref,
      TxnDate: data.TxnDate ?? formatDate(ctx.clock.now()),
      Line: lines,
    };
  },
  stockLines(entity) {
    const lines = Array.isArray(entity.Line) ? entity.Line : [];
    const result: StockLine[] = [];
    for (const line of lines) {
      const detail = isRecord(line) ? line.ItemAdjustmentLineDetail : undefined;
      if (!isRecord(detail) || !isRecord(detail.ItemRef) || typeof detail.QtyDiff !== "number") continue;
      if (typeof detail.ItemRef.value === "string")
        result.push({ itemId: detail.ItemRef.value, qty: detail.QtyDiff });
    }
    return result;
  },
};
