import type { Connector, ConnectorClients } from "./contract.ts";

/** Connectors by platform key; the composition root passes the production map, tests add their own. */
export type ConnectorRegistry = Record<string, Connector<unknown>>;

/** One hub's client state by platform key, for the connectors that keep some (`createClients`). */
export type PlatformClients = Record<string, ConnectorClients>;

/**
 * Gives each connector that keeps client state a new one for this hub, and returns the registry
 * whose sessions receive it as `env.clients` — so whoever opens a session (connections, credential
 * checks) needs to know nothing of it, and another hub's registry holds other state.
 */
export function withPlatformClients(registry: ConnectorRegistry): {
  connectors: ConnectorRegistry;
  clients: PlatformClients;
} {
  const clients: PlatformClients = {};
  const connectors: ConnectorRegistry = {};
  for (const [platform, connector] of Object.entries(registry)) {
    const own = connector.createClients?.();
    if (!own) {
      connectors[platform] = connector;
      continue;
    }
    clients[platform] = own;
    connectors[platform] = {
      ...connector,
      connect: (credentials, env) => connector.connect(credentials, { ...env, clients: own }),
    };
  }
  return { connectors, clients };
}
