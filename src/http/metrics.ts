import type { FastifyInstance } from "fastify";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { z } from "zod";
import type { ConnectionHealth } from "../modules/sync/index.ts";

export type Metrics = {
  registry: Registry;
  jobFailures: Counter<"job">;
  jobsCompleted: Counter<"job">;
};

/**
 * A scrape must answer during a database stall too: a reading that takes longer is left out of
 * this scrape (its gauges stay empty) rather than holding the scrape and the pool's connections.
 */
export const SCRAPE_READ_TIMEOUT_MS = 1_500;

function withinScrape<T>(reading: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("metrics reading timed out")), SCRAPE_READ_TIMEOUT_MS);
  });
  return Promise.race([reading, late]).finally(() => clearTimeout(timer));
}

/** One registry per hub instance (tests build many apps in one process). */
export function createMetrics(
  queueDepth: () => Promise<Record<string, number>>,
  /** Every connection's sync backlog (the stall alarm's measurements); default none. */
  connectionHealth?: () => Promise<ConnectionHealth[]>,
): Metrics {
  const registry = new Registry();
  if (connectionHealth) registerConnectionGauges(registry, connectionHealth);
  collectDefaultMetrics({ register: registry, prefix: "stockwire_" });
  new Gauge({
    name: "stockwire_queue_depth",
    help: "Jobs waiting per job name",
    labelNames: ["job"],
    registers: [registry],
    async collect() {
      const depth = await withinScrape(queueDepth()).catch(() => ({}) as Record<string, number>);
      this.reset();
      for (const [job, n] of Object.entries(depth)) this.set({ job }, n);
    },
  });
  return {
    registry,
    jobFailures: new Counter({
      name: "stockwire_job_failures_total",
      help: "Job attempts that threw",
      labelNames: ["job"],
      registers: [registry],
    }),
    jobsCompleted: new Counter({
      name: "stockwire_jobs_completed_total",
      help: "Job attempts that finished",
      labelNames: ["job"],
      registers: [registry],
    }),
  };
}

/**
 * Per connection, labelled by its id only (names are the merchant's, and change), so there are as
 * many series as connections. prom-client collects all gauges of a scrape at once; they share one
 * reading, and a failed reading leaves them empty rather than failing the scrape.
 */
function registerConnectionGauges(registry: Registry, read: () => Promise<ConnectionHealth[]>): void {
  let inFlight: Promise<ConnectionHealth[]> | undefined;
  const reading = () => {
    inFlight ??= withinScrape(read())
      .catch(() => [])
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
  const gauge = (name: string, help: string, value: (h: ConnectionHealth) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["connection"],
      registers: [registry],
      async collect() {
        const rows = await reading();
        this.reset();
        for (const h of rows) this.set({ connection: h.connectionId }, value(h));
      },
    });
  gauge(
    "stockwire_sync_outbox_oldest_seconds",
    "Age of the oldest stock push or shipping confirmation the platform has not accepted",
    (h) => h.pushes.oldestSeconds,
  );
  gauge("stockwire_sync_outbox_waiting", "Pushes waiting for the platform", (h) => h.pushes.count);
  gauge(
    "stockwire_sync_job_oldest_seconds",
    "How long the oldest due sync job has waited for a worker",
    (h) => h.jobs.oldestSeconds,
  );
  gauge(
    "stockwire_sync_runs_without_heartbeat",
    "Running feed runs whose heartbeat is older than the run lease",
    (h) => h.silentRuns.count,
  );
  gauge("stockwire_sync_webhook_backlog", "Webhooks received and not yet processed", (h) => h.webhooks.count);
  gauge("stockwire_sync_stalled", "1 while the connection is over a stall threshold", (h) =>
    h.stall ? 1 : 0,
  );
}

export function registerHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  const latency = new Histogram({
    name: "stockwire_http_request_duration_seconds",
    help: "HTTP request latency by route and status",
    labelNames: ["method", "route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [metrics.registry],
  });
  app.addHook("onResponse", async (request, reply) => {
    latency.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? "unmatched",
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  const schema = {
    operationId: "getMetrics",
    tags: ["operations"],
    summary: "Prometheus metrics: HTTP latency, sync backlogs and stalls per connection",
    response: {
      200: {
        description: "The Prometheus text exposition format",
        content: { [metrics.registry.contentType]: { schema: z.string() } },
      },
    },
  };
  app.get("/metrics", { config: { public: true }, schema }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
