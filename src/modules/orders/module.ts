import type { HubModule } from "../module.ts";
import { registerOrderRoutes } from "./routes.ts";

/** Orders, refunds and shipments. */
export const ordersModule: HubModule = {
  name: "orders",
  routes: registerOrderRoutes,
};
