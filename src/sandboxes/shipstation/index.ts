import { createHash } from "node:crypto";
import { FixedWindow } from "../kit/rate-limit.ts";
import { type KitSandbox, type StoreSandboxOptions, sandboxParts, serveSandbox } from "../kit/sandbox.ts";
import { registerSsControlRoutes } from "./control.ts";
import { ssErrorStyle } from "./errors.ts";
import { type RateSettings, ssGate } from "./gate.ts";
import { registerShipStationRoutes } from "./routes.ts";
import { createSsStore, type SsState } from "./store.ts";
import { RETRY_DELAYS_MS, ssWebhooks } from "./webhooks.ts";

export type { DeliveryRecord } from "../kit/webhooks.ts";
export { fromPacific, pacificText } from "./pacific.ts";

export interface ShipStationSandboxOptions extends StoreSandboxOptions {
  /** Sub-stores (marketplaces) on the account; seeded orders go round-robin to them. Default 3. */
  readonly stores?: number;
  /** Requests per window. Default 40 (ShipStation's per key pair). */
  readonly limit?: number;
  /** The window. Default 60,000 ms. */
  readonly windowMs?: number;
  readonly webhookRetryDelaysMs?: readonly number[];
}

/** What `POST /api/v1/connections` takes; `apiUrl` replaces https://ssapi.shipstation.com. */
export interface ShipStationCredentials {
  readonly apiKey: string;
  readonly apiSecret: string;
  readonly apiUrl: string;
}

export interface ShipStationSandbox extends KitSandbox {
  readonly credentials: ShipStationCredentials;
  readonly state: SsState;
  readonly rate: RateSettings;
}

export function shipStationKeysForSeed(seed: number) {
  const hex = (label: string) =>
    createHash("sha1").update(`stockwire-shipstation-${label}-${seed}`).digest("hex").slice(0, 32);
  return { apiKey: hex("key"), apiSecret: hex("secret") };
}

/** Starts a local ShipStation v1 account (stores, orders, shipments, webhooks) over a seeded catalogue. */
export async function startShipStationSandbox(
  options: ShipStationSandboxOptions = {},
): Promise<ShipStationSandbox> {
  const rate: RateSettings = {
    limit: options.limit ?? 40,
    windowMs: options.windowMs ?? 60_000,
    throttled: 0,
  };
  const parts = sandboxParts(options, {
    rngSalt: 0x5517,
    retryDelaysMs: options.webhookRetryDelaysMs ?? RETRY_DELAYS_MS,
    rateModel: (nowMs) => new FixedWindow({ limit: rate.limit, windowMs: rate.windowMs }, nowMs),
  });
  const keys = shipStationKeysForSeed(parts.seed);
  const state = createSsStore(parts.nowMs, parts.seeded, options.stores ?? 3);
  let baseUrl = "";
  ssWebhooks(state, parts.webhooks, () => baseUrl);
  const credentials = () => ({ ...keys, apiUrl: baseUrl });
  const served = await serveSandbox(
    parts,
    {
      gate: ssGate(keys, rate),
      errors: ssErrorStyle,
      info: () => ({
        url: baseUrl,
        credentials: credentials(),
        rate,
        stores: state.subStores,
        gaps: parts.seeded.gaps,
        seedIds: state.seedIds,
      }),
      routes(app) {
        registerShipStationRoutes(app, state);
        registerSsControlRoutes(app, { state, rate, rateLimit: parts.rateLimit });
      },
    },
    options.port,
  );
  baseUrl = served.url;
  options.log?.(`ShipStation sandbox at ${baseUrl} (key ${keys.apiKey})`);
  return { ...served, credentials: credentials(), state, rate };
}
