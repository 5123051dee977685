import { ExponentialBackoff, handleWhen, retry } from "cockatiel";
import PgBoss from "pg-boss";
import type { Logger } from "pino";
import type { Database } from "../db/engine.ts";
import { createPool, pingPool } from "../db/pg-pool.ts";
import { isUniqueViolation } from "../db/sql.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { logGate } from "../lib/log-gate.ts";

export type JobContext = { id: string; name: string; retryCount: number };
export type JobHandler<T> = (data: T, job: JobContext) => Promise<void>;

export type JobDefinition<T> = {
  name: string;
  handler: JobHandler<T>;
  /**
   * standard: any number queued and running; stately: at most one queued and one running per
   * singleton key (a feed never runs twice at once); singleton: one running per key; short: at
   * most one queued per key.
   */
  policy?: "standard" | "stately" | "singleton" | "short";
  /** Attempts after the first failure; default 3. */
  retryLimit?: number;
  /** Seconds before the first retry, doubled each time with back-off; default 5. */
  retryDelaySeconds?: number;
  /** Seconds a job may run before pg-boss expires it and retries; default 15 minutes. */
  expireInSeconds?: number;
  /** Parallel handlers in this process; default 1. */
  concurrency?: number;
  /** How often an idle worker polls; default 2 s (pg-boss's minimum is 0.5 s). */
  pollingIntervalSeconds?: number;
  /** A fixed cron schedule (UTC) that sends this job with empty data. */
  cron?: string;
};

export type SendOptions = { singletonKey?: string; startAfter?: Date | number; priority?: number };

export type Queue = {
  define<T extends object>(definition: JobDefinition<T>): void;
  send<T extends object>(name: string, data: T, options?: SendOptions): Promise<string | null>;
  schedule<T extends object>(name: string, cron: string, data: T, tz?: string): Promise<void>;
  unschedule(name: string): Promise<void>;
  /** Creates the queues; with `work`, also starts polling for jobs in this process. */
  start(options: { work: boolean }): Promise<void>;
  /** Stops taking jobs, lets running ones finish (up to `timeoutMs`), then releases the rest. */
  stop(timeoutMs?: number): Promise<void>;
  depth(): Promise<Record<string, number>>;
  /** `select 1` through the queue's own connections, failing after `timeoutMs` on PostgreSQL. */
  ping(timeoutMs: number): Promise<void>;
  readonly boss: PgBoss;
};

export type QueueOptions = {
  /** Run pg-boss's cron monitor in this process; default true. */
  schedule?: boolean;
  /** Called after every attempt, for metrics. */
  onAttempt?: (job: string, ok: boolean) => void;
};

/**
 * Queue creation is DDL (pg-boss gives each queue a partition); workers starting together on one
 * PostgreSQL can deadlock on it, and the loser simply tries again.
 */
async function withDeadlockRetry(work: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string }).code;
      const transient = code === "40P01" || code === "42P07" || isUniqueViolation(error);
      if (!transient || attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
    }
  }
}

/** Writes that failed only because the database is away are tried again until it answers. */
const whileUnavailable = retry(handleWhen(isDatabaseUnavailable), {
  backoff: new ExponentialBackoff({ initialDelay: 500, maxDelay: 15_000 }),
});

