import type { AppContext } from "../context.ts";
import { listPostings, postPendingOnce } from "../modules/books/index.ts";
import { notifyOnce } from "../modules/notifications/index.ts";
import { listRuns, pendingSummary, pumpUntilIdle } from "../modules/sync/index.ts";
import type { HubClient } from "./hub-client.ts";

const TERMINAL = new Set(["succeeded", "partial", "failed", "blocked"]);
const POLL_MS = 250;
/** How long the account must stay without queued or running runs: a chain may queue its next step. */
const SETTLE_MS = 1500;

export class DemoTimeoutError extends Error {
  override name = "DemoTimeoutError";
}

/** A point in time every wait of the initial sync shares, with what to say when it passes. */
export type Deadline = { at: number; seconds: number };

export function deadlineIn(ms: number): Deadline {
  return { at: Date.now() + ms, seconds: Math.round(ms / 1000) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function timedOut(deadline: Deadline, waitingFor: string): DemoTimeoutError {
  return new DemoTimeoutError(
    `the initial sync did not finish within ${deadline.seconds} s; still waiting for ${waitingFor}`,
  );
}

export type RunView = {
  id: string;
  connectionId: string;
  feedKind: string;
  status: string;
  counts: Record<string, number>;
  error: string | null;
};

/** Waits for one feed run (by id) to finish, whatever its outcome. */
export async function waitForRun(client: HubClient, runId: string, deadline: Deadline): Promise<RunView> {
  for (;;) {
    const run = await client.get<RunView>(`/api/v1/feed-runs/${runId}`);
    if (TERMINAL.has(run.status)) return run;
    if (Date.now() > deadline.at) throw timedOut(deadline, `feed run ${run.feedKind} (${run.status})`);
    await sleep(POLL_MS);
  }
}

/** Runs of the account not finished yet, described for a person. */
async function unfinishedRuns(ctx: AppContext, accountId: string): Promise<string[]> {
  const open = [
    ...(await listRuns(ctx.db, accountId, { status: "queued", limit: 50 })),
    ...(await listRuns(ctx.db, accountId, { status: "running", limit: 50 })),
  ];
  return open.map((r) => `${r.feedKind} (${r.status})`);
}

/**
 * Waits until no run of the account is queued or running, and it stays so for a moment: runs the
 * hub queued by itself (an onboarding chain, a schedule, a webhook) count as much as the demo's.
 */
export async function waitForIdleRuns(ctx: AppContext, accountId: string, deadline: Deadline): Promise<void> {
  let idleSince: number | undefined;
  for (;;) {
    const open = await unfinishedRuns(ctx, accountId);
    if (open.length > 0) idleSince = undefined;
    else idleSince ??= Date.now();
    if (idleSince !== undefined && Date.now() - idleSince >= SETTLE_MS) return;
    if (Date.now() > deadline.at) {
      throw timedOut(deadline, open.length > 0 ? `feed runs: ${open.join(", ")}` : "feed runs to settle");
    }
    await sleep(POLL_MS);
  }
}

/** What is still on its way out: stock pushes and shipping confirmations waiting per connection, postings. */
async function outboundBacklog(
  ctx: AppContext,
  accountId: string,
  connections: { id: string; name: string }[],
): Promise<string[]> {
  const waiting: string[] = [];
  for (const c of connections) {
    const { count } = await pendingSummary(ctx.db, c.id);
    if (count > 0) waiting.push(`${count} outbound item(s) for ${c.name}`);
  }
  for (const status of ["pending", "posting"] as const) {
    const rows = await listPostings(ctx.db, accountId, { status, limit: 100 });
    if (rows.length > 0) waiting.push(`${rows.length} posting(s) ${status}`);
  }
  return waiting;
}

/**
 * Waits until the hub has nothing left to do for the account: every feed run finished, every
 * stock change turned into pushes and those confirmed by the channels, every posting sent, and
 * the notifications for all of it recorded. The hub's own pollers do the work; the rounds run
 * here as well only so that nothing waits for a poll interval (they are safe to run concurrently).
 */
export async function waitForQuiet(
  ctx: AppContext,
  accountId: string,
  connections: { id: string; name: string }[],
  deadline: Deadline,
): Promise<void> {
  for (;;) {
    await waitForIdleRuns(ctx, accountId, deadline);
    await pumpUntilIdle(ctx).catch(() => undefined);
    await postPendingOnce(ctx);
    const backlog = await outboundBacklog(ctx, accountId, connections);
    const open = await unfinishedRuns(ctx, accountId);
    if (backlog.length === 0 && open.length === 0) {
      await notifyOnce(ctx);
      return;
    }
    if (Date.now() > deadline.at) throw timedOut(deadline, [...open, ...backlog].join(", "));
    await sleep(POLL_MS);
  }
}
