// The suppliers module's public surface: everything outside the module imports this file, never one behind it.

export { purchaseOrderReceived } from "./events.ts";
export {
  createLink,
  type LinkRow,
  linksBySupplierSku,
  linksOfProducts,
  type SupplierLink,
  upsertLinks,
} from "./links.ts";
export { suppliersModule } from "./module.ts";
export { onOrderOfProducts } from "./purchase-orders.ts";
export {
  importSourceFile,
  type SourceFile,
  type SourceImport,
  type SourceRow,
  TRUNCATION_SHARE,
} from "./source-import.ts";
export { offeredQuantity, type StockPolicy, type SupplierAllowance, stockPolicies } from "./stock-policy.ts";
export { recordSupplierStock, type SupplierStockRow, supplierStockOfProducts } from "./supplier-stock.ts";
export { findSupplierByName, getSupplier, type Supplier, suppliersById } from "./suppliers.ts";
export { type Need, type NeedInput, supplyNeed } from "./supply-need.ts";
