import { sql } from "drizzle-orm";
import type { AppContext } from "../../src/context.ts";
import { queryRows } from "../../src/db/rows.ts";
import { importProducts } from "../../src/modules/catalog/index.ts";
import type { Connection } from "../../src/modules/connections/index.ts";
import { recordImportedQuantities } from "../../src/modules/inventory/index.ts";
import {
  getRun,
  queueFeedRun,
  registerWebhooksFor,
  switchConnectionMode,
} from "../../src/modules/sync/index.ts";
import { type ShopifySandbox, startShopifySandbox } from "../../src/sandboxes/shopify/index.ts";
import type { Benchmark } from "../harness.ts";
import { observeAvailable } from "../observe.ts";
import {
  createBenchAccount,
  issueSize,
  pairShopify,
  percentile,
  round,
  runFeed,
  startBenchHub,
  waitFor,
} from "../support.ts";

/** Every measured SKU starts here on every store; one order of one unit leaves START − 1. */
const START = 1000;
/** What a throttled neighbour is held to: the issue's 0.5 points/s, starting empty. */
const THROTTLE = { restoreRate: 0.5, currentlyAvailable: 0 };
const ROWS = [0, 1, 5] as const;
const BACKFILL_ORDERS = 3_000;

type Neighbour = { kind: "throttled" | "backfill"; store: ShopifySandbox; connection: Connection };
type Row = {
  neighbours: number;
  throttled: number;
  backfilling: number;
  orders: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
  /** Orders never seen on the receiving store, plus SKUs a throttled store never converged on. */
  lost: number;
  /** Orders/s of the neighbours' backfills while the quiet store's stream ran (null: none ran). */
  backfillOrdersPerSecond: number | null;
  convergedAfterThrottleSeconds: number | null;
};

/**
 * One slow store must not stall the others (issue 16): a quiet store Q takes orders at a steady
 * rate and each must reach store R through the hub (webhooks, queue, pump, drain) while 0, 1 or 5
 * neighbours misbehave beside them — throttled stores (0.5 points/s, starting empty) listing the
 * same SKUs in Q's account, and stores in another account running a 3,000-order backfill. The
 * backfill's orders/s alone and beside the others is measured too. With --json the last stdout
 * line carries `rows[].p95` (seconds) and `rows[].lost`.
 */
export const noisyNeighbours: Benchmark = {
  name: "noisy-neighbours",
  description:
    "Quiet store's order → other store propagation p50/p95/max with 0, 1 and 5 noisy neighbours (throttled stores, 3,000-order backfills), and backfill orders/s with and without them",
  engines: ["embedded", "postgres"],
  async run({ database, smoke, log, engine }) {
    const orders = smoke ? 4 : 120;
    const perSecond = smoke ? 2 : 1;
    // The sandbox serves five orders a page (issue 19), so 3,000 take minutes: full size on request.
    const backfillOrders = smoke ? 60 : issueSize ? BACKFILL_ORDERS : 1_000;
    const hub = await startBenchHub(database, { http: true, work: true });
    try {
      const url = await hub.app!.listen({ port: 0, host: "127.0.0.1" });
      hub.ctx.config.publicUrl = url;
      const alone = await backfillAlone(hub.ctx, backfillOrders, log);
      const rows: Row[] = [];
      for (const neighbours of ROWS) {
        rows.push(await measureRow(hub.ctx, { neighbours, orders, perSecond, backfillOrders, smoke, log }));
      }
      const goal = engine === "postgres" ? 1 : 2;
      const worst = Math.max(...rows.map((r) => r.p95 ?? Number.POSITIVE_INFINITY));
      const lost = rows.reduce((n, r) => n + r.lost, 0);
      const beside = rows.map((r) => r.backfillOrdersPerSecond).filter((v): v is number => v !== null);
      return {
        parameters: {
          rows: ROWS,
          quietOrders: orders,
          ordersPerSecond: perSecond,
          backfillOrders,
          issueBackfillOrders: BACKFILL_ORDERS,
          throttle: THROTTLE,
          neighbourKinds:
            "even: throttled store in the quiet account; odd: backfilling store in another account",
          sandboxesInProcess: true,
        },
        figures: {
          rows,
          goalP95Seconds: goal,
          worstP95Seconds: Number.isFinite(worst) ? worst : null,
          p95WithinGoal: worst <= goal ? "yes" : "no",
          lost,
          backfillAloneOrdersPerSecond: alone,
          backfillBesideNeighboursOrdersPerSecond: beside.length ? Math.min(...beside) : null,
        },
        headline: `quiet p95 ${rows.map((r) => `${r.neighbours} noisy: ${r.p95} s`).join(", ")} (goal ≤ ${goal}); lost ${lost}; backfill ${alone} orders/s alone, ${beside.length ? Math.min(...beside) : "—"} beside neighbours`,
      };
    } finally {
      await hub.stop();
    }
  },
};

