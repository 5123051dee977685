/**
 * WooCommerce dates: `date_x` in the site's time zone and `date_x_gmt` in UTC, both as
 * `YYYY-MM-DDTHH:MM:SS` without an offset. Filters such as `modified_after` read the site's
 * zone unless `dates_are_gmt=true`.
 */
export interface SiteClock {
  /** Minutes east of UTC (WordPress "timezone" setting as a fixed offset). */
  readonly utcOffsetMinutes: number;
  readonly nowMs: () => number;
}

function plain(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19);
}

export function siteDate(clock: SiteClock, ms: number): string {
  return plain(ms + clock.utcOffsetMinutes * 60_000);
}

export function gmtDate(ms: number): string {
  return plain(ms);
}

/** Both spellings of one instant, as the REST API returns them. */
export function datePair(clock: SiteClock, name: string, ms: number | null): Record<string, string | null> {
  return {
    [name]: ms === null ? null : siteDate(clock, ms),
    [`${name}_gmt`]: ms === null ? null : gmtDate(ms),
  };
}

/**
 * An ISO 8601 filter value as an instant. With an explicit offset or `Z` it is absolute;
 * without one it is UTC when `datesAreGmt`, else site time. Null when unparseable.
 */
export function parseFilterDate(clock: SiteClock, value: string, datesAreGmt: boolean): number | null {
  const explicit = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const ms = Date.parse(explicit ? value : `${value}Z`);
  if (Number.isNaN(ms)) return null;
  return explicit || datesAreGmt ? ms : ms - clock.utcOffsetMinutes * 60_000;
}
