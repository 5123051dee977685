import type { Db } from "../../db/engine.ts";
import { orderMetric } from "../orders/index.ts";
import type { GoalMetric } from "./schema.ts";

/**
 * A goal metric's value over a period, as the orders module counts it (cancelled orders do not
 * count). `historyOnly`: just what backfills brought from before the hub was watching.
 */
export async function metricValue(
  db: Db,
  accountId: string,
  metric: GoalMetric,
  range: { start: Date; end: Date },
  connectionId: string | null,
  options: { historyOnly?: boolean } = {},
): Promise<number> {
  return orderMetric(db, accountId, metric, range, connectionId, options);
}
