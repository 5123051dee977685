import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirError } from "../../src/db/data-dir.ts";
import { openDatabase } from "../../src/db/engine.ts";
import { runCli } from "../helpers/cli.ts";
import { onPostgres } from "../helpers/database.ts";

const root = mkdtempSync(join(tmpdir(), "sw-datadir-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function modes(dir: string): { files: Set<string>; dirs: Set<string> } {
  const out = { files: new Set<string>(), dirs: new Set<string>() };
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const child = join(path, name);
      const stat = statSync(child);
      if (stat.isDirectory()) {
        out.dirs.add((stat.mode & 0o777).toString(8));
        walk(child);
      } else out.files.add((stat.mode & 0o777).toString(8));
    }
  };
  walk(dir);
  return out;
}

// The embedded engine's own files; the PostgreSQL run has nothing of its own to add here.
describe.skipIf(onPostgres)("the embedded data dir", () => {
  it("is 0700 with 0600 files even under umask 000", async () => {
    const dataDir = join(root, "fresh");
    const previous = process.umask(0);
    try {
      const database = await openDatabase({ kind: "embedded", dataDir });
      await database.executeSql("create table t (x int); insert into t select generate_series(1, 1000)");
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      await database.close();
    } finally {
      process.umask(previous);
    }
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const seen = modes(dataDir);
    expect([...seen.files]).toEqual(["600"]);
    expect([...seen.dirs]).toEqual(["700"]);
  });

  it("tightens an older data dir whose files others could read", async () => {
    const dataDir = join(root, "older");
    const first = await openDatabase({ kind: "embedded", dataDir });
    await first.close();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, "pgdata", "PG_VERSION"), 0o666);
    const again = await openDatabase({ kind: "embedded", dataDir });
    await again.close();
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect([...modes(dataDir).files]).toEqual(["600"]);
  });

  it("refuses a data dir that others can write, and opens nothing in it", async () => {
    const dataDir = join(root, "shared");
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o777);
    await expect(openDatabase({ kind: "embedded", dataDir })).rejects.toBeInstanceOf(DataDirError);
    expect(readdirSync(dataDir)).toEqual([]);
    chmodSync(dataDir, 0o775);
    await expect(openDatabase({ kind: "embedded", dataDir })).rejects.toThrow(/written by other users/);
  });
});

describe.skipIf(onPostgres)("stockwire serve", () => {
  it("refuses a data dir that others can write, before writing a key into it", async () => {
    const dataDir = join(root, "serve-shared");
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o777);
    const result = await runCli(["serve"], { STOCKWIRE_DATA_DIR: dataDir, PORT: "0", LOG_LEVEL: "error" });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/written by other users/);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
