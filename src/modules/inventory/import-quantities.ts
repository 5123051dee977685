import type { Db } from "../../db/engine.ts";
import type { ImportedProduct } from "../catalog/import.ts";
import { applyMovement, lockLevel } from "./ledger.ts";
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
  for (const item of items) {
    const level = await lockLevel(tx, accountId, item.id, warehouse.id);
    const delta = item.row.quantity! - level.onHand;
    if (delta === 0) continue;
    await applyMovement(tx, {
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
}
