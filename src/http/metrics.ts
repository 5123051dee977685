import type { FastifyInstance } from "fastify";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export type Metrics = {
  registry: Registry;
  jobFailures: Counter<"job">;
  jobsCompleted: Counter<"job">;
};

/** One registry per hub instance (tests build many apps in one process). */
export function createMetrics(queueDepth: () => Promise<Record<string, number>>): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "stockwire_" });
  new Gauge({
    name: "stockwire_queue_depth",
    help: "Jobs waiting per job name",
    labelNames: ["job"],
    registers: [registry],
    async collect() {
      const depth = await queueDepth().catch(() => ({}) as Record<string, number>);
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
  app.get("/metrics", { config: { public: true }, schema: { hide: true } }, async (_request, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });
}
