import type { Db } from "../../db/engine.ts";
import { productPage } from "../catalog/index.ts";
import { stockTotals } from "../inventory/index.ts";
import { unitsSoldByProduct } from "../orders/index.ts";
import { type PlanLine, planLine } from "./planner-math.ts";
import type { PlanSettings } from "./settings.ts";

export type ReportRow = PlanLine & {
  productId: string;
  sku: string;
  name: string;
  unitsSold: number;
  available: number;
  leadTimeDays: number | null;
};

export type ReportQuery = {
  settings: PlanSettings;
  connectionId: string | null;
  now: Date;
  afterSku?: string | undefined;
  /** Only this SKU (a product page's planner figures). */
  sku?: string | undefined;
  limit: number;
};

/**
 * Units sold per product in the window and available stock, one page of SKUs at a time, from the
 * catalogue, orders and inventory modules: the page is chosen first, then its products' sales
 * (orders' product × day rollup) and stock are read at once, one statement each for the whole
 * page, so a page costs three statements whatever its size or the window's. Cancelled units are
 * not sales; orders of other channels are left out when a connection is given.
 */
export async function plannerReport(db: Db, accountId: string, q: ReportQuery): Promise<ReportRow[]> {
  const page = await productPage(db, accountId, {
    archived: false,
    afterSku: q.afterSku,
    sku: q.sku,
    limit: q.limit + 1,
  });
  const ids = page.map((p) => p.id);
  const from = new Date(q.now.getTime() - q.settings.reportDays * 86_400_000);
  const [sold, stock] = await Promise.all([
    unitsSoldByProduct(db, accountId, ids, { from, to: q.now, connectionId: q.connectionId }),
    stockTotals(db, ids),
  ]);
  return page.map((p) => {
    const unitsSold = sold.get(p.id) ?? 0;
    const available = stock.get(p.id)?.available ?? 0;
    const leadTimeDays = p.leadTimeDays;
    return {
      productId: p.id,
      sku: p.sku,
      name: p.name,
      unitsSold,
      available,
      leadTimeDays,
      ...planLine({ ...q.settings, unitsSold, available, leadTimeDays }),
    };
  });
}
