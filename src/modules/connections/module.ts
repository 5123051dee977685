import type { HubModule } from "../module.ts";

/** Platform connections, their sessions, and the per-connection record of what happened. */
export const connectionsModule: HubModule = {
  name: "connections",
};
