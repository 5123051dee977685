import type { HubModule } from "../module.ts";
import { registerNotificationJobs } from "./jobs.ts";
import { startNotifier } from "./notifier.ts";
import { registerNotificationRoutes } from "./routes.ts";

/** The bell, e-mail, webhooks, custom alerts and goals. */
export const notificationsModule: HubModule = {
  name: "notifications",
  routes: registerNotificationRoutes,
  jobs: registerNotificationJobs,
  workers: [startNotifier],
};
