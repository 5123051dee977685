import PgBoss from "pg-boss";
import type { Logger } from "pino";
import type { Database } from "../db/engine.ts";

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
  ping(): Promise<void>;
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
      const transient = code === "40P01" || code === "23505" || code === "42P07";
      if (!transient || attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 100));
    }
  }
}

export function createQueue(database: Database, logger: Logger, options: QueueOptions = {}): Queue {
  const boss = new PgBoss({
    ...(database.kind === "postgres"
      ? { connectionString: database.connectionString!, max: 5 }
      : { db: { executeSql: database.executeSql } }),
    schema: "pgboss",
    schedule: options.schedule ?? true,
    supervise: true,
  });
  boss.on("error", (error) => logger.error({ err: error }, "queue error"));
  const definitions = new Map<string, JobDefinition<object>>();
  const workersOf = new Map<string, string[]>();
  let started = false;

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
              try {
                await d.handler(job.data, context);
                options.onAttempt?.(d.name, true);
              } catch (error) {
                options.onAttempt?.(d.name, false);
                logger.warn({ err: error, job: context }, "job failed");
                throw error;
              } finally {
                // pg-boss waits a whole polling interval even after a fetch that found work; a
                // busy queue (a burst of webhooks) should be fetched again at once instead.
                if (workerId) boss.notifyWorker(workerId);
              }
            },
          );
          workersOf.set(d.name, [...(workersOf.get(d.name) ?? []), workerId]);
        }
      }
    },
    async stop(timeoutMs = 30_000) {
      if (!started) return;
      started = false;
      workersOf.clear();
      await boss.stop({ graceful: true, timeout: timeoutMs, wait: true, close: true });
    },
    async depth() {
      const out: Record<string, number> = {};
      for (const name of definitions.keys()) out[name] = await boss.getQueueSize(name);
      return out;
    },
    async ping() {
      await boss.getDb().executeSql("select 1", []);
    },
  };
}
