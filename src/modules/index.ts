import { accountsModule } from "./accounts/index.ts";
import { booksModule } from "./books/index.ts";
import { catalogModule } from "./catalog/index.ts";
import { connectionsModule } from "./connections/index.ts";
import { eventsModule } from "./events/index.ts";
import { inventoryModule } from "./inventory/index.ts";
import type { HubModule } from "./module.ts";
import { notificationsModule } from "./notifications/index.ts";
import { ordersModule } from "./orders/index.ts";
import { planningModule } from "./planning/index.ts";
import { suppliersModule } from "./suppliers/index.ts";
import { syncModule } from "./sync/index.ts";
import { systemModule } from "./system/index.ts";

export type { HubModule } from "./module.ts";

/**
 * Every module of the hub, in dependency order: a module imports only modules listed before it
 * (docs/architecture.md, "Modules"). The hub registers this list once: routes under /api/v1,
 * jobs before the queue starts, workers in worker processes, account hooks in the creating
 * transaction. Adding a module is one line here.
 */
export const hubModules: readonly HubModule[] = [
  systemModule,
  accountsModule,
  eventsModule,
  catalogModule,
  inventoryModule,
  connectionsModule,
  suppliersModule,
  ordersModule,
  booksModule,
  syncModule,
  planningModule,
  notificationsModule,
];
