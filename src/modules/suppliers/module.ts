import type { HubModule } from "../module.ts";
import { supplierPartOfProductPage } from "./product-page.ts";
import { registerSupplierRoutes } from "./routes.ts";

/** Suppliers, which products they sell on what terms, and the stock they report. */
export const suppliersModule: HubModule = {
  name: "suppliers",
  routes: registerSupplierRoutes,
  productPage: supplierPartOfProductPage,
};
