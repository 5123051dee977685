import { eq } from "drizzle-orm";
import { loadConfig } from "../src/config.ts";
import { connectors as productionConnectors } from "../src/connectors/index.ts";
import type { ConnectorRegistry } from "../src/connectors/registry.ts";
import type { AppContext } from "../src/context.ts";
import type { Database, Db } from "../src/db/engine.ts";
import { type Hub, startHub } from "../src/hub.ts";
import { createHubAccountHooks } from "../src/jobs.ts";
import { createLogger } from "../src/logger.ts";
import { createAccountWithOwner } from "../src/modules/accounts/index.ts";
import type { Connection } from "../src/modules/connections/index.ts";
import {
  type CreateConnectionInput,
  createConnection,
  createRun,
  executeFeedRun,
  type FeedRun,
  feedRuns,
} from "../src/modules/sync/index.ts";
import type { ShopifySandbox } from "../src/sandboxes/shopify/index.ts";

/** Shared set-up of the benchmarks: a hub on the run's database, accounts, paired sandboxes. */

/** `STOCKWIRE_BENCH_FULL=1` runs the issue's sizes where the default full run is cut to fit ~10 minutes. */
export const issueSize = process.env.STOCKWIRE_BENCH_FULL === "1";

export const BENCH_SECRET = "ab".repeat(32);

export async function startBenchHub(
  database: Database,
  options: { http: boolean; work: boolean; connectors?: ConnectorRegistry },
): Promise<Hub> {
  return startHub({
    config: loadConfig({
      STOCKWIRE_SECRET: BENCH_SECRET,
      STOCKWIRE_ALLOW_PRIVATE_URLS: "1",
      LOG_LEVEL: "silent",
    }),
    logger: createLogger("silent"),
    http: options.http,
    work: options.work,
    database,
    connectors: options.connectors ?? productionConnectors,
  });
}

let accounts = 0;
export async function createBenchAccount(db: Db, name = "Bench"): Promise<string> {
  accounts += 1;
  const { accountId } = await createAccountWithOwner(
    { db, accountHooks: createHubAccountHooks() },
    {
      accountName: `${name} ${accounts}`,
      email: `bench-${accounts}-${Date.now()}@example.com`,
      password: "bench password",
    },
  );
  return accountId;
}

/**
 * Pairs a Shopify sandbox store as a connection (test mode, default feeds), as the API would.
 * `onboarding: false` asks for a bare connection where pairing would otherwise queue an onboarding
 * chain (products, order backfill, initial stock) that would run inside the measurement.
 */
export function pairShopify(
  ctx: AppContext,
  accountId: string,
  sandbox: Pick<ShopifySandbox, "url" | "accessToken" | "apiSecret">,
  name: string,
  options: { onboarding?: false } = {},
): Promise<Connection> {
  const input: CreateConnectionInput = {
    platform: "shopify",
    name,
    credentials: { shopDomain: sandbox.url, accessToken: sandbox.accessToken, apiSecret: sandbox.apiSecret },
    ...options,
  };
  return createConnection(ctx, accountId, input, "bench");
}

/** Runs one feed of a connection in this process, as a "Run now" job would, and returns the finished run. */
export async function runFeed(
  ctx: AppContext,
  connection: Connection,
  kind: string,
  full = false,
): Promise<FeedRun> {
  const run = await createRun(ctx.db, {
    accountId: connection.accountId,
    connectionId: connection.id,
    feedKind: kind,
    trigger: "manual",
    full,
  });
  await executeFeedRun(ctx, { runId: run.id, connectionId: connection.id, kind });
  const [done] = await ctx.db.select().from(feedRuns).where(eq(feedRuns.id, run.id));
  if (done?.status !== "succeeded" && done?.status !== "partial") {
    throw new Error(
      `${kind} on ${connection.name} ended ${done?.status}: ${done?.error ?? "see run messages"}`,
    );
  }
  return done;
}

/** Nearest-rank percentile of ascending `sorted` values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Waits until `probe` holds, checking every `everyMs`; false when `timeoutMs` passes first. */
export async function waitFor(probe: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return probe();
}

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));
