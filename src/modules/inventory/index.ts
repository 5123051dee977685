// The inventory module's public surface: everything outside the module imports this file, never one behind it.
export { adjustStock } from "./adjustments.ts";
export { stockChanged, stockOversold } from "./events.ts";
export { recordImportedQuantities } from "./import-quantities.ts";
export { applyMovements, levelKey, lockLevels, type MovementInput } from "./ledger.ts";
export { inventoryModule } from "./module.ts";
export { release, restock, type StockItem, ship } from "./order-stock.ts";
export { registerInventoryRoutes } from "./routes.ts";
export { applySourceCounts, type SourceCount } from "./source-counts.ts";
export { belowSalesReason, matchSourceItems, type SourceItemOutcome } from "./source-matching.ts";
export { channelAvailability, stockOfProduct } from "./stock.ts";
export { accountHasStock } from "./stock-presence.ts";
export { stockTotals } from "./stock-totals.ts";
export { createDefaultWarehouse, getWarehouse, resolveWarehouse } from "./warehouses.ts";
