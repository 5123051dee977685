import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lastJsonLine, runCli, startDaemon } from "./helpers/cli.ts";

const dirs: string[] = [];
/**
 * These tests start `stockwire` child processes one after another (each loads TypeScript and an
 * embedded database); beside a full parallel suite that alone can pass 30 s.
 */
const SPAWNS_PROCESSES_MS = 120_000;
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "stockwire-cli-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("stockwire CLI start-up errors", () => {
  it("stops with one line naming an invalid variable", async () => {
    const res = await runCli(["serve"], { PORT: "eighty" });
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split("\n")).toHaveLength(1);
    expect(res.stderr).toMatch(/PORT: /);
  });

  it("refuses to run a separate worker on the embedded engine", async () => {
    const res = await runCli(["worker"], { STOCKWIRE_DATA_DIR: dataDir() });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/worker needs DATABASE_URL/);
  });

  it("explains an unreachable DATABASE_URL without a stack trace", async () => {
    const res = await runCli(["serve"], {
      DATABASE_URL: "postgres://postgres@127.0.0.1:1/nothing",
      STOCKWIRE_SECRET: "ab".repeat(32),
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/Cannot connect to DATABASE_URL/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("stockwire CLI run in the wrong place", () => {
  it(
    "says which database it looked in when the user is not found",
    async () => {
      const dir = dataDir();
      const res = await runCli(
        ["token", "create", "--email", "nobody@example.com"],
        {
          STOCKWIRE_DATA_DIR: dir,
          STOCKWIRE_SECRET: "cd".repeat(32),
        },
        SPAWNS_PROCESSES_MS,
      );
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/user not found/i);
      expect(res.stderr).toContain(dir);
      expect(res.stderr).toContain("STOCKWIRE_DATA_DIR");
      expect(res.stderr.endsWith("\n")).toBe(true);
    },
    SPAWNS_PROCESSES_MS,
  );
});

describe("a new user's first minutes on the embedded engine", () => {
  it(
    "serves, creates the owner and a token through the running server, and answers /me",
    async () => {
      const dir = dataDir();
      const env = { STOCKWIRE_DATA_DIR: dir, PORT: "0", LOG_LEVEL: "info" };
      const server = await startDaemon(["serve"], env, /"url":"(http:\/\/[^"]+)".*stockwire is listening/);
      try {
        const url = server.match[1]!;
        // stdout and stderr are separate pipes: give the hint a moment to arrive.
        for (let i = 0; i < 50 && !server.output().includes("stockwire user create"); i++) {
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(server.output()).toContain("stockwire user create");
        const secret = join(dir, "secret.key");
        expect(statSync(secret).mode & 0o777).toBe(0o600);

        const created = await runCli(
          [
            "user",
            "create",
            "--account",
            "Corner Shop",
            "--email",
            "owner@corner.example",
            "--password",
            "a long password",
          ],
          env,
        );
        expect(created.code, created.stderr).toBe(0);
        const ids = lastJsonLine<{ accountId: string; userId: string }>(created.stdout);
        expect(ids.accountId).toMatch(/^[0-9a-f-]{36}$/);

        const token = await runCli(["token", "create", "--email", "owner@corner.example"], env);
        const { token: bearer } = lastJsonLine<{ token: string }>(token.stdout);
        const me = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${bearer}` } });
        expect(me.status).toBe(200);
        expect(((await me.json()) as { account: { id: string } }).account.id).toBe(ids.accountId);
        expect(server.output()).not.toContain(bearer);

        const second = await runCli(["serve"], env);
        expect(second.code).toBe(1);
        expect(second.stderr).toMatch(/another stockwire already uses/);
      } finally {
        expect(await server.stop("SIGTERM")).toBe(0);
      }
      expect(existsSync(join(dir, "server.json"))).toBe(false);
    },
    SPAWNS_PROCESSES_MS,
  );

  it(
    "creates users directly in the data dir when no server runs",
    async () => {
      const env = { STOCKWIRE_DATA_DIR: dataDir() };
      const createSolo = [
        "user",
        "create",
        "--account",
        "Solo",
        "--email",
        "solo@example.com",
        "--password",
        "a long password",
      ];
      const created = await runCli(createSolo, env);
      expect(created.code, created.stderr).toBe(0);
      const dup = await runCli(createSolo, env);
      expect(dup.code).toBe(1);
      expect(dup.stderr).toMatch(/already exists/);
      const bad = await runCli(["token", "create", "--email", "nobody@example.com"], env);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/user not found/);
    },
    SPAWNS_PROCESSES_MS,
  );
});
