import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onPostgres } from "../../test/helpers/database.ts";
import { type FaultProxy, startFaultProxy } from "../../test/helpers/db-proxy.ts";
import { drizzleOnPool } from "./engine.ts";
import { createPool } from "./pg-pool.ts";
import { queryRows } from "./rows.ts";
import { inTransaction } from "./tx.ts";
import { isDatabaseUnavailable } from "./unavailable.ts";

// Needs a real server behind a proxy it can cut and silence; PGlite has no connection to lose.
describe.skipIf(!onPostgres)("the hub's connections when the server goes silent or away", () => {
  let proxy: FaultProxy;
  let url: string;
  beforeAll(async () => {
    const base = new URL(process.env.DATABASE_URL!);
    proxy = await startFaultProxy({ host: "127.0.0.1", port: Number(base.port || 5432) });
    url = proxy.urlFor(base.toString());
  });
  afterAll(() => proxy?.close());

  it("still lends its only connection after a transaction whose BEGIN timed out on a silent server", async () => {
    const pool = createPool(
      { connectionString: url, max: 1, query_timeout: 300, connectionTimeoutMillis: 1_000 },
      () => undefined,
    );
    const db = drizzleOnPool(pool);
    await db.execute(sql`select 1`);
    proxy.stall();
    const failure = await inTransaction(db, (tx) => tx.execute(sql`select 1`)).catch((e: unknown) => e);
    proxy.heal();
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect(await inTransaction(db, (tx) => queryRows(tx, sql`select 1 as one`))).toEqual([{ one: 1 }]);
    await pool.end();
  });

  it("survives a reset while a transaction holds a connection between two queries", async () => {
    const pool = createPool({ connectionString: url, max: 2 }, () => undefined);
    const db = drizzleOnPool(pool);
    const failure = await inTransaction(db, async (tx) => {
      await tx.execute(sql`select 1`);
      proxy.cut();
      await new Promise((r) => setTimeout(r, 100));
      await tx.execute(sql`select 2`);
    }).catch((e: unknown) => e);
    proxy.heal();
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect(await queryRows(db, sql`select 1 as one`)).toEqual([{ one: 1 }]);
    await pool.end();
  });
});
