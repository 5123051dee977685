import type { Db } from "../../db/engine.ts";
import { unitsSoldByProduct } from "../orders/index.ts";
import { planSettingsFor } from "./settings.ts";

/**
 * The planner's average daily sales of each product: units sold on every channel over the account's
 * report window (planning settings, 90 days unless changed) divided by its days, as the planner report
 * reckons them. Products that sold nothing are left out (0 a day).
 */
export async function averageDailySales(db: Db, accountId: string, productIds: string[], now: Date) {
  const { reportDays } = await planSettingsFor(db, accountId, null);
  const from = new Date(now.getTime() - reportDays * 86_400_000);
  const sold = await unitsSoldByProduct(db, accountId, productIds, { from, to: now, connectionId: null });
  const perDay = new Map<string, number>();
  for (const [productId, units] of sold) if (units > 0) perDay.set(productId, units / reportDays);
  return { reportDays, perDay };
}
