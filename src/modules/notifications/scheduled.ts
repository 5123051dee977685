import { eq } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { inTransaction } from "../../db/tx.ts";
import { accountsWithProducts } from "../catalog/index.ts";
import { listConnections } from "../connections/index.ts";
import { planStatusChanges } from "../planning/index.ts";
import { metricValue } from "./goal-progress.ts";
import { periodBounds } from "./periods.ts";
import { recordNotification } from "./record.ts";
import { type CountPeriod, ordersCountPeriods } from "./schema.ts";

/** Nightly: understock / overstock per product, raised on state changes only. */
export async function checkStockPlans(db: Db, now = new Date()): Promise<number> {
  let raised = 0;
  for (const accountId of await accountsWithProducts(db)) {
    await inTransaction(db, async (tx) => {
      for (const { row, connectionId } of await planStatusChanges(tx, accountId, now)) {
        if (row.status === "ok") continue;
        const settings = { daysOfSupply: row.daysOfSupply === null ? "∞" : row.daysOfSupply.toFixed(1) };
        const result = await recordNotification(tx, {
          accountId,
          type: row.status,
          vars: {
            sku: row.sku,
            name: row.name,
            ...settings,
            leadTimeDays: row.leadTimeDays ?? 0,
            difference: row.difference === null ? "∞" : row.difference.toFixed(1),
            unitsSold: row.unitsSold,
            available: row.available,
          },
          connectionId,
          subject: row.sku,
          dedupeKey: `plan:${connectionId ?? "all"}:${row.productId}:${row.status}:${now.toISOString()}`,
          now,
        });
        if ("id" in result) raised++;
      }
    });
  }
  return raised;
}

/**
 * End of day: the order count for every connection whose period (day by default, or week / month
 * as set per connection) ends today (R-NOT-2 "total orders count").
 */
export async function reportOrderCounts(db: Db, now = new Date()): Promise<number> {
  let raised = 0;
  for (const accountId of await accountsWithProducts(db)) {
    const periods = await countPeriodsOf(db, accountId);
    for (const c of await listConnections(db, accountId)) {
      const period = periods.get(c.id) ?? "day";
      const bounds = periodBounds(period, now);
      if (bounds.end.getTime() - now.getTime() > 24 * 3600 * 1000) continue;
      const count = await metricValue(db, accountId, "orders", bounds, c.id);
      const result = await recordNotification(db, {
        accountId,
        type: "orders_count",
        vars: {
          count,
          period,
          connection: { id: c.id, name: c.name },
          from: bounds.start.toISOString(),
          to: now.toISOString(),
        },
        connectionId: c.id,
        subject: c.id,
        dedupeKey: `orders_count:${c.id}:${period}:${bounds.start.toISOString().slice(0, 10)}`,
        now,
      });
      if ("id" in result) raised++;
    }
  }
  return raised;
}

async function countPeriodsOf(db: Db, accountId: string): Promise<Map<string, CountPeriod>> {
  const rows = await db.select().from(ordersCountPeriods).where(eq(ordersCountPeriods.accountId, accountId));
  return new Map(rows.map((r) => [r.connectionId, r.period]));
}
