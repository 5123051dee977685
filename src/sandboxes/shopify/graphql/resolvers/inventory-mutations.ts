import { isoDateTime } from "../../format.ts";
import { gid, idOf } from "../../gid.ts";
import { InventoryBatch, isQuantityName, type QuantityChange, quantityOf } from "../../store/inventory.ts";
import type { InventoryLevel, QuantityName } from "../../store/types.ts";
import type { GraphqlContext } from "../context.ts";
import { idempotencyKeyOf } from "../idempotency.ts";
import { fields, type ResolverMap } from "../resolver-types.ts";
import {
  compareAndSetError,
  INVENTORY_REASONS,
  quantityBoundsError,
  targetLevel,
  type UserErrorValue,
} from "./inventory-targets.ts";

interface SetQuantityRow {
  readonly inventoryItemId: string;
  readonly locationId: string;
  readonly quantity: number;
  readonly changeFromQuantity?: number | null;
}

interface SetInput {
  readonly name: string;
  readonly reason: string;
  readonly referenceDocumentUri?: string | null;
  readonly quantities: readonly SetQuantityRow[];
}

interface AdjustRow {
  readonly inventoryItemId: string;
  readonly locationId: string;
  readonly delta: number;
  readonly changeFromQuantity?: number | null;
  readonly ledgerDocumentUri?: string | null;
}

interface AdjustInput {
  readonly name: string;
  readonly reason: string;
  readonly referenceDocumentUri?: string | null;
  readonly changes: readonly AdjustRow[];
}

export interface AdjustmentGroup {
  readonly kind: "InventoryAdjustmentGroup";
  readonly id: number;
  readonly createdAt: number;
  readonly reason: string;
  readonly referenceDocumentUri: string | null;
  readonly changes: readonly QuantityChange[];
}

interface Payload {
  readonly inventoryAdjustmentGroup: AdjustmentGroup | null;
  readonly userErrors: readonly UserErrorValue[];
}

const SETTABLE: readonly QuantityName[] = ["available", "on_hand"];
const ADJUSTABLE: readonly QuantityName[] = [
  "available",
  "damaged",
  "incoming",
  "quality_control",
  "reserved",
  "safety_stock",
];

function headerErrors(
  input: { name: string; reason: string },
  allowed: readonly QuantityName[],
  nameCode: string,
) {
  const errors: UserErrorValue[] = [];
  if (!allowed.some((name) => name === input.name)) {
    const message = `The quantity name must be one of: ${allowed.join(", ")}.`;
    errors.push({ field: ["input", "name"], message, code: nameCode });
  }
  if (!INVENTORY_REASONS.has(input.reason)) {
    errors.push({
      field: ["input", "reason"],
      message: "The specified reason is invalid.",
      code: "INVALID_REASON",
    });
  }
  return errors;
}

function group(
  context: GraphqlContext,
  input: SetInput | AdjustInput,
  changes: QuantityChange[],
): AdjustmentGroup {
  return {
    kind: "InventoryAdjustmentGroup",
    id: context.store.nextId("InventoryAdjustmentGroup"),
    createdAt: context.nowMs(),
    reason: input.reason,
    referenceDocumentUri: input.referenceDocumentUri ?? null,
    changes,
  };
}

/** Absolute set with compare-and-set per row; any error and nothing in the call is applied. */
function setQuantities(context: GraphqlContext, input: SetInput): Payload {
  const errors = headerErrors(input, SETTABLE, "INVALID_NAME");
  const name = input.name as QuantityName;
  const seen = new Set<InventoryLevel>();
  const plans: { level: InventoryLevel; quantity: number }[] = [];
  for (const [index, row] of input.quantities.entries()) {
    const field = ["input", "quantities", String(index)];
    const target = targetLevel(context.store, row, field);
    if ("error" in target) {
      errors.push(target.error);
      continue;
    }
    if (seen.has(target.level)) {
      const message = "The combination of inventoryItemId and locationId must be unique.";
      errors.push({ field, message, code: "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR" });
      continue;
    }
    seen.add(target.level);
    const problem =
      quantityBoundsError(row.quantity, [...field, "quantity"]) ??
      (isQuantityName(name) ? compareAndSetError(row, quantityOf(target.level, name), field) : null);
    if (problem) errors.push(problem);
    else plans.push({ level: target.level, quantity: row.quantity });
  }
  if (errors.length > 0) return { inventoryAdjustmentGroup: null, userErrors: errors };
  const batch = new InventoryBatch(context.store, context.nowMs());
  const changes = plans.flatMap(({ level, quantity }) =>
    batch.change(level, name, quantity - quantityOf(level, name)),
  );
  batch.finish();
  return { inventoryAdjustmentGroup: group(context, input, changes), userErrors: [] };
}

