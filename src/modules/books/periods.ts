import { invalid } from "../../lib/errors.ts";
import type { SummaryGrouping } from "./schema.ts";

export const syncPresets = ["current-week", "current-month", "last-month", "last-quarter"] as const;
export type SyncPreset = (typeof syncPresets)[number];

/** Inclusive range of UTC calendar days, `YYYY-MM-DD`. */
export type DayRange = { from: string; to: string };

/** R-ORD-5: a manual batch covers at most four months. */
export const MAX_RANGE_MONTHS = 4;

const day = (d: Date) => d.toISOString().slice(0, 10);
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m, d));

export function presetRange(preset: SyncPreset, now: Date): DayRange {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  switch (preset) {
    case "current-week": {
      // ISO weeks start on Monday.
      const back = (now.getUTCDay() + 6) % 7;
      return { from: day(utc(y, m, now.getUTCDate() - back)), to: day(now) };
    }
    case "current-month":
      return { from: day(utc(y, m, 1)), to: day(now) };
    case "last-month":
      return { from: day(utc(y, m - 1, 1)), to: day(utc(y, m, 0)) };
    case "last-quarter": {
      const q = Math.floor(m / 3) * 3;
      return { from: day(utc(y, q - 3, 1)), to: day(utc(y, q, 0)) };
    }
  }
}

/** Refuses reversed ranges and ranges longer than four calendar months (to ≥ from + 4 months). */
export function checkRange(range: DayRange): DayRange {
  const from = new Date(`${range.from}T00:00:00Z`);
  const to = new Date(`${range.to}T00:00:00Z`);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()))
    throw invalid("date_invalid", "from and to are YYYY-MM-DD");
  if (to < from) throw invalid("range_reversed", "to is before from");
  const limit = utc(from.getUTCFullYear(), from.getUTCMonth() + MAX_RANGE_MONTHS, from.getUTCDate());
  if (to >= limit) {
    throw invalid(
      "range_too_long",
      `a sync batch covers at most ${MAX_RANGE_MONTHS} months (${range.from} to ${range.to} is longer); split the range`,
    );
  }
  return range;
}

/** Each day of the range, in order. */
export function daysOf(range: DayRange): string[] {
  const out: string[] = [];
  for (let d = new Date(`${range.from}T00:00:00Z`); day(d) <= range.to; d.setUTCDate(d.getUTCDate() + 1)) {
    out.push(day(d));
  }
  return out;
}

/** The period keys a range touches: its days, or its months. */
export function periodKeys(range: DayRange, grouping: SummaryGrouping): string[] {
  const days = daysOf(range);
  return grouping === "day" ? days : [...new Set(days.map((d) => d.slice(0, 7)))];
}

/** [start, end) instants of a period key. */
export function periodBounds(key: string): { start: Date; end: Date } {
  const [y, m, d] = key.split("-").map(Number) as [number, number, number | undefined];
  if (d === undefined) return { start: utc(y, m - 1, 1), end: utc(y, m, 1) };
  return { start: utc(y, m - 1, d), end: utc(y, m - 1, d + 1) };
}

/** A month period is summarised only once it has ended, so a summary is never of a partial month. */
export function periodEnded(key: string, now: Date): boolean {
  return periodBounds(key).end <= now;
}

export function yesterday(now: Date): string {
  return day(utc(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1));
}
