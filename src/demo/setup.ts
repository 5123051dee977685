import type { AppContext } from "../context.ts";
import type { HubClient } from "./hub-client.ts";
import type { DemoSandboxes } from "./sandboxes.ts";
import { type Deadline, type RunView, waitForIdleRuns, waitForQuiet, waitForRun } from "./wait.ts";

export type DemoConnection = { id: string; name: string };
export type DemoConnections = {
  storeA: DemoConnection;
  storeB: DemoConnection;
  woo: DemoConnection;
  books: DemoConnection;
};

/** Days of sales the initial books sync posts (ending yesterday, the last finished day). */
const BOOKS_SYNC_DAYS = 14;
const DAY_MS = 86_400_000;

async function pair(client: HubClient, platform: string, name: string, credentials: Record<string, unknown>) {
  const created = await client.post<{ id: string }>("/api/v1/connections", { platform, name, credentials });
  return { id: created.id, name };
}

/** Pairs both stores and the books company with the credentials a merchant would paste in. */
export async function pairConnections(client: HubClient, sandboxes: DemoSandboxes): Promise<DemoConnections> {
  const store = (s: DemoSandboxes["storeA"]) => ({
    shopDomain: s.url,
    accessToken: s.accessToken,
    apiSecret: s.apiSecret,
  });
  const { books } = sandboxes;
  return {
    storeA: await pair(client, "shopify", "Outdoor Store A", store(sandboxes.storeA)),
    storeB: await pair(client, "shopify", "Outdoor Store B", store(sandboxes.storeB)),
    // What `stockwire sandbox woocommerce` prints as `credentials`, as a merchant pastes it.
    woo: await pair(client, "woocommerce", "Outdoor WooCommerce", { ...sandboxes.woo.credentials }),
    books: await pair(client, "quickbooks-online", "QuickBooks", {
      realmId: books.realmId,
      clientId: books.clientId,
      clientSecret: books.clientSecret,
      accessToken: books.initialTokens.accessToken,
      refreshToken: books.initialTokens.refreshToken,
      accessTokenExpiresAt: new Date(Date.now() + books.initialTokens.expiresIn * 1000).toISOString(),
      verifierToken: books.verifierToken,
      baseUrl: books.url,
      tokenUrl: `${books.url}/oauth2/v1/tokens/bearer`,
    }),
  };
}

const DONE = new Set(["succeeded", "partial"]);
const UNFINISHED = new Set(["queued", "running"]);

/**
 * Makes sure a feed has run on a connection and waits for it, by run id. The hub may have queued
 * the same work by itself (an onboarding chain at pairing): a run of it that is waiting or going
 * is waited for, one that already did the work is taken as done, and only when neither brought
 * the data in (none, failed, skipped) does the demo press "Run now" itself.
 */
async function ensureFeed(
  client: HubClient,
  connection: DemoConnection,
  kind: string,
  deadline: Deadline,
  full = false,
): Promise<RunView> {
  const { items } = await client.get<{ items: (RunView & { full: boolean })[] }>(
    `/api/v1/feed-runs?connectionId=${connection.id}&feed=${kind}&limit=20`,
  );
  // A full run (the 90-day backfill) covers an incremental one; not the other way round.
  const fitting = items.filter((r) => r.full || !full);
  const pending = fitting.filter((r) => UNFINISHED.has(r.status));
  for (const run of pending) {
    const finished = await waitForRun(client, run.id, deadline);
    if (DONE.has(finished.status)) return finished;
  }
  const done = fitting.find((r) => DONE.has(r.status));
  return done ?? runFeed(client, connection, kind, deadline, full);
}

/** "Run now", and wait for that run (or for the one already queued, which the hub hands back instead). */
async function runFeed(
  client: HubClient,
  connection: DemoConnection,
  kind: string,
  deadline: Deadline,
  full = false,
): Promise<RunView> {
  const queued = await client.post<{ id: string }>(`/api/v1/connections/${connection.id}/feeds/${kind}/run`, {
    full,
  });
  return waitForRun(client, queued.id, deadline);
}

export type SetupContext = {
  ctx: AppContext;
  client: HubClient;
  accountId: string;
  connections: DemoConnections;
  log: (line: string) => void;
  deadline: Deadline;
};

function describe(run: RunView, connection: DemoConnection): string {
  const counts = Object.entries(run.counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
  const outcome = run.status === "succeeded" ? "" : ` [${run.status}${run.error ? `: ${run.error}` : ""}]`;
  return `${run.feedKind} on ${connection.name}: ${counts || "nothing to do"}${outcome}`;
}

/**
 * The merchant's first hour, in seconds: import both catalogues and store A's 90 days of orders
 * and stock in test mode; point both stores' sales at QuickBooks; go live, so the stock check
 * brings store B in line with the hub; post the last weeks' sales; wait until all of it is done.
 */
export async function runInitialSync(s: SetupContext): Promise<void> {
  const { client, connections, deadline, log } = s;
  const { storeA, storeB, woo, books } = connections;
  const step = async (connection: DemoConnection, kind: string, how: "ensure" | "now", full = false) => {
    const run = await (how === "ensure" ? ensureFeed : runFeed)(client, connection, kind, deadline, full);
    log(describe(run, connection));
    return run;
  };

  await Promise.all([
    step(storeA, "new-products", "ensure"),
    step(storeB, "new-products", "ensure"),
    step(woo, "new-products", "ensure"),
  ]);
  // Orders before stock: on-hand = what the store can sell + what the hub holds for open orders.
  await step(storeA, "new-orders", "ensure", true);
  await step(storeA, "initial-stock", "ensure");
  await waitForIdleRuns(s.ctx, s.accountId, deadline);

  await client.post(`/api/v1/connections/${books.id}/mode`, { mode: "live" });
  for (const channel of [storeA, storeB]) {
    await client.put(`/api/v1/connections/${channel.id}/order-settings`, {
      booksConnectionId: books.id,
      postingMode: "summary",
    });
  }
  log(`${storeA.name} and ${storeB.name} post daily summary sales to ${books.name}`);

  // WooCommerce sells its own catalogue: its stock is the hub's starting stock for those SKUs.
  await step(woo, "initial-stock", "ensure");
  const channels = [storeA, storeB, woo];
  for (const channel of channels) {
    await client.patch(`/api/v1/connections/${channel.id}`, { settings: { correctDrift: true } });
    await client.post(`/api/v1/connections/${channel.id}/mode`, { mode: "live" });
  }
  log(`${storeA.name}, ${storeB.name} and ${woo.name} are live: stock changes now reach every store`);
  await Promise.all(channels.map((channel) => step(channel, "stock-check", "now")));
  // The corrections wait in the pending queue; "Run now" on stock export sends them at once.
  await Promise.all(channels.map((channel) => step(channel, "stock-export", "now")));

  const to = new Date(Date.now() - DAY_MS);
  const from = new Date(to.getTime() - (BOOKS_SYNC_DAYS - 1) * DAY_MS);
  const range = { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
  for (const channel of [storeA, storeB]) {
    const result = await client.post<{ periods: string[]; outcomes: Record<string, number> }>(
      "/api/v1/books/sync",
      { connectionId: channel.id, ...range },
    );
    log(
      `books sync ${range.from}..${range.to} for ${channel.name}: ${result.outcomes.posted ?? 0} posted, ${result.outcomes.failed ?? 0} failed`,
    );
  }

  await waitForQuiet(s.ctx, s.accountId, Object.values(connections), deadline);
}
