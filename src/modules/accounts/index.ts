// The accounts module's public surface: everything outside the module imports this file, never one behind it.
export { tokenCreate, userCreate } from "./admin-ops.ts";
export {
  type AccountAllotment,
  accountAllotment,
  accountsWithAllotment,
  setAllotment,
} from "./allotment.ts";
export { deleteExpiredAttemptCounters } from "./attempt-limits.ts";
export { createApiToken, type Principal, principalFromSession, principalFromToken } from "./credentials.ts";
export { type AccountHooks, createAccountHooks } from "./hooks.ts";
export { registerAccountJobs } from "./jobs.ts";
export { accountsModule } from "./module.ts";
export { passwordWork } from "./passwords.ts";
export { registerAccountRoutes } from "./routes.ts";
export { type UserRole, userRoles } from "./schema.ts";
export {
  countUsers,
  createAccountWithOwner,
  createUser,
  getAccount,
  getUser,
  getUserByEmail,
  listUsers,
} from "./service.ts";
