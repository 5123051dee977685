import type { ConnectorSession } from "../src/connectors/contract.ts";
import type { ConnectorRegistry } from "../src/connectors/registry.ts";

/**
 * Time spent inside connector calls (the platform's API, its rate budget's waits and the mapping
 * at the edge), so a benchmark can tell the hub's own time from the platform's.
 */
export type CallMeter = {
  readonly byOperation: Map<string, { calls: number; ms: number }>;
  totalMs(): number;
  reset(): void;
};

export function createCallMeter(): CallMeter {
  const byOperation = new Map<string, { calls: number; ms: number }>();
  return {
    byOperation,
    totalMs: () => [...byOperation.values()].reduce((n, o) => n + o.ms, 0),
    reset: () => byOperation.clear(),
  };
}

/** Sees every value a session operation returns (e.g. each page of orders) as it returns. */
export type ResultObserver = (operation: string, result: unknown) => void;

/** The same connectors, with every session operation timed into `meter`. */
export function timedConnectors(
  registry: ConnectorRegistry,
  meter: CallMeter,
  observe?: ResultObserver,
): ConnectorRegistry {
  return Object.fromEntries(
    Object.entries(registry).map(([platform, connector]) => [
      platform,
      {
        ...connector,
        connect: (credentials, env) => timed(connector.connect(credentials, env), meter, observe),
      },
    ]),
  );
}

function timed(session: ConnectorSession, meter: CallMeter, observe?: ResultObserver): ConnectorSession {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(session)) {
    if (typeof value !== "function") {
      wrapped[name] = value;
      continue;
    }
    const operation = value as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        const result: unknown = await operation.apply(session, args);
        observe?.(name, result);
        return result;
      } finally {
        const entry = meter.byOperation.get(name) ?? { calls: 0, ms: 0 };
        entry.calls += 1;
        entry.ms += performance.now() - started;
        meter.byOperation.set(name, entry);
      }
    };
  }
  return wrapped as ConnectorSession;
}
