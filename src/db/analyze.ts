import { sql } from "drizzle-orm";
import type { Db } from "./engine.ts";
import { queryRows } from "./rows.ts";
import { pgArray } from "./sql.ts";

/** Like autovacuum's analyse threshold: a base number of rows plus a share of the table. */
const BASE_ROWS = 50;
const DEFAULT_SHARE = 0.1;

/**
 * ANALYZEs those of `tables` whose rows changed by more than `share` of their size (plus a few
 * rows) since their last analyse, and returns their names. Bulk writes that feed the next query
 * (imports, backfills) call it once committed: without fresh statistics the planner treats a
 * table that grew from empty as empty and picks plans that scan or hash all of it. Neither engine
 * does it for us: PGlite never autovacuums, and PostgreSQL may run with `autovacuum = off`.
 * Statistics counters lag by up to a second on PostgreSQL, so a burst's tail is caught next time.
 */
export async function analyzeIfChanged(
  db: Db,
  tables: readonly string[],
  share = DEFAULT_SHARE,
): Promise<string[]> {
  const due = await queryRows<{ name: string }>(
    db,
    sql`select s.relname as name
        from pg_stat_user_tables s join pg_class c on c.oid = s.relid
        where s.schemaname = current_schema() and s.relname = any(${pgArray(tables)}::text[])
          and s.n_mod_since_analyze > ${BASE_ROWS} + ${share} * greatest(c.reltuples, 0)
        order by s.relname`,
  );
  for (const { name } of due) await db.execute(sql`analyze ${sql.identifier(name)}`);
  return due.map((d) => d.name);
}

/** Pages a table may add past its last analyse before it counts as grown (64 KiB). */
const BASE_PAGES = 8;

/**
 * ANALYZEs those of `tables` (default: every table of the schema) whose files grew by more than
 * `share` since their last analyse, and returns their names. It compares the table's size on disk
 * with the `relpages` its last analyse recorded, so it works where the statistics counters that
 * analyzeIfChanged reads do not: PGlite never flushes them (n_mod_since_analyze stays 0). Cheap
 * enough to call before every drain pass; callers outside any transaction only, since an ANALYZE
 * holds its lock until commit.
 */
export async function analyzeIfGrown(
  db: Db,
  tables?: readonly string[],
  share = DEFAULT_SHARE,
): Promise<string[]> {
  const due = await queryRows<{ name: string }>(
    db,
    sql`select c.relname as name
        from pg_class c
        where c.relnamespace = current_schema()::regnamespace and c.relkind = 'r'
          ${tables ? sql`and c.relname = any(${pgArray(tables)}::text[])` : sql``}
          and pg_relation_size(c.oid) / current_setting('block_size')::int
              > ${BASE_PAGES}::int + ${1 + share}::float8 * greatest(c.relpages, 0)
        order by c.relname`,
  );
  for (const { name } of due) await db.execute(sql`analyze ${sql.identifier(name)}`);
  return due.map((d) => d.name);
}
