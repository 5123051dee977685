import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastJsonLine, runCli, startDaemon } from "./helpers/cli.ts";
import { freshDatabase, onPostgres } from "./helpers/database.ts";
import { TEST_SECRET } from "./helpers/hub.ts";

// Separate worker processes exist only on PostgreSQL (PGlite is single-process), so this file
// runs in the PostgreSQL pass of CI, where DATABASE_URL is set.
describe.skipIf(!onPostgres)("scale-out on PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database?.close());

  it("shares jobs between two worker processes without running any twice", async () => {
    const env = { DATABASE_URL: database.url!, STOCKWIRE_SECRET: TEST_SECRET, LOG_LEVEL: "info" };
    const ready = /worker started/;
    const workers = await Promise.all([
      startDaemon(["worker"], env, ready),
      startDaemon(["worker"], env, ready),
    ]);
    try {
      const res = await runCli(["queue-check", "--jobs", "60"], env, 90_000);
      expect(res.code, res.stderr).toBe(0);
      const report = lastJsonLine<{
        executions: number;
        duplicates: number;
        missing: number;
        byWorker: Record<string, number>;
      }>(res.stdout);
      expect(report).toMatchObject({ executions: 60, duplicates: 0, missing: 0 });
      expect(Object.keys(report.byWorker)).toHaveLength(2);
    } finally {
      const codes = await Promise.all(workers.map((w) => w.stop("SIGTERM")));
      expect(codes).toEqual([0, 0]);
    }
  });
});
