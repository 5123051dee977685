import type { HubModule } from "../module.ts";
import { supplierPartOfProductPage } from "./product-page.ts";
import { registerSupplierRoutes } from "./routes.ts";
import { registerPurchasingRoutes } from "./routes-purchasing.ts";

/** Suppliers, which products they sell on what terms, the stock they report, and purchase orders to them. */
export const suppliersModule: HubModule = {
  name: "suppliers",
  routes: (app, ctx) => {
    registerSupplierRoutes(app, ctx);
    registerPurchasingRoutes(app, ctx);
  },
  productPage: supplierPartOfProductPage,
};
