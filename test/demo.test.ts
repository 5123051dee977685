import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startActivity } from "../src/demo/activity.ts";
import { DemoDataDirError, prepareDataDir } from "../src/demo/data-dir.ts";
import { type Demo, startDemo } from "../src/demo/index.ts";
import { runCli } from "./helpers/cli.ts";
import { until } from "./helpers/until.ts";

/**
 * `stockwire demo`: the first minute of a new user. A whole hub on the embedded engine with two
 * Shopify stores and a QuickBooks Online company (sandboxes on 127.0.0.1), paired and synced.
 */
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "stockwire-demo-test-"));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A small deterministic source of randomness (mulberry32), so the activity stream is the same every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("the demo's data directory", () => {
  it("refuses a directory holding data that is not a demo's, and leaves it untouched", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "notes.txt"), "mine");
    expect(() => prepareDataDir(dir)).toThrow(DemoDataDirError);
    expect(existsSync(join(dir, "notes.txt"))).toBe(true);
  });

  it("starts an earlier demo's directory over, and makes a temporary one when none is given", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "stockwire-demo.json"), "{}");
    mkdirSync(join(dir, "pgdata"));
    expect(prepareDataDir(dir)).toEqual({ path: dir, temporary: false });
    expect(existsSync(join(dir, "pgdata"))).toBe(false);
    const fresh = prepareDataDir(undefined);
    dirs.push(fresh.path);
    expect(fresh.temporary).toBe(true);
    expect(existsSync(fresh.path)).toBe(true);
  });
});

describe("npx stockwire demo --headless --exit-after-sync", () => {
  it("syncs three stores and the books, prints only a JSON summary on stdout and exits 0", async () => {
    const dir = tempDir();
    const res = await runCli(
      ["demo", "--headless", "--exit-after-sync"],
      { STOCKWIRE_DATA_DIR: dir, PORT: "0" },
      280_000,
    );
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.trim().split("\n");
    expect(lines, res.stdout).toHaveLength(1);
    const summary = JSON.parse(lines[0]!) as Record<string, unknown>;
    for (const field of ["products", "orders", "pushes", "postings", "notifications", "connections"]) {
      expect(typeof summary[field], field).toBe("number");
    }
    expect(summary.products).toBeGreaterThan(0);
    expect(summary.orders).toBeGreaterThan(0);
    expect(summary.pushes).toBeGreaterThan(0);
    expect(summary.postings).toBeGreaterThan(0);
    // Two Shopify stores, a WooCommerce store, QuickBooks Online and QuickBooks Desktop.
    expect(summary.connections).toBe(5);
    // The demo used the given directory, and let go of it on exit.
    expect(existsSync(join(dir, "pgdata"))).toBe(true);
    expect(existsSync(join(dir, "server.json"))).toBe(false);
    expect(res.stderr).toContain("initial sync done");
  }, 300_000);

  it("stops with one clear line when the data directory holds something else", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "ledger.db"), "not a demo");
    const res = await runCli(["demo", "--headless", "--exit-after-sync"], { STOCKWIRE_DATA_DIR: dir });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe("");
    expect(res.stderr).toMatch(/already holds data that is not from a demo/);
  });
});

describe("startDemo in-process", () => {
  let demo: Demo;
  beforeAll(async () => {
    demo = await startDemo({ dataDir: tempDir(), headless: true, activity: false, logLevel: "error" });
    await demo.waitForInitialSync();
  }, 280_000);
  afterAll(async () => {
    await demo?.close();
  });

  it("signs in with the printed credentials", async () => {
    const res = await fetch(`${demo.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: demo.email, password: demo.password }),
    });
    expect(res.status).toBe(200);
  });

  it("brings store B in line with the hub, and moves store B's stock when store A sells", async () => {
    const { storeA, storeB } = demo.sandboxes;
    const skus = storeA.store.variants.map((v) => v.sku);
    for (const sku of skus) {
      expect(storeB.control.getInventory(sku)?.available, sku).toBe(
        storeA.control.getInventory(sku)?.available,
      );
    }
    const sku = skus.find((s) => (storeA.control.getInventory(s)?.available ?? 0) >= 5)!;
    const before = storeB.control.getInventory(sku)!.available;
    storeA.control.createOrder({ lines: [{ sku, quantity: 3 }] });
    await until("store B to follow the order on store A", () => {
      return storeB.control.getInventory(sku)?.available === before - 3;
    });
  }, 150_000);

  it("keeps a bounded stream of orders, refunds and stock edits flowing into the hub", async () => {
    const ordersBefore = (await demo.summary()).orders;
    const activity = startActivity({
      stores: [
        { name: "A", sandbox: demo.sandboxes.storeA },
        { name: "B", sandbox: demo.sandboxes.storeB },
      ],
      intervalMs: 20,
      maxEvents: 12,
      // This seed's twelve events hold orders, a refund of one of them and stock edits.
      random: seeded(8),
    });
    const total = () => Object.values(activity.counts()).reduce((a, b) => a + b, 0);
    await until("the stream to reach its bound", () => total() === 12);
    const counts = activity.counts();
    expect(counts.orders).toBeGreaterThan(0);
    expect(counts.refunds).toBeGreaterThan(0);
    expect(counts.stockEdits).toBeGreaterThan(0);
    await until("the hub to import the stream's orders", async () => {
      return (await demo.summary()).orders >= ordersBefore + counts.orders;
    });
    expect(total()).toBe(12);
    activity.stop();
  }, 150_000);
});
