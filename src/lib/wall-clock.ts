/**
 * Wall-clock time in a named zone for platforms that write and read local time without an offset
 * (ShipStation: US Pacific). The offset at an instant comes from the runtime's time zone data, so
 * daylight-saving changes are followed.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Milliseconds the zone's wall clock is ahead of UTC at `ms` (negative west of Greenwich). */
export function zoneOffsetAt(zone: string, ms: number): number {
  const p = Object.fromEntries(
    formatterOf(zone)
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  const wall = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant as the zone's wall clock, in ISO form without an offset (`YYYY-MM-DDTHH:mm:ss.sss`). */
export function toWallClock(zone: string, ms: number): string {
  return new Date(ms + zoneOffsetAt(zone, ms)).toISOString().slice(0, 23);
}

/** Wall-clock text in the zone ("2025-06-01 00:00:00", "…T…", fractions allowed) as epoch ms; NaN if unreadable. */
export function fromWallClock(zone: string, text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/.exec(text.trim());
  if (!m) return Number.NaN;
  const wall = Date.UTC(
    +m[1]!,
    +m[2]! - 1,
    +m[3]!,
    +(m[4] ?? 0),
    +(m[5] ?? 0),
    +(m[6] ?? 0),
    +(m[7] ?? "0").padEnd(3, "0").slice(0, 3),
  );
  // The offset at the wall time read as UTC is right except within hours of a change; one more step settles it.
  const first = wall - zoneOffsetAt(zone, wall);
  return wall - zoneOffsetAt(zone, first);
}
