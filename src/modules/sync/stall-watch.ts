import { sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";
import { pgArray } from "../../db/sql.ts";
import { webConnectorSilences } from "../books/index.ts";
import { listConnectionsAcrossAccounts } from "../connections/index.ts";
import { RUN_LEASE_MS } from "./run-lease.ts";
import { DEFAULT_STALL_THRESHOLDS, type StallThresholds, thresholdsByAccount } from "./stall-thresholds.ts";

/** Work of one kind that is waiting: how many, and how long the oldest has waited (0 when none). */
export type Backlog = { count: number; oldestSeconds: number };

/** Why a connection counts as stalled, most costly to the merchant first (overselling, then lost orders). */
export const stallReasons = [
  "push_delayed",
  "webhooks_waiting",
  "jobs_waiting",
  "run_silent",
  "web_connector_silent",
] as const;
export type StallReason = (typeof stallReasons)[number];

export const stallDetail: Record<StallReason, string> = {
  push_delayed: "stock pushes are not reaching the platform",
  webhooks_waiting: "webhooks from the platform are received but not processed",
  jobs_waiting: "sync jobs are due but no worker takes them",
  run_silent: "a feed run stopped reporting; its worker may have died",
  web_connector_silent: "the QuickBooks Web Connector has stopped calling in; nothing reaches the books",
};

export type Stall = { reason: StallReason; detail: string; waiting: number; oldestSeconds: number };

export type ConnectionHealth = {
  connectionId: string;
  accountId: string;
  name: string;
  mode: string;
  /** Stock pushes and shipping confirmations the platform has not accepted yet, retries included. */
  pushes: Backlog;
  /** The connection's sync jobs that are due to start and that no worker has taken. */
  jobs: Backlog;
  /** Running feed runs whose heartbeat is older than the run lease; oldest = longest silence. */
  silentRuns: Backlog;
  /** Platform webhooks received and not yet processed. */
  webhooks: Backlog;
  /**
   * QuickBooks Desktop only: 1 with the seconds since the Web Connector last called (or since the
   * .qwc was downloaded), for a live or shadow connection; it stalls past 3 × its schedule.
   */
  webConnector: Backlog;
  /** The first threshold crossed, in `stallReasons` order; null while the connection keeps up. */
  stall: Stall | null;
};

type Row = {
  id: string;
  account_id: string;
  name: string;
  mode: string;
  push_n: number;
  push_age: number;
  job_n: number;
  job_age: number;
  run_n: number;
  run_age: number;
  hook_n: number;
  hook_age: number;
};

/**
 * Measures every connection (or one account's) at `now`. Pushes count only where the drain would
 * send them (live or shadow mode, feed enabled): a test-mode connection holds its rows for go-live
 * on purpose. A push in back-off counts from when it was first queued, since a platform answering
 * errors is as much a stall as no worker at all. A queued job counts from when it became due, and
 * not while another job with its singleton key runs (a feed run waiting for the same feed's run).
 * Any sync job whose data names a connection counts, so new job kinds are watched without a list.
 */
export async function connectionHealth(
  db: Db,
  options: { now?: Date; accountId?: string } = {},
): Promise<ConnectionHealth[]> {
  const at = (options.now ?? new Date()).toISOString();
  const silentSince = new Date(Date.parse(at) - RUN_LEASE_MS).toISOString();
  // The connections come from their module; everything measured beside them is sync's own.
  const list = await listConnectionsAcrossAccounts(db, options.accountId);
  if (list.length === 0) return [];
  const column = (f: (c: (typeof list)[number]) => string) => pgArray(list.map(f));
  const rows = await queryRows<Row>(
    db,
    sql`with at as (select ${at}::timestamptz as now),
      conns as (
        select * from unnest(${column((c) => c.id)}::uuid[], ${column((c) => c.accountId)}::uuid[],
          ${column((c) => c.name)}::text[], ${column((c) => c.mode)}::text[]) as c(id, account_id, name, mode)
      ),
      pushes as (
        select o.connection_id, count(*)::int as n, min(o.enqueued_at) as oldest
        from outbox o
        join conns c on c.id = o.connection_id and c.mode in ('live', 'shadow')
        join feeds f on f.connection_id = o.connection_id and f.enabled
          and f.kind = case o.kind when 'stock' then 'stock-export' else 'shipping-confirmation' end
        group by o.connection_id
      ),
      jobs as (
        select j.data->>'connectionId' as connection_id, count(*)::int as n, min(j.start_after) as oldest
        from pgboss.job j
        where j.name like 'sync.%' and j.state < 'active' and j.start_after <= ${at}::timestamptz
          and j.data->>'connectionId' is not null
          and not exists (
            select 1 from pgboss.job a
            where a.name = j.name and a.state = 'active' and a.singleton_key = j.singleton_key
          )
        group by 1
      ),
      runs as (
        select connection_id, count(*)::int as n, min(coalesce(heartbeat_at, started_at, queued_at)) as oldest
        from feed_runs
        where status = 'running' and coalesce(heartbeat_at, started_at, queued_at) < ${silentSince}::timestamptz
        group by connection_id
      ),
      hooks as (
        select connection_id, count(*)::int as n, min(received_at) as oldest
        from webhook_inbox where status = 'received'
        group by connection_id
      )
      select c.id, c.account_id, c.name, c.mode,
        coalesce(p.n, 0) as push_n, ${ageOf("p")} as push_age,
        coalesce(j.n, 0) as job_n, ${ageOf("j")} as job_age,
        coalesce(r.n, 0) as run_n, ${ageOf("r")} as run_age,
        coalesce(h.n, 0) as hook_n, ${ageOf("h")} as hook_age
      from conns c
      cross join at
      left join pushes p on p.connection_id = c.id
      left join jobs j on j.connection_id = c.id::text
      left join runs r on r.connection_id = c.id
      left join hooks h on h.connection_id = c.id
      order by c.account_id, c.name`,
  );
  const thresholds = await thresholdsByAccount(db, options.accountId);
  const silences = await webConnectorSilences(db, options.accountId);
  return rows.map((r) => {
    const silence = r.mode === "test" ? undefined : silences.get(r.id);
    const webConnector = silence
      ? {
          count: 1,
          oldestSeconds: Math.max(0, Math.floor((Date.parse(at) - silence.since.getTime()) / 1000)),
        }
      : { count: 0, oldestSeconds: 0 };
    const measured = {
      connectionId: r.id,
      accountId: r.account_id,
      name: r.name,
      mode: r.mode,
      pushes: { count: Number(r.push_n), oldestSeconds: Number(r.push_age) },
      jobs: { count: Number(r.job_n), oldestSeconds: Number(r.job_age) },
      silentRuns: { count: Number(r.run_n), oldestSeconds: Number(r.run_age) },
      webhooks: { count: Number(r.hook_n), oldestSeconds: Number(r.hook_age) },
      webConnector,
    };
    return {
      ...measured,
      stall: stallOf(
        measured,
        thresholds.get(r.account_id) ?? DEFAULT_STALL_THRESHOLDS,
        silence?.allowedSeconds ?? 0,
      ),
    };
  });
}

/** Seconds from the query's `at.now` to the CTE's oldest row, 0 when it has none. */
function ageOf(cte: string) {
  return sql.raw(`coalesce(greatest(0, floor(extract(epoch from (at.now - ${cte}.oldest)))), 0)::int`);
}

/** `webConnectorSeconds`: the silence a Desktop connection's own schedule allows. */
function stallOf(
  h: Omit<ConnectionHealth, "stall">,
  t: StallThresholds,
  webConnectorSeconds: number,
): Stall | null {
  const checks: [StallReason, Backlog, number][] = [
    ["push_delayed", h.pushes, t.pushSeconds],
    ["webhooks_waiting", h.webhooks, t.webhookSeconds],
    ["jobs_waiting", h.jobs, t.jobSeconds],
    ["run_silent", h.silentRuns, t.heartbeatSeconds],
    ["web_connector_silent", h.webConnector, webConnectorSeconds],
  ];
  for (const [reason, backlog, limit] of checks) {
    if (backlog.count > 0 && backlog.oldestSeconds > limit)
      return {
        reason,
        detail: stallDetail[reason],
        waiting: backlog.count,
        oldestSeconds: backlog.oldestSeconds,
      };
  }
  return null;
}

/** The connections stalled at `now`, across accounts (health checks and metrics). */
export async function stalledConnections(db: Db, now?: Date): Promise<ConnectionHealth[]> {
  return (await connectionHealth(db, now ? { now } : {})).filter((h) => h.stall !== null);
}