/** The backfill's own rate with nothing beside it: the baseline for the rows' backfill figures. */
async function backfillAlone(ctx: AppContext, backfillOrders: number, log: (m: string) => void) {
  const accountId = await createBenchAccount(ctx.db, "Backfill alone");
  const store = await startShopifySandbox({ seed: 23, products: 40, orders: backfillOrders, locations: 1 });
  try {
    const connection = await pairShopify(ctx, accountId, store, "Backfill alone", { onboarding: false });
    await runFeed(ctx, connection, "new-products");
    const started = performance.now();
    const runId = await startBackfill(ctx, connection);
    await waitFor(async () => (await runState(ctx, connection, runId)).finished, 600_000, 200);
    const { done } = await runState(ctx, connection, runId);
    const rate = round(done / ((performance.now() - started) / 1000), 1);
    log(`backfill alone: ${done} orders at ${rate} orders/s`);
    await switchConnectionMode(ctx.db, accountId, connection.id, "test", "bench");
    return rate;
  } finally {
    await store.close();
  }
}

async function measureRow(
  ctx: AppContext,
  o: {
    neighbours: number;
    orders: number;
    perSecond: number;
    backfillOrders: number;
    smoke: boolean;
    log: (m: string) => void;
  },
): Promise<Row> {
  const shape = { seed: 11, products: o.orders + 10, orders: 0, locations: 1 } as const;
  const quiet = await startShopifySandbox({ ...shape, shopName: `quiet-q-${o.neighbours}` });
  const receiver = await startShopifySandbox({ ...shape, shopName: `quiet-r-${o.neighbours}` });
  const accountId = await createBenchAccount(ctx.db, `Quiet ${o.neighbours}`);
  const otherAccount = await createBenchAccount(ctx.db, `Neighbours ${o.neighbours}`);
  const neighbours: Neighbour[] = [];
  try {
    const q = await pairShopify(ctx, accountId, quiet, "Q", { onboarding: false });
    const r = await pairShopify(ctx, accountId, receiver, "R", { onboarding: false });
    for (let i = 0; i < o.neighbours; i++) {
      const kind = i % 2 === 0 ? "throttled" : "backfill";
      const store =
        kind === "throttled"
          ? await startShopifySandbox({ ...shape, shopName: `noisy-t-${o.neighbours}-${i}` })
          : await startShopifySandbox({ seed: 31 + i, products: 40, orders: o.backfillOrders, locations: 1 });
      const owner = kind === "throttled" ? accountId : otherAccount;
      neighbours.push({
        kind,
        store,
        connection: await pairShopify(ctx, owner, store, `N${i + 1}`, { onboarding: false }),
      });
    }
    const sameSkus = [q, r, ...neighbours.filter((n) => n.kind === "throttled").map((n) => n.connection)];
    for (const c of [...sameSkus, ...neighbours.map((n) => n.connection)])
      await runFeed(ctx, c, "new-products");
    const skus = (
      await queryRows<{ sku: string }>(
        ctx.db,
        sql`select p.sku from products p
            join listings lq on lq.product_id = p.id and lq.connection_id = ${q.id} and lq.inventory_item_id is not null
            join listings lr on lr.product_id = p.id and lr.connection_id = ${r.id} and lr.inventory_item_id is not null
            order by p.sku limit ${o.orders}`,
      )
    ).map((row) => row.sku);
    if (skus.length < o.orders) throw new Error(`only ${skus.length} SKUs listed on both quiet stores`);
    for (const c of sameSkus) await switchConnectionMode(ctx.db, accountId, c.id, "live", "bench");
    await importProducts(
      ctx.db,
      accountId,
      skus.map((sku) => ({ sku, name: sku, quantity: START })),
      { recordQuantities: recordImportedQuantities },
    );
    const sameStores = [
      quiet,
      receiver,
      ...neighbours.filter((n) => n.kind === "throttled").map((n) => n.store),
    ];
    const primed = await waitFor(
      () => skus.every((s) => sameStores.every((st) => st.control.getInventory(s)?.available === START)),
      180_000,
      200,
    );
    if (!primed) throw new Error("the stores did not reach the starting quantity");
    for (const c of [q, r]) {
      const registered = await registerWebhooksFor(ctx, c);
      if (!registered.registered) throw new Error(`webhook registration failed: ${registered.error}`);
    }
    const normal = quiet.control.getThrottle();
    for (const n of neighbours) if (n.kind === "throttled") n.store.control.setThrottle(THROTTLE);
    const backfillStart = performance.now();
    const backfills = await Promise.all(
      neighbours
        .filter((n) => n.kind === "backfill")
        .map(async (n) => ({ n, runId: await startBackfill(ctx, n.connection) })),
    );

    const placedAt = new Map<string, number>();
    const seenAt = new Map<string, number>();
    const stopObserving = observeAvailable(receiver, (sku, available, at) => {
      if (available === START - 1 && placedAt.has(sku) && !seenAt.has(sku)) seenAt.set(sku, at);
    });
    try {
      const t0 = performance.now();
      for (const [i, sku] of skus.entries()) {
        const wait = t0 + (i * 1000) / o.perSecond - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        placedAt.set(sku, performance.now());
        quiet.control.createOrder({ lines: [{ sku, quantity: 1 }] });
      }
      await waitFor(() => skus.every((s) => seenAt.has(s)), 120_000, 50);
    } finally {
      stopObserving();
    }
    const streamSeconds = (performance.now() - backfillStart) / 1000;
    let backfilled = 0;
    for (const b of backfills) backfilled += (await runState(ctx, b.n.connection, b.runId)).done;
    const backfillRate = backfills.length ? round(backfilled / backfills.length / streamSeconds, 1) : null;

    // The throttle lifts: every store must converge on the hub's quantities with nothing lost.
    for (const n of neighbours)
      if (n.kind === "throttled") n.store.control.setThrottle({ restoreRate: normal.restoreRate });
    const lifted = performance.now();
    const expected = (sku: string) => (placedAt.has(sku) ? START - 1 : START);
    const throttledStores = neighbours.filter((n) => n.kind === "throttled").map((n) => n.store);
    const converged = await waitFor(
      () =>
        skus.every((s) =>
          throttledStores.every((st) => st.control.getInventory(s)?.available === expected(s)),
        ),
      300_000,
      250,
    );
    const unconverged = converged
      ? 0
      : skus.filter((s) =>
          throttledStores.some((st) => st.control.getInventory(s)?.available !== expected(s)),
        ).length;
    const latencies = skus
      .filter((s) => seenAt.has(s))
      .map((s) => seenAt.get(s)! - placedAt.get(s)!)
      .sort((a, b) => a - b);
    const seconds = (ms: number | null) => (ms === null ? null : round(ms / 1000, 3));
    const row: Row = {
      neighbours: o.neighbours,
      throttled: throttledStores.length,
      backfilling: backfills.length,
      orders: skus.length,
      p50: seconds(percentile(latencies, 50)),
      p95: seconds(percentile(latencies, 95)),
      max: seconds(latencies.at(-1) ?? null),
      lost: skus.length - latencies.length + unconverged,
      backfillOrdersPerSecond: backfillRate,
      convergedAfterThrottleSeconds:
        throttledStores.length && converged ? round((performance.now() - lifted) / 1000, 1) : null,
    };
    o.log(
      `${o.neighbours} noisy: p50 ${row.p50} s, p95 ${row.p95} s, max ${row.max} s, lost ${row.lost}; backfill ${backfillRate ?? "—"} orders/s; throttled stores converged ${row.convergedAfterThrottleSeconds ?? "—"} s after the lift`,
    );
    for (const c of [q, r, ...neighbours.filter((n) => n.kind === "throttled").map((n) => n.connection)]) {
      await switchConnectionMode(ctx.db, accountId, c.id, "test", "bench");
    }
    return row;
  } finally {
    await quiet.close();
    await receiver.close();
    for (const n of neighbours) await n.store.close();
  }
}

/** Queues the 90-day backfill as "Run now" would, so it competes for the hub's workers. */
async function startBackfill(ctx: AppContext, connection: Connection): Promise<string> {
  const { run } = await queueFeedRun(ctx, {
    accountId: connection.accountId,
    connectionId: connection.id,
    kind: "new-orders",
    trigger: "manual",
    full: true,
  });
  return run.id;
}

async function runState(ctx: AppContext, connection: Connection, runId: string) {
  const { run } = await getRun(ctx.db, connection.accountId, runId);
  return {
    done: run.progress?.done ?? 0,
    finished: !["queued", "running"].includes(run.status),
  };
}
