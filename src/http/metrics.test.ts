import { describe, expect, it } from "vitest";
import { createMetrics, SCRAPE_READ_TIMEOUT_MS } from "./metrics.ts";

describe("metrics scrape", () => {
  it("answers without the readings that hang (a stalled database), and with those that come", async () => {
    const never = () => new Promise<Record<string, number>>(() => undefined);
    const metrics = createMetrics(never, () => new Promise(() => undefined));
    const started = Date.now();
    const text = await metrics.registry.metrics();
    expect(Date.now() - started).toBeLessThan(SCRAPE_READ_TIMEOUT_MS + 5_000);
    expect(text).toContain("stockwire_queue_depth");
    expect(text).not.toMatch(/stockwire_queue_depth\{/);

    const ok = createMetrics(async () => ({ "sync.drain": 3 }));
    expect(await ok.registry.metrics()).toContain('stockwire_queue_depth{job="sync.drain"} 3');
  });
});
