// The accounts module's public surface: everything outside the module imports this file, never one behind it.
export { type Principal, principalFromSession, principalFromToken } from "./credentials.ts";
export type { UserRole } from "./schema.ts";
