import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { stepFailed } from "./onboarding.ts";
import { connectionOnboardings, feedRuns } from "./schema.ts";

export type OnboardingStepStatus =
  | "pending"
  | "queued"
  | "running"
  | "succeeded"
  | "partial"
  | "failed"
  | "skipped";

/**
 * A connection's onboarding as the API shows it: each step's run with its progress (`done` of
 * `estimatedTotal`, null while unknown), updated page by page while the backfill runs. A queued
 * step waiting for an earlier one is `pending`; a step turned off or not needed is `skipped`.
 */
export async function onboardingView(db: Db, connectionId: string) {
  const [onboarding] = await db
    .select()
    .from(connectionOnboardings)
    .where(eq(connectionOnboardings.connectionId, connectionId));
  if (!onboarding) return null;
  const ids = onboarding.steps.flatMap((s) => (s.runId ? [s.runId] : []));
  const runs = new Map(
    (ids.length ? await db.select().from(feedRuns).where(inArray(feedRuns.id, ids)) : []).map((r) => [
      r.id,
      r,
    ]),
  );
  let waiting = false;
  const steps = onboarding.steps.map((step) => {
    const run = step.runId ? runs.get(step.runId) : undefined;
    let status: OnboardingStepStatus =
      run && stepFailed(run) ? "failed" : !run || run.status === "blocked" ? "skipped" : run.status;
    if (status === "queued" && waiting) status = "pending";
    if (status === "queued" || status === "running" || status === "failed") waiting = true;
    const stopped = run?.status === "blocked" || run?.status === "failed";
    return {
      kind: step.kind,
      runId: step.runId,
      status,
      done: run?.progress?.done ?? 0,
      estimatedTotal: run?.progress?.total ?? null,
      counts: run?.counts ?? null,
      reason: step.reason ?? (stopped ? run.error : null),
      // The failed run's code (run-error-code.ts) for the dashboard's advice; a reason the hub
      // chose (a step turned off or skipped) has none.
      reasonCode: step.reason === undefined && stopped ? run.errorCode : null,
    };
  });
  const failed = steps.some((s) => s.status === "failed");
  return {
    status: onboarding.finishedAt ? (failed ? "failed" : "succeeded") : failed ? "failed" : "running",
    initialStock: onboarding.initialStock,
    steps,
    startedAt: onboarding.createdAt.toISOString(),
    finishedAt: onboarding.finishedAt?.toISOString() ?? null,
  };
}
export type OnboardingView = NonNullable<Awaited<ReturnType<typeof onboardingView>>>;
