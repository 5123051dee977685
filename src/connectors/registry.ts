import type { Connector } from "./contract.ts";

/** Connectors by platform key; the composition root passes the production map, tests add their own. */
export type ConnectorRegistry = Record<string, Connector<unknown>>;
