/** The company file's clock: QuickBooks Desktop writes and reads times in the PC's local time. */
export interface CompanyClock {
  nowMs(): number;
  /** The PC's UTC offset in minutes (US Eastern in winter, as in Intuit's samples: -300). */
  readonly utcOffsetMinutes: number;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

function shifted(ms: number, offsetMinutes: number): Date {
  return new Date(ms + offsetMinutes * 60_000);
}

/** `2009-01-09T12:42:29-05:00`, the form of `TimeCreated` / `TimeModified`. */
export function formatDateTime(ms: number, offsetMinutes: number): string {
  const local = shifted(ms, offsetMinutes);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const offset = `${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
  return `${local.toISOString().slice(0, 19)}${offset}`;
}

/** `2009-01-09`, the form of `TxnDate`. */
export function formatDate(ms: number, offsetMinutes: number): string {
  return shifted(ms, offsetMinutes).toISOString().slice(0, 10);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Reads a qbXML date or date-time. Without an offset it is the PC's local time, as QuickBooks
 * reads `FromModifiedDate`; a bare date is that day's local midnight. Null when malformed.
 */
export function parseDateTime(value: string, offsetMinutes: number): number | null {
  const match = DATE_TIME.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", zone] = match;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(utc)) return null;
  if (zone === undefined) return utc - offsetMinutes * 60_000;
  if (zone === "Z") return utc;
  const sign = zone.startsWith("-") ? -1 : 1;
  const minutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
  return utc - sign * minutes * 60_000;
}
