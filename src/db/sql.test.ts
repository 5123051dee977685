import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase } from "../../test/helpers/database.ts";
import type { Database } from "./engine.ts";
import { queryRows } from "./rows.ts";
import { chunks, isUniqueViolation, likePattern, pgArray } from "./sql.ts";

describe("likePattern", () => {
  it("wraps the text in % and escapes the pattern characters", () => {
    expect(likePattern("abc")).toBe("%abc%");
    expect(likePattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });
});

describe("pgArray", () => {
  it("quotes every element, escaping quotes and backslashes", () => {
    expect(pgArray([])).toBe("{}");
    expect(pgArray(["a", 'say "hi"', "back\\slash", 7])).toBe('{"a","say \\"hi\\"","back\\\\slash","7"}');
  });
});

describe("chunks", () => {
  it("splits into pieces of at most the size, keeping order", () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([1, 2], 2)).toEqual([[1, 2]]);
    expect(chunks([], 1000)).toEqual([]);
  });

  it("refuses a size that would never advance", () => {
    expect(() => chunks([1], 0)).toThrow(RangeError);
  });
});

describe("isUniqueViolation", () => {
  it("finds SQLSTATE 23505 on the error or one it wraps, optionally on a named constraint", () => {
    const driverError = { code: "23505", constraint: "users_email_unique" };
    expect(isUniqueViolation(driverError)).toBe(true);
    expect(isUniqueViolation(new Error("query failed", { cause: driverError }))).toBe(true);
    expect(isUniqueViolation(new Error("query failed", { cause: driverError }), "users_email_unique")).toBe(
      true,
    );
    expect(isUniqueViolation(driverError, "other_constraint")).toBe(false);
    expect(isUniqueViolation({ code: "40P01" })).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});

describe("the helpers against the database", () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
    await database.db.execute(sql`create table sql_helper_probe (name text primary key)`);
    await database.db.execute(
      sql`insert into sql_helper_probe (name) values ('50%_off'), ('50 percent off'), ('5000_off'), ('back\slash')`,
    );
  });
  afterAll(async () => {
    await database?.close();
  });

  it('matches a search for "50%_off" only literally', async () => {
    const rows = await queryRows<{ name: string }>(
      database.db,
      sql`select name from sql_helper_probe where name ilike ${likePattern("50%_off")} order by name`,
    );
    expect(rows.map((r) => r.name)).toEqual(["50%_off"]);
  });

  it("sends any text through an array literal unchanged", async () => {
    const values = ['quote " inside', "comma, brace } and {", "back\\slash", "NULL", ""];
    const rows = await queryRows<{ v: string }>(
      database.db,
      sql`select v from unnest(${pgArray(values)}::text[]) with ordinality as t(v, n) order by n`,
    );
    expect(rows.map((r) => r.v)).toEqual(values);
  });

  it("recognises the unique violation the engine raises", async () => {
    const error = await database.db
      .execute(sql`insert into sql_helper_probe (name) values ('50%_off')`)
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(error, "sql_helper_probe_pkey")).toBe(true);
  });
});
