import type { TestHub } from "./hub.ts";

/**
 * What a refused request may legitimately write: a token's last-use stamp (any authenticated call)
 * and the sign-in attempt counters (a failed login is counted by design).
 */
const VOLATILE_COLUMNS = ["last_used_at"];
const VOLATILE_TABLES = new Set(["attempt_counters", "__drizzle_migrations"]);

export type Fingerprint = Record<string, string>;

/**
 * A digest per table of every row in the hub's own schema (pg-boss's is left out), so a test can
 * prove that a refused request wrote nothing anywhere, for any account.
 */
export async function fingerprint(hub: TestHub): Promise<Fingerprint> {
  const tables = await tablesOf(hub);
  const drop = VOLATILE_COLUMNS.map((c) => `'${c}'`).join(", ");
  const parts = tables.map(
    (t) =>
      `select '${t}' as t, count(*) || ':' || coalesce(md5(string_agg(h, '' order by h)), '') as h
       from (select md5((to_jsonb(r) - array[${drop}])::text) as h from "${t}" r) s`,
  );
  const { rows } = await hub.database.executeSql(parts.join(" union all "), [] as unknown[]);
  return Object.fromEntries(rows.map((r) => [String(r.t), String(r.h)]));
}

/** The tables whose digest differs, for a readable failure. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((t) => before[t] !== after[t]).sort();
}

const cache = new WeakMap<TestHub, string[]>();
async function tablesOf(hub: TestHub): Promise<string[]> {
  const known = cache.get(hub);
  if (known) return known;
  const { rows } = await hub.database.executeSql(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    [] as unknown[],
  );
  const tables = rows.map((r) => String(r.table_name)).filter((t) => !VOLATILE_TABLES.has(t));
  cache.set(hub, tables);
  return tables;
}
