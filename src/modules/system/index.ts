// The system module's public surface: everything outside the module imports this file, never one behind it.
export { registerSystemJobs } from "./jobs.ts";
export { systemModule } from "./module.ts";
export { runQueueCheck } from "./queue-check.ts";
export { workerIdentity } from "./worker-identity.ts";
