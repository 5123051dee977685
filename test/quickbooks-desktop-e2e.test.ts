import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type QuickBooksDesktopSandbox,
  type SessionRecord,
  startQuickBooksDesktopSandbox,
} from "../src/sandboxes/quickbooks-desktop/index.ts";
import type { Api } from "./helpers/api.ts";
import type { TestHub } from "./helpers/hub.ts";
import { startDesktopHub, stockPagesApplied } from "./helpers/quickbooks-desktop-session.ts";
import type { TestPlatform } from "./helpers/test-connector.ts";
import { until } from "./helpers/until.ts";

/**
 * QuickBooks Desktop end to end over real HTTP: the hub pairs a Desktop company and serves its
 * .qwc; the sandbox, playing the Web Connector with a company file behind it, polls POST /qbwc
 * and QuickBooks records what the hub posts.
 */
const PASSWORD = "desktop-e2e-password";
const USER = "stockwire-e2e";
const SKUS = ["QBD-TEE-1", "QBD-MUG-2"];
/** Sold nowhere: its count is QuickBooks' alone, and the channel lists it. */
const COUNTED = "QBD-CAP-3";
let hub: TestHub;
let platform: TestPlatform;
let api: Api;
let owner: Record<string, string>;
let desktop: string;
let qwc: string;
let shop: string;
let qbd: QuickBooksDesktopSandbox;
let orderSeq = 0;

type Posted = {
  type: string;
  refNumber: string;
  memo: string | null;
  lines: { item: string; quantity: number }[];
};
const posted = async (type: string) =>
  (await (await fetch(`${qbd.url}/_sandbox/transactions?type=${type}`)).json()) as Posted[];

