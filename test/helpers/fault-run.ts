import { sql } from "drizzle-orm";
import type { Db } from "../../src/db/engine.ts";
import { queryRows } from "../../src/db/rows.ts";
import { until } from "./until.ts";

export { until };

export type Change = { key: string; sku: string; delta: number };

export type StockWriter = {
  /** Changes the hub acknowledged (2xx), in order. */
  readonly acknowledged: Change[];
  /** Resolves once `count` more changes than now are acknowledged; rejects after a minute. */
  more(count: number): Promise<void>;
  /** Lets the change in flight finish (retried until acknowledged, for up to a minute), then stops. */
  stop(): Promise<void>;
  /** Stops at once, leaving the change in flight unacknowledged (after a failed test). */
  abandon(): void;
};

/**
 * Sends stock adjustments one after another, as a script with idempotency keys would: each change
 * is sent again under the same key until the hub acknowledges it, whatever went wrong (refused
 * connection, timeout, 5xx). `hubUrl` is read for every attempt, so the writer follows a restart.
 */
export function startStockWriter(options: {
  hubUrl: () => string;
  token: string;
  skus: string[];
  keyPrefix: string;
  /** An answer that is neither 2xx nor 5xx is a bug in the hub; it stops the writer. */
  onFatal: (error: Error) => void;
}): StockWriter {
  const acknowledged: Change[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  let stopping = false;
  let giveUpAt = Number.POSITIVE_INFINITY;
  const send = async (change: Change): Promise<void> => {
    while (Date.now() < giveUpAt) {
      const res = await fetch(`${options.hubUrl()}/api/v1/stock/adjustments`, {
        method: "POST",
        headers: { authorization: `Bearer ${options.token}`, "content-type": "application/json" },
        body: JSON.stringify({ sku: change.sku, delta: change.delta, idempotencyKey: change.key }),
        signal: AbortSignal.timeout(10_000),
      }).catch(() => undefined);
      if (res?.ok) return;
      if (res && res.status < 500) throw new Error(`${change.key}: ${res.status} ${await res.text()}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`${change.key} was never acknowledged`);
  };
  const running = (async () => {
    for (let n = 0; !stopping; n++) {
      const change = {
        key: `${options.keyPrefix}-${n}`,
        sku: options.skus[n % options.skus.length]!,
        delta: 1 + (n % 3),
      };
      await send(change);
      acknowledged.push(change);
      for (const w of waiters.splice(0)) {
        if (acknowledged.length >= w.count) w.resolve();
        else waiters.push(w);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })().catch((error: Error) => options.onFatal(error));
  return {
    acknowledged,
    more: (count) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${count} more changes not acknowledged`)), 60_000);
        waiters.push({
          count: acknowledged.length + count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
    stop: async () => {
      stopping = true;
      giveUpAt = Date.now() + 60_000;
      await running;
    },
    abandon: () => {
      stopping = true;
      giveUpAt = 0;
    },
  };
}

/** One `/healthz` answer: `code` is the HTTP status, 0 when none came within 2 s. */
export type HealthAnswer = { code: number; database?: string; queue?: string; error?: string };

/** Asks `/healthz`, allowing the 2 s a load balancer would. */
export function askHealth(hubUrl: string): Promise<HealthAnswer> {
  return fetch(`${hubUrl}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
    async (res) => {
      const body = (await res.json()) as { database: string; queue: string };
      return { code: res.status, database: body.database, queue: body.queue };
    },
    (error: Error) => ({ code: 0, error: error.message }),
  );
}

/** Asks `/healthz` every 250 ms while `during` runs. */
export async function healthDuring(hubUrl: string, during: Promise<unknown>): Promise<HealthAnswer[]> {
  const answers: HealthAnswer[] = [];
  let done = false;
  const finished = during.finally(() => {
    done = true;
  });
  while (!done) {
    answers.push(await askHealth(hubUrl));
    await Promise.race([finished, new Promise((r) => setTimeout(r, 250))]);
  }
  await finished;
  return answers;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Each acknowledged change as ledger rows (a change the hub lost has none, a doubled one two). */
export async function movementsOf(
  db: Db,
  accountId: string,
  keyPrefix: string,
): Promise<Map<string, number>> {
  const rows = await queryRows<{ key: string; n: number }>(
    db,
    sql`select idempotency_key as key, count(*)::int as n from stock_movements
        where account_id = ${accountId} and idempotency_key like ${`api:${keyPrefix}-%`}
        group by idempotency_key`,
  );
  return new Map(rows.map((r) => [r.key.slice("api:".length), r.n]));
}

/** On-hand per SKU over the whole account. */
export async function onHandBySku(db: Db, accountId: string): Promise<Map<string, number>> {
  const rows = await queryRows<{ sku: string; on_hand: number }>(
    db,
    sql`select p.sku, coalesce(sum(s.on_hand), 0)::int as on_hand from products p
        left join stock_levels s on s.product_id = p.id
        where p.account_id = ${accountId} group by p.sku`,
  );
  return new Map(rows.map((r) => [r.sku, r.on_hand]));
}
