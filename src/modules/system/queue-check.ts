import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import type { Queue } from "../../queue/queue.ts";
import { queueProbes } from "./schema.ts";
import { workerIdentity } from "./worker-identity.ts";

export const QUEUE_PROBE_JOB = "system.queue-probe";
export type ProbeData = { runId: string; seq: number; holdMs: number };

export async function recordProbe(db: Db, data: ProbeData): Promise<void> {
  // Holding the job a moment lets other workers pick up the next ones, so the check shows sharing.
  if (data.holdMs > 0) await new Promise((r) => setTimeout(r, data.holdMs));
  await db.insert(queueProbes).values({ runId: data.runId, seq: data.seq, worker: workerIdentity });
}

export type QueueCheckReport = {
  runId: string;
  jobs: number;
  executions: number;
  duplicates: number;
  missing: number;
  byWorker: Record<string, number>;
  seconds: number;
};

/** Sends `jobs` probe jobs and waits until workers (any process) have run them, or the timeout passes. */
export async function runQueueCheck(
  db: Db,
  queue: Queue,
  options: { jobs: number; holdMs?: number; timeoutMs?: number },
): Promise<QueueCheckReport> {
  const runId = randomUUID();
  const started = Date.now();
  for (let seq = 0; seq < options.jobs; seq++) {
    await queue.send<ProbeData>(QUEUE_PROBE_JOB, { runId, seq, holdMs: options.holdMs ?? 50 });
  }
  const deadline = started + (options.timeoutMs ?? 60_000);
  let rows: { seq: number; worker: string }[] = [];
  while (Date.now() < deadline) {
    rows = await db
      .select({ seq: queueProbes.seq, worker: queueProbes.worker })
      .from(queueProbes)
      .where(eq(queueProbes.runId, runId));
    if (new Set(rows.map((r) => r.seq)).size >= options.jobs) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  // A short grace period so a duplicate execution racing the last job is still counted.
  await new Promise((r) => setTimeout(r, 500));
  rows = await db
    .select({ seq: queueProbes.seq, worker: queueProbes.worker })
    .from(queueProbes)
    .where(eq(queueProbes.runId, runId));
  const distinct = new Set(rows.map((r) => r.seq)).size;
  const byWorker: Record<string, number> = {};
  for (const r of rows) byWorker[r.worker] = (byWorker[r.worker] ?? 0) + 1;
  await db.delete(queueProbes).where(sql`${queueProbes.runId} = ${runId}`);
  return {
    runId,
    jobs: options.jobs,
    executions: rows.length,
    duplicates: rows.length - distinct,
    missing: options.jobs - distinct,
    byWorker,
    seconds: (Date.now() - started) / 1000,
  };
}
