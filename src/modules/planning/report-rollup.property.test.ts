import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTenant, startTestHub, type TestHub } from "../../../test/helpers/hub.ts";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";
import { pgArray } from "../../db/sql.ts";
import { importProducts } from "../catalog/index.ts";
import { recordImportedQuantities } from "../inventory/index.ts";
import {
  changeOrderStatus,
  createShipment,
  importOrder,
  type OrderInput,
  recordRefund,
} from "../orders/index.ts";
import { planLine } from "./planner-math.ts";
import { plannerReport } from "./report.ts";
import { DEFAULT_PLAN_SETTINGS } from "./settings.ts";

/**
 * Issue 25 item 4: the planner reads sales from orders' product × day rollup. On random orders,
 * cancels (by hand, by the channel, at import), shipments and refunds spread over random days and
 * channels, its rows must be exactly those the former per-order computation gives, for windows
 * whose ends fall at any time of day.
 */

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.close());

const DAY = 86_400_000;
const SKUS = ["P-A", "P-B", "P-C", "P-D"];
const CHANNELS = [null, "5b0e8f3e-0000-4000-8000-000000000001", "5b0e8f3e-0000-4000-8000-000000000002"];

/** The former read, kept as the reference: every order line of the products, joined to its order. */
async function unitsSoldPerOrder(
  db: Db,
  accountId: string,
  productIds: string[],
  w: { from: Date; to: Date; connectionId: string | null },
): Promise<Map<string, number>> {
  const rows = await queryRows<{ product_id: string; units: string | number }>(
    db,
    sql`select l.product_id, sum(l.quantity - l.cancelled_qty) as units
        from order_lines l
        join orders o on o.id = l.order_id
        where l.account_id = ${accountId} and l.product_id = any(${pgArray(productIds)}::uuid[])
          and o.status <> 'cancelled'
          and o.placed_at >= ${w.from.toISOString()} and o.placed_at < ${w.to.toISOString()}
          ${w.connectionId ? sql`and o.connection_id = ${w.connectionId}` : sql``}
        group by l.product_id`,
  );
  return new Map(rows.map((r) => [r.product_id, Number(r.units)]));
}

/** The rollup's non-zero rows, and the same aggregate computed afresh from the orders (the migration's backfill). */
async function rollupAndRecount(db: Db, accountId: string) {
  const key = sql`product_id, day::text as day, coalesce(connection_id::text, '-') as channel`;
  const rollup = await queryRows(
    db,
    sql`select ${key}, units from product_daily_sales
        where account_id = ${accountId} and units <> 0 order by 1, 2, 3`,
  );
  const recount = await queryRows(
    db,
    sql`select ${key}, units from (
          select l.product_id, (o.placed_at at time zone 'UTC')::date as day, o.connection_id,
                 sum(l.quantity - l.cancelled_qty)::int as units
          from orders o join order_lines l on l.order_id = o.id
          where o.account_id = ${accountId} and o.status <> 'cancelled'
          group by 1, 2, 3
        ) s where units <> 0 order by 1, 2, 3`,
  );
  return { rollup, recount };
}

const ref = fc.integer({ min: 0, max: 9 });
const step = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("order" as const),
      ref,
      lines: fc.uniqueArray(
        fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 5 }) }),
        { minLength: 1, maxLength: 3, selector: (l) => l.sku },
      ),
      /** How long before the report's `now` it was placed (negative: after it). */
      agoMs: fc.integer({ min: -2 * DAY, max: 12 * DAY }),
      channel: fc.integer({ min: 0, max: CHANNELS.length - 1 }),
      cancelledAtImport: fc.integer({ min: 0, max: 9 }).map((d) => d === 0),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("cancel" as const), ref, byChannel: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("ship" as const), ref, partial: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("refund" as const),
      ref,
      quantity: fc.integer({ min: 1, max: 3 }),
      restock: fc.boolean(),
    }),
  },
);

/** Business-rule refusals are part of the game (cancelling a shipped order, over-refunding…). */
async function tolerate(work: () => Promise<unknown>) {
  try {
    await work();
  } catch (error) {
    if (!(error as { code?: string }).code) throw error;
  }
}

describe("planner report from the daily sales rollup", () => {
  it("gives exactly the rows of the per-order computation", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 3, maxLength: 20 }),
        fc.integer({ min: 0, max: DAY - 1 }),
        fc.array(
          fc.record({
            reportDays: fc.integer({ min: 1, max: 10 }),
            channel: fc.integer({ min: -1, max: CHANNELS.length - 1 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        async (steps, timeOfDay, queries) => {
          const db = hub.ctx.db;
          const { accountId } = await createTenant(hub);
          const now = new Date(Date.UTC(2026, 5, 15) + timeOfDay);
          await importProducts(
            db,
            accountId,
            SKUS.map((sku, i) => ({ sku, name: sku, quantity: 4 * i, leadTimeDays: i === 0 ? null : i })),
            { recordQuantities: recordImportedQuantities },
          );
          const placed = new Map<number, { id: string; input: OrderInput }>();
          let n = 0;
          for (const s of steps) {
            n += 1;
            const known = placed.get(s.ref);
            if (s.kind === "order") {
              const input: OrderInput = {
                connectionId: CHANNELS[s.channel],
                platformOrderId: `o${s.ref}`,
                placedAt: new Date(now.getTime() - s.agoMs),
                currency: "USD",
                lines: s.lines.map((l) => ({ ...l, unitPriceMinor: 100 })),
                cancelled: s.cancelledAtImport || undefined,
              };
              const { orderId } = await importOrder(db, accountId, input);
              if (!known) placed.set(s.ref, { id: orderId, input });
            } else if (!known) {
            } else if (s.kind === "cancel" && s.byChannel) {
              const update = {
                ...known.input,
                cancelled: true,
                platformUpdatedAt: new Date(now.getTime() + n),
              };
              await importOrder(db, accountId, update);
            } else if (s.kind === "cancel") {
              await tolerate(() => changeOrderStatus(db, accountId, known.id, "cancelled", "test"));
            } else if (s.kind === "ship") {
              const first = known.input.lines[0]!;
              const lines = s.partial ? [{ sku: first.sku, quantity: 1 }] : undefined;
              await tolerate(() => createShipment(db, accountId, known.id, lines ? { lines } : {}));
            } else {
              const line = known.input.lines[0]!;
              await tolerate(() =>
                recordRefund(db, accountId, known.id, {
                  platformRefundId: `r${n}`,
                  currency: "USD",
                  lines: [{ sku: line.sku, quantity: s.quantity, restock: s.restock }],
                }),
              );
            }
          }

          const { rollup, recount } = await rollupAndRecount(db, accountId);
          expect(rollup).toEqual(recount);

          for (const q of queries) {
            const settings = { ...DEFAULT_PLAN_SETTINGS, reportDays: q.reportDays };
            const connectionId = q.channel < 0 ? null : (CHANNELS[q.channel] ?? null);
            const rows = await plannerReport(db, accountId, { settings, connectionId, now, limit: 50 });
            expect(rows.map((r) => r.sku)).toEqual(SKUS);
            const from = new Date(now.getTime() - q.reportDays * DAY);
            const sold = await unitsSoldPerOrder(
              db,
              accountId,
              rows.map((r) => r.productId),
              { from, to: now, connectionId },
            );
            const expected = rows.map((r) => {
              const unitsSold = sold.get(r.productId) ?? 0;
              return {
                ...r,
                unitsSold,
                ...planLine({ ...settings, unitsSold, available: r.available, leadTimeDays: r.leadTimeDays }),
              };
            });
            expect(rows).toEqual(expected);
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 240_000);
});
