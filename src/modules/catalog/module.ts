import type { HubModule } from "../module.ts";
import { registerCatalogRoutes } from "./routes.ts";

/** Products, SKUs and channel listings. */
export const catalogModule: HubModule = {
  name: "catalog",
  routes: registerCatalogRoutes,
};
