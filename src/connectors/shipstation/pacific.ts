/**
 * ShipStation writes and reads its timestamps as US Pacific wall-clock time without an offset
 * (platform-apis.md §6): "2015-08-17T09:24:16.4800000" in answers, "2015-08-17 09:24:16" in
 * filters. The offset is -08:00 or -07:00 by the date (DST), taken from the runtime's time zone data.
 */
const ZONE = "America/Los_Angeles";
const parts = new Intl.DateTimeFormat("en-US", {
  timeZone: ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Milliseconds Pacific time is ahead of UTC at `ms` (negative: -8 h or -7 h). */
function offsetAt(ms: number): number {
  const p = Object.fromEntries(parts.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** `YYYY-MM-DD HH:mm:ss` in Pacific time, as ShipStation's date filters take it. */
export function pacificFilter(date: Date): string {
  const ms = date.getTime();
  return new Date(ms + offsetAt(ms)).toISOString().slice(0, 19).replace("T", " ");
}

/** A date ShipStation sent (Pacific wall-clock text) as a Date; unreadable text is an error. */
export function pacificDate(text: string): Date {
  const ms = fromPacific(text);
  if (Number.isNaN(ms)) throw new Error(`ShipStation sent ${JSON.stringify(text)}, which is not a date`);
  return new Date(ms);
}

/** A Pacific wall-clock time ("2025-06-01 00:00:00", "…T…", fractions allowed) as epoch ms; NaN if unreadable. */
export function fromPacific(text: string): number {
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
  const first = wall - offsetAt(wall);
  return wall - offsetAt(first);
}