async function order(placedAt: string, sku: string, quantity: number) {
  orderSeq += 1;
  const number = `#${3000 + orderSeq}`;
  const res = await api.post("/api/v1/orders", {
    connectionId: shop,
    platformOrderId: `e2e-${orderSeq}`,
    orderNumber: number,
    placedAt,
    currency: "USD",
    customer: { name: "Grace Hopper" },
    lines: [{ sku, quantity, unitPriceMinor: 1250 }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { number, id: res.body.orderId as string };
}

/** Sessions until QuickBooks holds what the test waits for (postings are prepared by workers). */
async function sessionsUntil<T>(
  what: string,
  probe: () => Promise<T | false | undefined>,
): Promise<SessionRecord[]> {
  const records: SessionRecord[] = [];
  await until(
    what,
    async () => {
      records.push(await qbd.runSession());
      return probe();
    },
    90_000,
    200,
  );
  return records;
}

beforeAll(async () => {
  ({ hub, api, owner, desktop, shop, platform } = await startDesktopHub({
    username: USER,
    password: PASSWORD,
    skus: [...SKUS, COUNTED],
    listedSkus: [COUNTED],
    listen: true,
  }));
  const url = hub.ctx.config.publicUrl;
  const download = await fetch(`${url}/api/v1/connections/${desktop}/qwc`, { headers: owner });
  expect(download.status).toBe(200);
  qwc = await download.text();
  qbd = await startQuickBooksDesktopSandbox({ qwc, password: PASSWORD, products: 0, noOpPauseMs: 100 });
  const seeded = await fetch(`${qbd.url}/_sandbox/items`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(
      [...SKUS, COUNTED].map((name) => ({ name, quantityOnHand: 50, salesPrice: "12.50" })),
    ),
  });
  expect(seeded.status).toBe(200);
}, 120_000);
afterAll(async () => {
  await qbd?.close();
  await hub?.close();
}, 120_000);

describe("QuickBooks Desktop through the Web Connector sandbox", () => {
  it("accepts the hub's .qwc and answers none when nothing is due", async () => {
    expect(qbd.qwc).toMatchObject({ userName: USER, qbType: "QBFS", everySeconds: 900 });
    expect(qbd.qwc.appUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/qbwc$/);
    const record = await qbd.runSession();
    expect(record.outcome).toBe("none");
    expect(record.calls.map((c) => c.method)).toEqual([
      "serverVersion",
      "clientVersion",
      "authenticate",
      "closeConnection",
    ]);
  });

  it("answers a bad password with nvu and nothing else", async () => {
    const intruder = await startQuickBooksDesktopSandbox({ qwc, password: "not-the-password", products: 0 });
    try {
      const record = await intruder.runSession();
      expect(record.outcome).toBe("nvu");
      expect(record.calls.map((c) => c.method)).toEqual(["serverVersion", "clientVersion", "authenticate"]);
      expect(intruder.company.liveTxns()).toHaveLength(0);
    } finally {
      await intruder.close();
    }
  });

  it("posts a day's summary: one sales receipt, lines by SKU, the order numbers in the memo, stock taken out", async () => {
    const first = await order("2024-06-03T10:00:00Z", SKUS[0]!, 2);
    const second = await order("2024-06-03T15:00:00Z", SKUS[1]!, 1);
    const synced = await api.post("/api/v1/books/sync", {
      connectionId: shop,
      from: "2024-06-03",
      to: "2024-06-03",
    });
    expect(synced.status, JSON.stringify(synced.body)).toBe(200);
    const records = await sessionsUntil(
      "the summary in QuickBooks",
      async () => (await posted("SalesReceipt")).length > 0,
    );
    expect(records.at(-1)?.outcome).toBe("done");
    const [receipt] = await posted("SalesReceipt");
    expect(receipt?.memo).toContain(first.number);
    expect(receipt?.memo).toContain(second.number);
    // Lines by SKU, in byte order as the summaries group them.
    expect(receipt?.lines.map((l) => [l.item, l.quantity])).toEqual([
      [SKUS[1], 1],
      [SKUS[0], 2],
    ]);
    expect(qbd.company.itemByName(SKUS[0]!)?.quantityOnHand).toBe(48);
    const statuses = records.flatMap((r) => r.rounds.flatMap((round) => round.answered ?? []));
    expect(statuses.filter((a) => a.type === "SalesReceiptAddRq").map((a) => a.statusCode)).toEqual([0]);
    const ledger = await api.get(`/api/v1/books/postings?booksConnectionId=${desktop}&subjectType=summary`);
    expect(ledger.body.items).toEqual([expect.objectContaining({ status: "posted" })]);
  });

  it("posts individual orders, and a session dropped after sendRequestXML posts nothing twice when resumed", async () => {
    const settings = await api.put(`/api/v1/connections/${shop}/order-settings`, {
      postingMode: "individual",
    });
    expect(settings.status, JSON.stringify(settings.body)).toBe(200);
    const placed = await order(new Date().toISOString(), SKUS[1]!, 3);
    qbd.switches.dropAfterSend = 1;
    const reference = placed.number.replace("#", "");
    const mine = async () =>
      (await posted("SalesReceipt")).filter((r) => (r.memo ?? r.refNumber).includes(reference));
    const records = await sessionsUntil(
      "the individual receipt in QuickBooks",
      async () => (await mine()).length > 0,
    );
    expect(records.some((r) => r.outcome === "dropped")).toBe(true);
    // The answer of the dropped session never reached the hub: the next sessions recover it.
    await sessionsUntil("the hub to have nothing left to send", async () => {
      const record = qbd.sessions.at(-1);
      return record?.outcome === "none";
    });
    expect(await mine()).toHaveLength(1);
    expect(qbd.sessions.some((s) => s.rounds.some((round) => round.replayedMessageSet !== null))).toBe(true);
    expect(qbd.company.itemByName(SKUS[1]!)?.quantityOnHand).toBe(46);
  });

  it("follows an accountant's QuantityOnHand change in QuickBooks: a books movement in the hub, and the channel gets the count", async () => {
    const chosen = await api.put("/api/v1/inventory-source", { source: "books", connectionId: desktop });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    // The first session reads every item (no watermark yet): the counts agree, nothing moves.
    const first = await qbd.runSession();
    expect(first.outcome).toBe("done");
    const queried = (record: SessionRecord) =>
      record.rounds.flatMap((r) => r.answered ?? []).filter((a) => a.type.endsWith("QueryRq"));
    expect(queried(first).map((a) => a.type)).toEqual([
      "ItemInventoryQueryRq",
      "ItemInventoryAssemblyQueryRq",
    ]);
    const stock = async (sku: string) => (await api.get(`/api/v1/products/${sku}`)).body;
    await stockPagesApplied(hub, desktop);
    expect((await stock(COUNTED)).onHand).toBe(50);

    const edited = await fetch(`${qbd.url}/_sandbox/items/${COUNTED}/quantity`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ quantityOnHand: 37 }),
    });
    expect(edited.status).toBe(200);
    const next = await qbd.runSession();
    expect(next.outcome).toBe("done");
    // Items modified since the last read (FromModifiedDate): QuickBooks answered both lists.
    expect(queried(next).map((a) => a.statusCode)).toEqual([0, 1]);
    await stockPagesApplied(hub, desktop);
    expect(await stock(COUNTED)).toMatchObject({ onHand: 37, available: 37 });
    const movements = await api.get(`/api/v1/stock/movements?sku=${COUNTED}&reason=books`);
    expect(movements.body.items).toEqual([
      expect.objectContaining({
        onHandDelta: -13,
        onHandAfter: 37,
        referenceType: "qbwc-session",
        note: "count from QuickBooks Desktop",
      }),
    ]);
    const listed = platform.products.find((p) => p.sku === COUNTED)!;
    await until("the channel to hold QuickBooks' count", async () => {
      return platform.stock.get(`${listed.inventoryItemId}@loc-1`) === 37;
    });
  });

  it("keeps a count below what was sold since below zero and says so in the sync log, as the Online source does", async () => {
    // Sold and shipped in the hub, not in QuickBooks' count when the accountant sets it: 5 counted,
    // 20 gone from the shelf.
    const sold = await order(new Date().toISOString(), COUNTED, 20);
    const shipped = await api.post(`/api/v1/orders/${sold.id}/shipments`, {});
    expect(shipped.status, JSON.stringify(shipped.body)).toBe(201);
    const edited = await fetch(`${qbd.url}/_sandbox/items/${COUNTED}/quantity`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ quantityOnHand: 5 }),
    });
    expect(edited.status).toBe(200);
    await sessionsUntil("the hub to hold the count less the sale", async () => {
      return (await api.get(`/api/v1/products/${COUNTED}`)).body.onHand === -15;
    });
    const log = await api.get(`/api/v1/sync-log?connectionId=${desktop}&sku=${COUNTED}`);
    // The pull line; the push line (the sale posted) may be there too.
    const pulled = (log.body.items as { direction: string }[]).filter((i) => i.direction === "pull");
    expect(pulled).toEqual([
      expect.objectContaining({
        result: "ok",
        severity: "error",
        reason: expect.stringMatching(
          /^QuickBooks Desktop counts fewer units of QBD-CAP-3 than the hub has sold since: on-hand is -15, kept below zero/,
        ),
      }),
    ]);
  });
});
