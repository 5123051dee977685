// The planning module's public surface: everything outside the module imports this file, never one behind it.

export { planningModule } from "./module.ts";
export { plannerReport } from "./report.ts";
export { registerPlanningRoutes } from "./routes.ts";
export { averageDailySales } from "./sales-rates.ts";
export { DEFAULT_PLAN_SETTINGS } from "./settings.ts";
export { planStatusChanges } from "./states.ts";
