import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/db/rows.ts";
import { listingsOfConnection } from "../../src/modules/catalog/index.ts";
import { channelAvailability } from "../../src/modules/inventory/index.ts";
import { type ShopifySandbox, startShopifySandbox } from "../../src/sandboxes/shopify/index.ts";
import { type Daemon, lastJsonLine, runCli, startDaemon } from "../helpers/cli.ts";
import { freshDatabase, onPostgres } from "../helpers/database.ts";
import { type FaultProxy, startFaultProxy } from "../helpers/db-proxy.ts";
import {
  askHealth,
  type Change,
  type HealthAnswer,
  healthDuring,
  movementsOf,
  onHandBySku,
  type StockWriter,
  sleep,
  startStockWriter,
  until,
} from "../helpers/fault-run.ts";
import { TEST_SECRET } from "../helpers/hub.ts";
import { checkLedger } from "../helpers/ledger-check.ts";

// `stockwire serve` on PostgreSQL reaches its database through a proxy the test cuts (a server
// restart) and stalls (a network that drops packets) while stock changes flow to a sandbox store.
// PGlite is in-process: there is no connection to lose, so this runs in CI's PostgreSQL pass.
describe.skipIf(!onPostgres)("fault run: serve through a database that goes away", () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let proxy: FaultProxy;
  let sandbox: ShopifySandbox;
  let server: (Daemon & { match: RegExpMatchArray }) | undefined;
  let env: Record<string, string>;
  let url: string;
  let token: string;
  let connectionId: string;
  let accountId: string;
  let listed: { sku: string; productId: string }[];
  let writer: StockWriter | undefined;
  const listening = /"url":"(http:\/\/[^"]+)".*stockwire is listening/;

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return (await res.json()) as Record<string, unknown>;
  };
  const healthy = async () => {
    alive();
    return (await askHealth(url)).code === 200;
  };
  const alive = () => {
    const child = server?.child;
    if (!child || child.exitCode !== null || child.signalCode !== null)
      throw new Error(`stockwire serve died:\n${server?.output().slice(-4000)}`);
  };

  beforeAll(async () => {
    database = await freshDatabase();
    proxy = await startFaultProxy({ host: "127.0.0.1", port: Number(new URL(database.url!).port || 5432) });
    sandbox = await startShopifySandbox({ seed: 23, products: 12, orders: 0, locations: 1 });
    const direct = {
      DATABASE_URL: database.url!,
      STOCKWIRE_SECRET: TEST_SECRET,
      PORT: "0",
      LOG_LEVEL: "info",
      STOCKWIRE_ALLOW_PRIVATE_URLS: "1",
    };
    env = { ...direct, DATABASE_URL: proxy.urlFor(database.url!) };
    server = await startDaemon(["serve"], env, listening);
    url = server.match[1]!;
    const owner = [
      "--account",
      "Fault Shop",
      "--email",
      "fault@example.com",
      "--password",
      "a long password",
    ];
    await runCli(["user", "create", ...owner], direct);
    token = lastJsonLine<{ token: string }>(
      (await runCli(["token", "create", "--email", "fault@example.com"], direct)).stdout,
    ).token;
    const connection = await call("POST", "/api/v1/connections", {
      platform: "shopify",
      name: "Fault store",
      credentials: {
        shopDomain: sandbox.url,
        accessToken: sandbox.accessToken,
        apiSecret: sandbox.apiSecret,
      },
      onboarding: false,
    });
    connectionId = String(connection.id);
    const run = await call("POST", `/api/v1/connections/${connectionId}/feeds/new-products/run`, {
      full: true,
    });
    await until(
      "the catalogue",
      async () => (await call("GET", `/api/v1/feed-runs/${run.id}`)).status === "succeeded",
    );
    await call("POST", `/api/v1/connections/${connectionId}/mode`, { mode: "live" });
    const [owned] = await queryRows<{ account_id: string }>(
      database.db,
      sql`select account_id from connections where id = ${connectionId}`,
    );
    accountId = owned!.account_id;
    // Variants the store does not track have no stock location and are never pushed.
    listed = (await listingsOfConnection(database.db, connectionId))
      .filter((l) => l.inventoryItemId && l.locationId)
      .map((l) => ({ sku: l.sku, productId: l.productId }));
  }, 120_000);

  afterEach((context) => {
    // A failed test must not leave its writer changing stock under the next one.
    writer?.abandon();
    if (context.task.result?.state === "fail")
      process.stderr.write(`stockwire serve's last output:\n${server?.output().slice(-8_000)}\n`);
  });
  afterAll(async () => {
    await server?.stop("SIGKILL");
    await proxy?.close();
    await sandbox?.close();
    await database?.close();
  });

  /** Every acknowledged change is in the ledger once, and the store shows what the hub has. */
  async function expectConvergedOnce(changes: Change[], before: Map<string, number>, prefix: string) {
    await until(
      "every SKU on the store to show the hub's quantity",
      async () => {
        alive();
        if ((await call("GET", `/api/v1/connections/${connectionId}/pending`)).count !== 0) return false;
        const hub = await channelAvailability(
          database.db,
          accountId,
          listed.map((l) => l.productId),
        );
        return listed.every((l) => sandbox.control.getInventory(l.sku)?.available === hub.get(l.productId));
      },
      120_000,
    );
    const movements = await movementsOf(database.db, accountId, prefix);
    expect([...movements].filter(([, rows]) => rows !== 1)).toEqual([]);
    expect([...movements.keys()].sort()).toEqual(changes.map((c) => c.key).sort());
    const expected = new Map(before);
    for (const c of changes) expected.set(c.sku, (expected.get(c.sku) ?? 0) + c.delta);
    expect(await onHandBySku(database.db, accountId)).toEqual(expected);
    expect(await checkLedger(database.db, accountId)).toEqual([]);
  }

  function startWriter(prefix: string) {
    let fatal: Error | undefined;
    writer = startStockWriter({
      hubUrl: () => url,
      token,
      skus: listed.map((l) => l.sku),
      keyPrefix: prefix,
      onFatal: (error) => {
        fatal = error;
      },
    });
    return { stock: writer, fatal: () => fatal };
  }

  const outageAnswers = (answers: HealthAnswer[]) =>
    answers.filter((a) => a.code !== 503 || a.database !== "unreachable" || a.queue !== "unreachable");

  it("stays up through cuts and a 20 s stall, answers 503 meanwhile, and pushes every change once", async () => {
    expect(listed.length).toBeGreaterThan(5);
    const before = await onHandBySku(database.db, accountId);
    const { stock, fatal } = startWriter("outage");
    await stock.more(10);
    await until("the first pushes", async () => {
      alive();
      return (sandbox.control.callLog().byRootField.inventorySetQuantities ?? 0) > 0;
    });

    // A server restart; a network that drops packets for 20 s and comes back; a partition during
    // which the server restarts, so that every connection breaks while its query waits (inside
    // transactions, which is what used to end the process).
    const outages: [string, () => Promise<void>][] = [
      [
        "cut",
        async () => {
          proxy.cut();
          await sleep(4_000);
        },
      ],
      [
        "stall",
        async () => {
          proxy.stall();
          await sleep(20_000);
        },
      ],
      [
        "stall then cut",
        async () => {
          proxy.stall();
          await sleep(3_000);
          proxy.cut();
          await sleep(3_000);
        },
      ],
    ];
    const during: Record<string, HealthAnswer[]> = {};
    for (const [name, outage] of outages) {
      during[name] = await healthDuring(url, outage());
      proxy.heal();
      await until(`healthz ok after the ${name}`, healthy, 60_000);
      await stock.more(5);
    }
    await stock.stop();

    alive();
    expect(fatal()).toBeUndefined();
    for (const [name] of outages) {
      expect(during[name]!.length, name).toBeGreaterThan(5);
      expect(outageAnswers(during[name]!), name).toEqual([]);
    }
    await expectConvergedOnce(stock.acknowledged, before, "outage");
  }, 180_000);

  it("pushes every change once after a kill -9 during a stall and a restart", async () => {
    alive();
    const before = await onHandBySku(database.db, accountId);
    const { stock, fatal } = startWriter("kill");
    await stock.more(10);
    // Killed while its transactions wait on a silent database: nothing of them may commit twice.
    proxy.stall();
    await sleep(2_000);
    expect(await server!.stop("SIGKILL")).not.toBe(0);
    proxy.heal();
    server = await startDaemon(["serve"], env, listening);
    url = server.match[1]!;
    await stock.more(10);
    await stock.stop();

    expect(fatal()).toBeUndefined();
    await expectConvergedOnce(stock.acknowledged, before, "kill");
  }, 180_000);
});
