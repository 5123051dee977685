import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onPostgres } from "./helpers/database.ts";
import { startTestHub, type TestHub } from "./helpers/hub.ts";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.close());

describe("operations endpoints", () => {
  it("reports health with the engine and queue", async () => {
    const res = await hub.app.inject({ url: "/healthz" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: onPostgres ? "postgres" : "embedded", queue: "ok" });
  });

  it("serves Prometheus metrics with HTTP latency and queue depth", async () => {
    await hub.app.inject({ url: "/healthz" });
    const res = await hub.app.inject({ url: "/metrics" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("stockwire_http_request_duration_seconds_bucket");
    expect(res.body).toContain('stockwire_queue_depth{job="system.queue-probe"}');
    expect(res.body).toContain("stockwire_job_failures_total");
  });

  it("publishes an OpenAPI 3 document that describes the v1 routes", async () => {
    const doc = (await hub.app.inject({ url: "/api/openapi.json" })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/v1/me", "/api/v1/tokens", "/api/v1/tokens/{id}"]),
    );
    expect(doc.paths["/api/v1/tokens"].post.requestBody).toBeDefined();
    expect(Object.keys(doc.paths).some((p) => p.startsWith("/internal"))).toBe(false);
  });
});

describe("health when the database is gone", () => {
  it("answers 503 naming the failing part", async () => {
    const broken = await startTestHub();
    await broken.database.close();
    const res = await broken.app.inject({ url: "/healthz" });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: "degraded", database: "unreachable" });
    await broken.app.close();
  });
});
