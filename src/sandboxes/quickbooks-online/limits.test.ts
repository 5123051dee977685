import { afterEach, describe, expect, it } from "vitest";
import type { QuickBooksOnlineSandbox } from "./index.ts";
import { startQuickBooksOnlineSandbox } from "./index.ts";
import { FIRST_INVENTORY_ITEM_ID, qboApi } from "./test-helpers.ts";

let sandbox: QuickBooksOnlineSandbox;

afterEach(async () => {
  await sandbox.close();
});

const THROTTLED_FAULT = {
  Fault: {
    Error: [
      {
        Message: "message=ThrottleExceeded; errorCode=003001; statusCode=429",
        Detail: "The request limit was reached.  Try again later",
        code: "3001",
      },
    ],
    type: "SERVICE",
  },
};

describe("throttling", () => {
  it("publishes QBO's limits as defaults", async () => {
    sandbox = await startQuickBooksOnlineSandbox({ items: 1 });
    expect(sandbox.control.limits()).toEqual({
      requestsPerMinute: 500,
      requestsPerSecond: null,
      concurrentRequests: 10,
      batchRequestsPerMinute: 40,
      maxBatchItems: 30,
      latencyMs: 0,
    });
  });

  it("answers 429 ThrottleExceeded past the per-minute limit until the minute has passed", async () => {
    const frozen = new Date("2026-04-01T12:00:00Z");
    sandbox = await startQuickBooksOnlineSandbox({ items: 1, now: () => frozen });
    sandbox.control.setLimits({ requestsPerMinute: 3, requestsPerSecond: null });
    const api = qboApi(sandbox);
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const throttled = await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`);
    expect(throttled.status).toBe(429);
    expect(throttled.body).toMatchObject(THROTTLED_FAULT);
    expect(sandbox.control.requestLog()).toMatchObject({ count: 5, throttled: 2 });

    sandbox.control.advanceClock(60_000);
    expect((await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`)).status).toBe(200);
  });

  it("allows 500 requests in one minute by default (no per-second cap) and throttles the 501st", async () => {
    const frozen = new Date("2026-04-01T12:00:00Z");
    sandbox = await startQuickBooksOnlineSandbox({ items: 1, now: () => frozen });
    const api = qboApi(sandbox);
    const statuses = [];
    for (let i = 0; i < 501; i += 1) statuses.push((await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`)).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(500);
    expect(statuses.at(-1)).toBe(429);
    sandbox.control.advanceClock(60_000);
    expect((await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`)).status).toBe(200);
  });

  it("a per-second cap is a setting, off by default", async () => {
    const frozen = new Date("2026-04-01T12:00:00Z");
    sandbox = await startQuickBooksOnlineSandbox({ items: 1, now: () => frozen });
    sandbox.control.setLimits({ requestsPerSecond: 10 });
    const api = qboApi(sandbox);
    const statuses = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`)).status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(10);
    expect(statuses.at(-1)).toBe(429);
    sandbox.control.advanceClock(1000);
    expect((await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`)).status).toBe(200);
  });

  it("throttles requests beyond the concurrency cap", async () => {
    sandbox = await startQuickBooksOnlineSandbox({ items: 1 });
    sandbox.control.setLimits({ concurrentRequests: 2, requestsPerSecond: null, latencyMs: 150 });
    const api = qboApi(sandbox);
    const statuses = await Promise.all(
      [1, 2, 3].map(() => api.get(`item/${FIRST_INVENTORY_ITEM_ID}`).then((r) => r.status)),
    );
    expect(statuses.sort()).toEqual([200, 200, 429]);
    expect((await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`)).status).toBe(200);
  });

  it("counts batch requests against their own per-minute limit", async () => {
    sandbox = await startQuickBooksOnlineSandbox({ items: 1 });
    sandbox.control.setLimits({ batchRequestsPerMinute: 1, requestsPerSecond: null });
    const api = qboApi(sandbox);
    const batch = { BatchItemRequest: [{ bId: "1", Query: "SELECT COUNT(*) FROM Item" }] };
    expect((await api.post("batch", batch)).status).toBe(200);
    expect((await api.post("batch", batch)).status).toBe(429);
    expect((await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`)).status).toBe(200);
  });
});
