/**
 * QBO writes times in the company's time zone with an offset ("2025-06-01T09:12:44-07:00"),
 * not in UTC; the sandbox does the same so clients must parse offsets as they would in production.
 */
const COMPANY_TIME_ZONE = "America/Los_Angeles";

const offsetFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: COMPANY_TIME_ZONE,
  timeZoneName: "longOffset",
});

function offsetMinutes(ms: number): number {
  const label = offsetFormat.formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")?.value ?? "";
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(label);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

function offsetLabel(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** `MetaData` style: whole seconds with the company offset. */
export function formatDateTime(ms: number): string {
  const offset = offsetMinutes(ms);
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 19);
  return `${local}${offsetLabel(offset)}`;
}

/** Response `time` style: milliseconds with the company offset. */
export function formatResponseTime(ms: number): string {
  const offset = offsetMinutes(ms);
  const local = new Date(ms + offset * 60_000).toISOString().slice(0, 23);
  return `${local}${offsetLabel(offset)}`;
}

/** `TxnDate` style: the company's calendar date. */
export function formatDate(ms: number): string {
  return new Date(ms + offsetMinutes(ms) * 60_000).toISOString().slice(0, 10);
}

export function truncateToSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
