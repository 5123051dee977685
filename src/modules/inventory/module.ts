import type { HubModule } from "../module.ts";
import { registerInventoryRoutes } from "./routes.ts";
import { createDefaultWarehouse } from "./warehouses.ts";

/** Warehouses, stock levels and the movement ledger. */
export const inventoryModule: HubModule = {
  name: "inventory",
  routes: registerInventoryRoutes,
  onAccountCreated: createDefaultWarehouse,
};
