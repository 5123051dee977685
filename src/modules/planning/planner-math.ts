import type { PlanStatus } from "./schema.ts";

export type PlanInput = {
  unitsSold: number;
  reportDays: number;
  available: number;
  leadTimeDays: number | null;
  overstockDays: number;
  understockDays: number;
};

export type PlanLine = {
  averageDailySales: number;
  /** null stands for ∞: nothing sold in the window. */
  daysOfSupply: number | null;
  /** Days of supply − lead time; null for ∞. */
  difference: number | null;
  status: PlanStatus;
};

/**
 * R-INV-4/5: days of supply = available ÷ average daily sales; d = days of supply − lead time;
 * overstock when d > overstockDays, understock when d < understockDays. A missing lead time
 * counts as 0 days (stock arrives at once), which is the optimistic reading the report flags.
 * Nothing sold gives ∞ days: overstock when there is stock to sit on, ok when there is none.
 */
export function planLine(i: PlanInput): PlanLine {
  const averageDailySales = i.reportDays > 0 ? i.unitsSold / i.reportDays : 0;
  if (averageDailySales <= 0) {
    return {
      averageDailySales: 0,
      daysOfSupply: null,
      difference: null,
      status: i.available > 0 ? "overstock" : "ok",
    };
  }
  const daysOfSupply = i.available / averageDailySales;
  const difference = daysOfSupply - (i.leadTimeDays ?? 0);
  const status: PlanStatus =
    difference > i.overstockDays ? "overstock" : difference < i.understockDays ? "understock" : "ok";
  return { averageDailySales, daysOfSupply, difference, status };
}
