import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { openDatabase } from "../src/db/engine.ts";
import { importProducts } from "../src/modules/catalog/index.ts";
import { appendEvents, defineEvent, readEvents } from "../src/modules/events/index.ts";
import { adjustStock, recordImportedQuantities } from "../src/modules/inventory/index.ts";
import { importOrder } from "../src/modules/orders/index.ts";
import { onPostgres } from "./helpers/database.ts";
import { createTenant, startTestHub, type TestHub } from "./helpers/hub.ts";
import { checkLedger } from "./helpers/ledger-check.ts";

// Parallel writers need a multi-connection engine; PGlite runs one statement at a time, so these
// run in CI's PostgreSQL pass (DATABASE_URL set).
/** Events of this test only, so no consumer of the hub reacts to them. */
const testSlow = defineEvent("test.slow", z.object({}));
const testFast = defineEvent("test.fast", z.object({}));

describe.skipIf(!onPostgres)("concurrent writers on PostgreSQL", () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(() => hub?.close());

  it("lets exactly 10 of 50 parallel orders reserve the last 10 units; the rest are backordered", async () => {
    const { accountId, auth } = await createTenant(hub);
    await importProducts(hub.ctx.db, accountId, [{ sku: "LAST-10", name: "Scarce", quantity: 10 }], {
      recordQuantities: recordImportedQuantities,
    });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        importOrder(hub.ctx.db, accountId, {
          platformOrderId: `race-${i}`,
          placedAt: new Date(),
          currency: "USD",
          lines: [{ sku: "LAST-10", quantity: 1, unitPriceMinor: 100 }],
        }),
      ),
    );
    expect(results.filter((r) => !r.backordered)).toHaveLength(10);
    expect(results.filter((r) => r.backordered)).toHaveLength(40);
    const detail = (await hub.app.inject({ url: "/api/v1/products/LAST-10", headers: auth })).json();
    expect(detail).toMatchObject({ onHand: 10, reserved: 10, available: 0 });
    expect(await checkLedger(hub.ctx.db, accountId)).toEqual([]);
  });

  it("loses no update when many adjustments hit one SKU at once", async () => {
    const { accountId } = await createTenant(hub);
    await importProducts(hub.ctx.db, accountId, [{ sku: "HOT", name: "Hot", quantity: 0 }], {
      recordQuantities: recordImportedQuantities,
    });
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        adjustStock(hub.ctx.db, accountId, { sku: "HOT", delta: 1, idempotencyKey: `hot-${i}` }),
      ),
    );
    // the same keys again, in parallel: all replays
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        adjustStock(hub.ctx.db, accountId, { sku: "HOT", delta: 1, idempotencyKey: `hot-${i}` }),
      ),
    );
    expect(await checkLedger(hub.ctx.db, accountId)).toEqual([]);
    const rows = await hub.ctx.db.execute(
      sql`select on_hand from stock_levels where account_id = ${accountId}`,
    );
    expect((rows as unknown as { rows: { on_hand: number }[] }).rows[0]!.on_hand).toBe(40);
  });

  it("delivers an event that commits late to consumers instead of skipping it", async () => {
    const { accountId } = await createTenant(hub);
    const consumer = `late-${Date.now()}`;
    const other = await openDatabase({ kind: "postgres", url: (hub.database as { url?: string }).url! });
    try {
      let releaseSlow!: () => void;
      const gate = new Promise<void>((r) => (releaseSlow = r));
      let started!: () => void;
      const slowStarted = new Promise<void>((r) => (started = r));
      const slow = other.db.transaction(async (tx) => {
        await appendEvents(tx as never, [testSlow.of({ accountId, payload: {} })]);
        started();
        await gate;
      });
      await slowStarted;
      await appendEvents(hub.ctx.db, [testFast.of({ accountId, payload: {} })]);
      const whileOpen = await readEvents(hub.ctx.db, consumer, { types: ["test.slow", "test.fast"] });
      expect(whileOpen.map((e) => e.type)).toEqual([]);
      releaseSlow();
      await slow;
      // Other transactions in the cluster (parallel test files) may still hold the horizon back.
      let after = await readEvents(hub.ctx.db, consumer, { types: ["test.slow", "test.fast"] });
      for (let i = 0; i < 100 && after.length < 2; i++) {
        await new Promise((r) => setTimeout(r, 50));
        after = await readEvents(hub.ctx.db, consumer, { types: ["test.slow", "test.fast"] });
      }
      expect(after.map((e) => e.type)).toEqual(["test.slow", "test.fast"]);
    } finally {
      await other.close();
    }
  });
});
