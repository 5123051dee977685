import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { FeedKind } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/engine.ts";
import { appendEvents } from "../events/index.ts";
import { accountHasStock } from "../inventory/index.ts";
import { connectionOnboarded } from "./events.ts";
import { sendRunJob } from "./feed-runner.ts";
import { claimRun } from "./run-lease.ts";
import { createRun, type FeedRun, finishRun, startRun } from "./runs.ts";
import { connectionOnboardings, feedRuns, initialStockModes, type OnboardingStep } from "./schema.ts";

/** What a pairing request may turn off; everything is on by default. */
export const onboardingOptionsSchema = z.strictObject({
  /** Import the channel's products first; default true. */
  importProducts: z.boolean().default(true),
  /** Download the last 90 days of orders (R-ORD-1); default true. */
  backfillOrders: z.boolean().default(true),
  /** auto: take the channel's stock only while the account has none; default auto. */
  initialStock: z.enum(initialStockModes).default("auto"),
});
export type OnboardingOptions = z.infer<typeof onboardingOptionsSchema>;

/** The chain, in order: orders need products to match lines; stock counts what orders reserve. */
const CHAIN: { kind: FeedKind; enabled: (o: OnboardingOptions) => boolean }[] = [
  { kind: "new-products", enabled: (o) => o.importProducts },
  { kind: "new-orders", enabled: (o) => o.backfillOrders },
  { kind: "initial-stock", enabled: (o) => o.initialStock !== "never" },
];

type Onboarding = typeof connectionOnboardings.$inferSelect;

/**
 * Plans a new connection's onboarding inside its pairing transaction: one queued run per step,
 * so the plan exists exactly when the connection does. Only sales channels (connectors with an
 * order feed) onboard; steps the connector lacks are left out, steps turned off stay in as skipped.
 */
export async function planOnboarding(
  tx: Db,
  connection: { id: string; accountId: string },
  feeds: readonly FeedKind[],
  options: OnboardingOptions | false,
): Promise<void> {
  if (options === false || !feeds.includes("new-orders")) return;
  const steps: OnboardingStep[] = [];
  for (const step of CHAIN.filter((s) => feeds.includes(s.kind))) {
    if (!step.enabled(options)) {
      steps.push({ kind: step.kind, runId: null, reason: "turned off when the channel was paired" });
      continue;
    }
    const run = await createRun(tx, {
      accountId: connection.accountId,
      connectionId: connection.id,
      feedKind: step.kind,
      trigger: "onboarding",
      // The order backfill reads the whole 90-day window whatever the feed's watermark says.
      full: step.kind === "new-orders",
    });
    steps.push({ kind: step.kind, runId: run.id });
  }
  if (steps.every((s) => s.runId === null)) return;
  await tx.insert(connectionOnboardings).values({
    connectionId: connection.id,
    accountId: connection.accountId,
    steps,
    initialStock: options.initialStock,
  });
}