/** Relative changes; rows for the same level apply in order, each checked against the running value. */
function adjustQuantities(context: GraphqlContext, input: AdjustInput): Payload {
  const errors = headerErrors(input, ADJUSTABLE, "INVALID_QUANTITY_NAME");
  const name = input.name as QuantityName;
  const running = new Map<InventoryLevel, number>();
  const plans: { level: InventoryLevel; row: AdjustRow }[] = [];
  for (const [index, row] of input.changes.entries()) {
    const field = ["input", "changes", String(index)];
    const target = targetLevel(context.store, row, field);
    if ("error" in target) {
      errors.push(target.error);
      continue;
    }
    const current = running.get(target.level) ?? (isQuantityName(name) ? quantityOf(target.level, name) : 0);
    const problem =
      quantityBoundsError(current + row.delta, [...field, "delta"]) ??
      compareAndSetError(row, current, field);
    if (problem) {
      errors.push(problem);
      continue;
    }
    running.set(target.level, current + row.delta);
    plans.push({ level: target.level, row });
  }
  if (errors.length > 0) return { inventoryAdjustmentGroup: null, userErrors: errors };
  const batch = new InventoryBatch(context.store, context.nowMs());
  const changes = plans.flatMap(({ level, row }) =>
    batch.change(level, name, row.delta, row.ledgerDocumentUri ?? null),
  );
  batch.finish();
  return { inventoryAdjustmentGroup: group(context, input, changes), userErrors: [] };
}

const mismatch = (): Payload => ({
  inventoryAdjustmentGroup: null,
  userErrors: [
    {
      field: null,
      message: "The idempotency key was already used with different parameters.",
      code: "IDEMPOTENCY_KEY_PARAMETER_MISMATCH",
    },
  ],
});

export const inventoryMutationResolvers: ResolverMap = {
  Mutation: fields<unknown>({
    inventorySetQuantities: (_root, args: { input: SetInput }, context, info) =>
      context.idempotency.run(
        "inventorySetQuantities",
        idempotencyKeyOf(info),
        args.input,
        () => setQuantities(context, args.input),
        mismatch,
      ),
    inventoryAdjustQuantities: (_root, args: { input: AdjustInput }, context, info) =>
      context.idempotency.run(
        "inventoryAdjustQuantities",
        idempotencyKeyOf(info),
        args.input,
        () => adjustQuantities(context, args.input),
        mismatch,
      ),
  }),
  InventoryAdjustmentGroup: fields<AdjustmentGroup>({
    id: (g) => gid("InventoryAdjustmentGroup", g.id),
    createdAt: (g) => isoDateTime(g.createdAt),
    changes: (
      g,
      args: {
        inventoryItemIds?: string[] | null;
        locationIds?: string[] | null;
        quantityNames?: string[] | null;
      },
    ) => {
      const items = args.inventoryItemIds?.map((id) => idOf(id, "InventoryItem"));
      const locations = args.locationIds?.map((id) => idOf(id, "Location"));
      return g.changes.filter(
        (change) =>
          (!items || items.includes(change.inventoryItemId)) &&
          (!locations || locations.includes(change.locationId)) &&
          (!args.quantityNames || args.quantityNames.includes(change.name)),
      );
    },
  }),
  InventoryChange: fields<QuantityChange>({
    item: (c, _args, { store }) => store.inventoryItemsById.get(c.inventoryItemId) ?? null,
    location: (c, _args, { store }) => store.location(c.locationId) ?? null,
  }),
};