export function createQueue(database: Database, logger: Logger, options: QueueOptions = {}): Queue {
  // Every poll of every worker reports an outage again; one line per half minute says enough.
  const outageGate = logGate(30_000);
  const onError = (error: unknown) => {
    if (!isDatabaseUnavailable(error)) return logger.error({ err: error }, "queue error");
    const repeats = outageGate();
    if (repeats !== undefined)
      logger.warn({ err: error, repeats }, "queue cannot reach the database; its workers keep retrying");
  };
  // On PostgreSQL the queue has a pool of its own, so jobs are fetched and settled while requests
  // hold the hub's connections; it is built like the hub's, so an outage gives errors, not hangs.
  const pool =
    database.kind === "postgres"
      ? createPool(
          { connectionString: database.connectionString!, max: 5, application_name: "pgboss" },
          onError,
        )
      : undefined;
  // pg-boss writes a job's outcome without awaiting it, so a handler that ends as the queue stops
  // can write after the pool is gone: an unhandled rejection. Once stopped, its writes are dropped
  // (answered with no result, which pg-boss reads as nothing changed); the job expires and is retried.
  let closed = false;
  const executeSql = (text: string, values?: unknown[]) =>
    closed
      ? Promise.resolve(undefined as unknown as { rows: [] })
      : pool
        ? pool.query(text, values)
        : database.executeSql(text, values);
  const boss = new PgBoss({
    db: { executeSql },
    schema: "pgboss",
    schedule: options.schedule ?? true,
    supervise: true,
  });
  boss.on("error", onError);
  const definitions = new Map<string, JobDefinition<object>>();
  const workersOf = new Map<string, string[]>();
  let started = false;
  let stopping = new AbortController();

  /**
   * pg-boss writes a job's outcome after the handler returns, once and without waiting on it: if
   * the database is away just then, the write is lost and the job stays "active" until it expires
   * (a stately queue such as the sync tick takes no other job meanwhile). The outcome is written
   * here first, retried until the database answers, the queue stops, or shortly before pg-boss
   * would expire the job; pg-boss's own write then finds the job settled and changes nothing.
   * Returns whether the outcome was written.
   */
  const settle = async (write: () => Promise<unknown>, deadline: number, job: JobContext) => {
    const left = Math.max(0, deadline - Date.now());
    const signal = AbortSignal.any([stopping.signal, AbortSignal.timeout(left)]);
    return whileUnavailable.execute(write, signal).then(
      () => true,
      (error: unknown) => {
        logger.warn(
          { err: error, job },
          "job outcome not recorded here; pg-boss records it or expires the job",
        );
        return false;
      },
    );
  };

  return {
    boss,
    define(definition) {
      if (definitions.has(definition.name)) throw new Error(`job ${definition.name} defined twice`);
      definitions.set(definition.name, definition as JobDefinition<object>);
    },
    async send(name, data, options = {}) {
      const id = await boss.send(name, data, {
        ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
        ...(options.startAfter ? { startAfter: options.startAfter } : {}),
        ...(options.priority ? { priority: options.priority } : {}),
      });
      // pg-boss has no push: a job sent here would wait for this process's next poll. Work that
      // is due now wakes the local workers instead (other processes still find it by polling).
      if (id && !options.startAfter)
        for (const workerId of workersOf.get(name) ?? []) boss.notifyWorker(workerId);
      return id;
    },
    async schedule(name, cron, data, tz = "UTC") {
      await boss.schedule(name, cron, data, { tz });
    },
    async unschedule(name) {
      await boss.unschedule(name);
    },
    async start({ work }) {
      stopping = new AbortController();
      closed = false;
      await boss.start();
      started = true;
      for (const d of definitions.values()) {
        const options = {
          name: d.name,
          policy: d.policy ?? "standard",
          retryLimit: d.retryLimit ?? 3,
          retryDelay: d.retryDelaySeconds ?? 5,
          retryBackoff: true,
          expireInSeconds: d.expireInSeconds ?? 15 * 60,
        } as const;
        await withDeadlockRetry(async () => {
          // A queue's policy is fixed at creation; the other options follow the code.
          const { policy: _fixed, ...changeable } = options;
          if (await boss.getQueue(d.name)) await boss.updateQueue(d.name, changeable);
          else await boss.createQueue(d.name, options);
        });
      }
      for (const d of definitions.values()) {
        if (d.cron) await boss.schedule(d.name, d.cron, {}, { tz: "UTC" });
      }
      if (!work) return;
      for (const d of definitions.values()) {
        for (let i = 0; i < (d.concurrency ?? 1); i++) {
          let workerId: string | undefined;
          workerId = await boss.work<object>(
            d.name,
            { batchSize: 1, pollingIntervalSeconds: d.pollingIntervalSeconds ?? 2, includeMetadata: true },
            async ([job]) => {
              if (!job) return;
              const context = { id: job.id, name: job.name, retryCount: job.retryCount };
              // A little before pg-boss's own deadline, so a late write never lands on a retry.
              const deadline = Date.now() + (d.expireInSeconds ?? 15 * 60) * 1000 - 5_000;
              let failure: unknown;
              try {
                await d.handler(job.data, context);
                options.onAttempt?.(d.name, true);
              } catch (error) {
                failure = error;
                options.onAttempt?.(d.name, false);
                logger.warn({ err: error, job: context }, "job failed");
              } finally {
                // pg-boss waits a whole polling interval even after a fetch that found work; a
                // busy queue (a burst of webhooks) should be fetched again at once instead.
                if (workerId) boss.notifyWorker(workerId);
              }
              if (failure === undefined) await settle(() => boss.complete(d.name, job.id), deadline, context);
              // Unrecorded, the failure goes back to pg-boss, which must not take the job for done.
              else if (!(await settle(() => boss.fail(d.name, job.id, failure as object), deadline, context)))
                throw failure;
            },
          );
          workersOf.set(d.name, [...(workersOf.get(d.name) ?? []), workerId]);
        }
      }
    },
    async stop(timeoutMs = 30_000) {
      stopping.abort();
      if (started) {
        started = false;
        workersOf.clear();
        await boss.stop({ graceful: true, timeout: timeoutMs, wait: true, close: true });
      }
      closed = true;
      if (pool && !pool.ending) await pool.end();
    },
    async depth() {
      const out: Record<string, number> = {};
      for (const name of definitions.keys()) out[name] = await boss.getQueueSize(name);
      return out;
    },
    async ping(timeoutMs) {
      await (pool ? pingPool(pool, timeoutMs) : database.ping(timeoutMs));
    },
  };
}
