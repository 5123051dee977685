import type { ClientStats } from "../src/connectors/http/index.ts";
import type { AppContext } from "../src/context.ts";
import type { Connection } from "../src/modules/connections/index.ts";
import { createConnection } from "../src/modules/sync/index.ts";
import type { ChannelPlatform, ChannelSandboxProcess } from "./channel-sandbox.ts";

/** Pairs a WooCommerce or BigCommerce sandbox with the credentials it printed, without onboarding. */
export function pairChannel(
  ctx: AppContext,
  accountId: string,
  sandbox: ChannelSandboxProcess,
  name: string,
): Promise<Connection> {
  return createConnection(
    ctx,
    accountId,
    { platform: sandbox.platform, name, credentials: sandbox.credentials, onboarding: false },
    "bench",
  );
}

/** The HTTP counters of the connection's session (requests, throttled answers …) in this hub. */
export async function sessionStats(ctx: AppContext, connectionId: string): Promise<ClientStats> {
  for (const [key, session] of ctx.connectorSessions) {
    // A timed session (timed-connectors.ts) answers every method, `stats` too, as a promise.
    const stats = (session as { stats?: () => ClientStats | Promise<ClientStats> }).stats;
    if (key.startsWith(`${connectionId}:`) && stats) return await stats.call(session);
  }
  return { requests: 0, retries: 0, throttled: 0, failures: 0 };
}

/** WooCommerce's connector keeps to 20 requests a second per store (client.ts): a politeness choice. */
const WOO_PACE = 20;
const BC_WINDOW_SECONDS = 30;

/**
 * Each platform's request bound and items a stock request carries. BigCommerce: the plan's quota
 * per 30-second window (platform-apis.md §5), 2,000 items an absolute adjustment. WooCommerce: no
 * published limit (§2.5) — the sandbox has no host limit unless one is set — and 100 items a batch.
 */
export function channelBound(platform: ChannelPlatform, quota: number | undefined) {
  if (platform === "bigcommerce") {
    const q = quota ?? 150;
    return {
      requestsPerSecond: q / BC_WINDOW_SECONDS,
      itemsPerRequest: 2000,
      connectorPace: q / BC_WINDOW_SECONDS,
      sandboxLimit: `${q} per ${BC_WINDOW_SECONDS} s`,
      parameters: { quotaPerWindow: q, windowSeconds: BC_WINDOW_SECONDS, itemsPerRequest: 2000 },
    };
  }
  return {
    requestsPerSecond: null,
    itemsPerRequest: 100,
    connectorPace: WOO_PACE,
    sandboxLimit: "none",
    parameters: {
      publishedLimit: null,
      sandboxHostLimit: null,
      connectorPacePerSecond: WOO_PACE,
      itemsPerRequest: 100,
    },
  };
}
