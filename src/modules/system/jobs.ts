import type { AppContext } from "../../context.ts";
import { type ProbeData, QUEUE_PROBE_JOB, recordProbe } from "./queue-check.ts";

export function registerSystemJobs(ctx: AppContext): void {
  ctx.queue.define<ProbeData>({
    name: QUEUE_PROBE_JOB,
    concurrency: 2,
    pollingIntervalSeconds: 0.5,
    retryLimit: 0,
    handler: (data) => recordProbe(ctx.db, data),
  });
}
