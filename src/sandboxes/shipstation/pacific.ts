import { fromWallClock, toWallClock } from "../../lib/wall-clock.ts";

/**
 * ShipStation writes and reads its timestamps as US Pacific wall-clock time without an offset
 * (platform-apis.md §6): "2015-08-17T09:24:16.4800000" in answers, "2015-08-17 09:24:16" in
 * filters. The offset is -08:00 or -07:00 by the date (DST).
 */
const ZONE = "America/Los_Angeles";

/** `YYYY-MM-DDTHH:mm:ss.fffffff` in Pacific time, as ShipStation's answers carry it. */
export function pacificText(ms: number): string {
  return `${toWallClock(ZONE, ms)}0000`;
}

/** A Pacific wall-clock time ("2025-06-01 00:00:00", "…T…", fractions allowed) as epoch ms; NaN if unreadable. */
export function fromPacific(text: string): number {
  return fromWallClock(ZONE, text);
}
