import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionFor, startCompany } from "../../../test/helpers/quickbooks-session.ts";
import type { QuickBooksOnlineSandbox } from "../../sandboxes/quickbooks-online/index.ts";

let sandbox: QuickBooksOnlineSandbox;

beforeAll(async () => {
  sandbox = await startCompany();
});
afterAll(() => sandbox.close());

describe("throttling", () => {
  it("lands every posting exactly once through a 429 storm", async () => {
    sandbox.control.setLimits({ requestsPerSecond: 2, concurrentRequests: 2, latencyMs: 40 });
    const { session } = sessionFor(sandbox);
    const books = session.books();
    const before = Number(sandbox.control.findItem({ id: "3" })?.QtyOnHand);
    const postings = Array.from({ length: 12 }, (_, i) =>
      books.createSalesReceipt({
        idempotencyKey: `storm-${i}`,
        docNumber: `STORM-${i}`,
        txnDate: new Date().toISOString().slice(0, 10),
        lines: [{ itemId: "3", qty: 1, unitPriceMinor: 1000 }],
        currency: "USD",
      }),
    );
    const docs = await Promise.all(postings);
    expect(new Set(docs.map((d) => d.id)).size).toBe(12);
    expect(
      sandbox.control.posted().SalesReceipt.filter((r) => String(r.DocNumber).startsWith("STORM-")),
    ).toHaveLength(12);
    expect(Number(sandbox.control.findItem({ id: "3" })?.QtyOnHand)).toBe(before - 12);
    const stats = session.stats();
    expect(stats.throttled).toBeGreaterThan(0);
    expect(stats.failures).toBe(0);
    expect(sandbox.control.requestLog().throttled).toBeGreaterThan(0);
  });
});
