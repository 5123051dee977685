import type { ConnectorRegistry } from "./registry.ts";

/**
 * Every production connector by platform key. Nothing else in the code names platforms: the sync
 * engine, routes and dashboard read capabilities from here.
 */
export const connectors = {} satisfies ConnectorRegistry;

export type Platform = keyof typeof connectors;
