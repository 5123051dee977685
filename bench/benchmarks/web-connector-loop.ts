import { createHubAccountHooks } from "../../src/jobs.ts";
import { createAccountWithOwner, createApiToken, getUser } from "../../src/modules/accounts/index.ts";
import { stockPagesWaiting } from "../../src/modules/books/web-connector/stock-pages.ts";
import { createConnection, switchConnectionMode } from "../../src/modules/sync/index.ts";
import {
  type SessionRecord,
  startQuickBooksDesktopSandbox,
} from "../../src/sandboxes/quickbooks-desktop/index.ts";
import type { Benchmark } from "../harness.ts";
import { seedProducts } from "../seed.ts";
import { percentile, round, startBenchHub } from "../support.ts";

const USER = "stockwire-bench";
const PASSWORD = "bench-web-connector";

/** Figures of one Web Connector session: SOAP calls and qbXML requests per second, call latency. */
function sessionFigures(record: SessionRecord, seconds: number) {
  const ms = record.calls.map((c) => c.ms).sort((a, b) => a - b);
  const requests = record.rounds.reduce((n, r) => n + (r.answered?.length ?? 0), 0);
  return {
    seconds: round(seconds),
    soapCalls: record.calls.length,
    soapCallsPerSecond: Math.round(record.calls.length / seconds),
    qbxmlRequests: requests,
    callP50Ms: percentile(ms, 50),
    callP95Ms: percentile(ms, 95),
    callMaxMs: ms.at(-1) ?? null,
  };
}

/**
 * The Web Connector's loop against the hub's SOAP service over real HTTP on 127.0.0.1, played by
 * the QuickBooks Desktop sandbox runner: one session reading every item's count back (the Desktop
 * inventory source, pages of 100 stored by receiveResponseXML and applied by the hub's worker job),
 * then a quiet session with nothing changed since (one page per item list, empty). Reports SOAP
 * calls/s, qbXML requests/s and per-call latency as the runner saw it, and when the worker had
 * applied every page.
 */
export const webConnectorLoop: Benchmark = {
  name: "web-connector-loop",
  description:
    "QuickBooks Desktop Web Connector sessions against the sandbox runner: SOAP calls/s, items/s, call latency",
  engines: ["embedded", "postgres"],
  async run({ database, smoke, log }) {
    const items = smoke ? 500 : 5_000;
    // Workers on: the stock pages are applied by a job, not inside the SOAP calls.
    const hub = await startBenchHub(database, { http: true, work: true });
    let sandbox: Awaited<ReturnType<typeof startQuickBooksDesktopSandbox>> | undefined;
    try {
      const ctx = hub.ctx;
      const app = hub.app!;
      const url = await app.listen({ port: 0, host: "127.0.0.1" });
      ctx.config.publicUrl = url;
      const { accountId, userId } = await createAccountWithOwner(
        { db: ctx.db, accountHooks: createHubAccountHooks() },
        {
          accountName: "Desktop bench",
          email: `desktop-${Date.now()}@example.com`,
          password: "bench password",
        },
      );
      const token = (await createApiToken(ctx.db, await getUser(ctx.db, accountId, userId), "bench")).token;
      const call = async (method: "GET" | "PUT", path: string, payload?: object) => {
        const res = await app.inject({
          method,
          url: path,
          headers: { authorization: `Bearer ${token}` },
          ...(payload ? { payload } : {}),
        });
        if (res.statusCode >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${res.body}`);
        return res.body;
      };
      const skus = await seedProducts(ctx.db, accountId, items, 50);
      const desktop = await createConnection(
        ctx,
        accountId,
        {
          platform: "quickbooks-desktop",
          name: "Desktop",
          credentials: { username: USER, password: PASSWORD },
        },
        "bench",
      );
      await switchConnectionMode(ctx.db, accountId, desktop.id, "live", "bench");
      await call("PUT", "/api/v1/inventory-source", { source: "books", connectionId: desktop.id });
      const qwc = await call("GET", `/api/v1/connections/${desktop.id}/qwc`);
      // The company file's clock runs two hours behind: its items were last modified before the
      // quiet session's FromModifiedDate (the first read's start less its 10-minute overlap).
      sandbox = await startQuickBooksDesktopSandbox({
        qwc,
        password: PASSWORD,
        products: 0,
        noOpPauseMs: 0,
        now: () => Date.now() - 2 * 3_600_000,
      });
      const seeded = await fetch(`${sandbox.url}/_sandbox/items`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(skus.map((name, i) => ({ name, quantityOnHand: i % 97 }))),
      });
      if (!seeded.ok) throw new Error(`seeding the company: ${seeded.status}`);
      log(`${items} items in the company and the hub`);

      let started = performance.now();
      const read = await sandbox.runSession();
      const readSeconds = (performance.now() - started) / 1000;
      if (read.outcome !== "done") throw new Error(`the read-back session ended ${read.outcome}`);
      while ((await stockPagesWaiting(ctx.db, desktop.id)) > 0) await new Promise((r) => setTimeout(r, 100));
      const appliedSeconds = (performance.now() - started) / 1000;
      started = performance.now();
      const quiet = await sandbox.runSession();
      const quietSeconds = (performance.now() - started) / 1000;
      const full = sessionFigures(read, readSeconds);
      const itemsPerSecond = Math.round(items / readSeconds);
      return {
        parameters: { items, pageSize: 100, transport: "HTTP on 127.0.0.1" },
        figures: {
          readBack: { ...full, itemsPerSecond, appliedSeconds: round(appliedSeconds) },
          quietSession: sessionFigures(quiet, quietSeconds),
        },
        headline: `${items} items read back in ${readSeconds.toFixed(1)} s (${itemsPerSecond} items/s, ${full.soapCallsPerSecond} SOAP calls/s, p95 call ${full.callP95Ms} ms), all applied ${appliedSeconds.toFixed(1)} s after the session began`,
      };
    } finally {
      await sandbox?.close();
      await hub.stop();
    }
  },
};
