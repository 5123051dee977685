import type { Db } from "../../db/engine.ts";
import type { ImportedProduct } from "../catalog/index.ts";
import { applyMovements, levelKey, lockLevels, type MovementInput } from "./ledger.ts";
import { defaultWarehouse } from "./warehouses.ts";

/** Records the counted quantities of a product import as `import` movements in the default warehouse. */
export async function recordImportedQuantities(
  tx: Db,
  accountId: string,
  importId: string,
  items: ImportedProduct[],
): Promise<void> {
  if (items.length === 0) return;
  const warehouse = await defaultWarehouse(tx, accountId);
  const keys = items.map((i) => ({ productId: i.id, warehouseId: warehouse.id }));
  const levels = await lockLevels(tx, accountId, keys);
  const movements: MovementInput[] = [];
  for (const item of items) {
    const delta =
      item.row.quantity! - levels.get(levelKey({ productId: item.id, warehouseId: warehouse.id }))!.onHand;
    if (delta === 0) continue;
    movements.push({
      accountId,
      productId: item.id,
      sku: item.sku,
      warehouseId: warehouse.id,
      onHandDelta: delta,
      reservedDelta: 0,
      reason: "import",
      idempotencyKey: `import:${importId}:${item.sku}`,
      referenceType: "product-import",
      referenceId: importId,
      allowBackorder: item.row.allowBackorder ?? false,
    });
  }
  await applyMovements(tx, accountId, movements);
}