async function runsOf(db: Db, onboarding: Onboarding): Promise<Map<string, FeedRun>> {
  const ids = onboarding.steps.flatMap((s) => (s.runId ? [s.runId] : []));
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(feedRuns).where(inArray(feedRuns.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Moves a connection's onboarding forward: the first unfinished step's run is sent to the queue,
 * or, when every step is over, the onboarding is closed with an event. Safe to call any number of
 * times from any process (after each run, and from the tick): a run's job is sent under the run's
 * own key, so once per waiting job, and a run already taken by a worker is left alone.
 */
export async function advanceOnboarding(ctx: AppContext, connectionId: string): Promise<void> {
  const [onboarding] = await ctx.db
    .select()
    .from(connectionOnboardings)
    .where(eq(connectionOnboardings.connectionId, connectionId));
  if (!onboarding || onboarding.finishedAt) return;
  const runs = await runsOf(ctx.db, onboarding);
  for (const step of onboarding.steps) {
    if (!step.runId) continue;
    const run = runs.get(step.runId);
    if (!run || stepFailed(run)) {
      await blockRemainingSteps(ctx, onboarding);
      return closeOnboarding(ctx, onboarding, "failed");
    }
    if (run.status === "running") return;
    if (run.status !== "queued") continue;
    if (await skipInitialStock(ctx, onboarding, run)) continue;
    await sendRunJob(ctx, run);
    return;
  }
  await closeOnboarding(ctx, onboarding, "succeeded");
}

/**
 * A step that failed, or was refused because the platform let the connection go: the later steps
 * would be refused too, and an onboarding whose steps never ran has not succeeded. (A step the
 * hub chose to skip, such as initial stock into an account that holds stock, is not a failure.)
 */
export function stepFailed(run: Pick<FeedRun, "status" | "errorCode">): boolean {
  return run.status === "failed" || (run.status === "blocked" && run.errorCode === "connection_disconnected");
}

/** With `initialStock: auto`, a channel paired into an account that already holds stock keeps the hub's counts. */
async function skipInitialStock(ctx: AppContext, onboarding: Onboarding, run: FeedRun): Promise<boolean> {
  if (run.feedKind !== "initial-stock" || onboarding.initialStock !== "auto") return false;
  if (!(await accountHasStock(ctx.db, onboarding.accountId))) return false;
  const claimed = await claimRun(ctx.db, run.id);
  if (!claimed) return false;
  const recorder = await startRun(ctx.db, claimed);
  const reason = "skipped: the account already holds stock, which this channel's counts would overwrite";
  await recorder.message("info", "initial_stock_skipped", reason);
  await finishRun(ctx.db, recorder, "blocked", reason);
  return true;
}

/**
 * After a failed step the later steps will never be sent; they are ended as blocked so nothing
 * (the dashboard, the demo, an operator) waits on runs that stay queued forever.
 */
async function blockRemainingSteps(ctx: AppContext, onboarding: Onboarding): Promise<void> {
  const runs = await runsOf(ctx.db, onboarding);
  for (const run of runs.values()) {
    if (run.status !== "queued") continue;
    const claimed = await claimRun(ctx.db, run.id);
    if (!claimed) continue;
    const recorder = await startRun(ctx.db, claimed);
    await finishRun(ctx.db, recorder, "blocked", "not run: an earlier onboarding step failed");
  }
}

async function closeOnboarding(ctx: AppContext, onboarding: Onboarding, status: "succeeded" | "failed") {
  const [closed] = await ctx.db
    .update(connectionOnboardings)
    .set({ finishedAt: new Date() })
    .where(
      and(
        eq(connectionOnboardings.connectionId, onboarding.connectionId),
        isNull(connectionOnboardings.finishedAt),
      ),
    )
    .returning({ finishedAt: connectionOnboardings.finishedAt });
  // Two processes may finish the chain at once; only the one that closed it reports it.
  if (!closed) return;
  const runs = await runsOf(ctx.db, onboarding);
  const orders = [...runs.values()].find((r) => r.feedKind === "new-orders");
  await appendEvents(ctx.db, [
    connectionOnboarded.of({
      accountId: onboarding.accountId,
      subject: onboarding.connectionId,
      payload: {
        connectionId: onboarding.connectionId,
        status,
        ordersImported: orders?.counts.imported ?? 0,
        steps: onboarding.steps.map((s) => ({
          kind: s.kind,
          runId: s.runId,
          status: s.runId ? (runs.get(s.runId)?.status ?? "failed") : "skipped",
        })),
      },
    }),
  ]);
}

/** Unfinished onboardings, for the tick to move along (a worker may have died between two steps). */
export async function openOnboardings(db: Db): Promise<string[]> {
  const rows = await db
    .select({ connectionId: connectionOnboardings.connectionId })
    .from(connectionOnboardings)
    .where(isNull(connectionOnboardings.finishedAt))
    .limit(500);
  return rows.map((r) => r.connectionId);
}
