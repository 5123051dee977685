import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../../test/helpers/database.ts";
import { analyzeIfGrown } from "./analyze.ts";
import type { Database } from "./engine.ts";
import { queryRows } from "./rows.ts";

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
  await database.db.execute(sql`create table analyze_probe (id int primary key, note text)`);
});
afterAll(() => database?.close());

const analysed = async () =>
  (
    await queryRows<{ pages: number; rows: number }>(
      database.db,
      sql`select relpages::int as pages, reltuples::int as rows from pg_class where relname = 'analyze_probe'`,
    )
  )[0];

const grow = (from: number, to: number) =>
  database.db.execute(
    sql`insert into analyze_probe select g, repeat('x', 200) from generate_series(${from}::int, ${to}::int) g`,
  );

describe("analyzeIfGrown", () => {
  it("analyses a table once its file grew past the share, and not again until it grows further", async () => {
    await grow(1, 10);
    expect(await analyzeIfGrown(database.db, ["analyze_probe"])).toEqual([]);

    await grow(11, 20_000);
    expect(await analyzeIfGrown(database.db, ["analyze_probe"])).toEqual(["analyze_probe"]);
    expect((await analysed())?.rows).toBe(20_000);
    expect(await analyzeIfGrown(database.db, ["analyze_probe"])).toEqual([]);

    // A few rows more are within the tenth; doubling the table is not.
    await grow(20_001, 20_100);
    expect(await analyzeIfGrown(database.db, ["analyze_probe"])).toEqual([]);
    await grow(20_101, 40_000);
    expect(await analyzeIfGrown(database.db)).toContain("analyze_probe");
    expect((await analysed())?.rows).toBe(40_000);
  });
});
