import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type QuickBooksDesktopSandbox,
  startQuickBooksDesktopSandbox,
} from "../src/sandboxes/quickbooks-desktop/index.ts";
import { parseXml, type XmlNode } from "../src/sandboxes/quickbooks-desktop/xml.ts";
import type { Api } from "./helpers/api.ts";
import type { TestHub } from "./helpers/hub.ts";
import { startDesktopHub, stockPagesApplied } from "./helpers/quickbooks-desktop-session.ts";

/**
 * The stock read-back of a company with 2,500 inventory items, over one Web Connector session
 * against the sandbox: ItemInventoryQuery opens an iterator (Start, MaxReturned) and reads on with
 * Continue until iteratorRemainingCount is 0. What QuickBooks answered is recorded as it leaves the
 * company file, so the test sees every page the hub read.
 */
const ITEMS = 2_500;
const PASSWORD = "desktop-iterator-password";
const sku = (i: number) => `ITER-${String(i).padStart(4, "0")}`;
/** A count per item that differs from the hub's 50, so every item read moves the hub. */
const counted = (i: number) => (i * 7) % 41;

let hub: TestHub;
let api: Api;
let desktop: string;
let qbd: QuickBooksDesktopSandbox;
let companyNow = Date.now();
type Page = { requestId: string; iterator: string | null; remaining: number; listIds: string[] };
const pages: Page[] = [];

function recordPages(xml: string) {
  const msgs = parseXml(xml).root.children.find((c) => c.name === "QBXMLMsgsRs");
  for (const rs of msgs?.children ?? []) {
    if (rs.name !== "ItemInventoryQueryRs") continue;
    pages.push({
      requestId: rs.attrs.requestID ?? "",
      iterator: rs.attrs.iteratorID ?? null,
      remaining: Number(rs.attrs.iteratorRemainingCount ?? "0"),
      listIds: rs.children
        .filter((c: XmlNode) => c.name === "ItemInventoryRet")
        .map((ret) => ret.children.find((c) => c.name === "ListID")?.text ?? ""),
    });
  }
}

beforeAll(async () => {
  const skus = Array.from({ length: ITEMS }, (_, i) => sku(i + 1));
  let owner: Record<string, string>;
  ({ hub, api, owner, desktop } = await startDesktopHub({
    username: "stockwire-iterator",
    password: PASSWORD,
    skus,
    listen: true,
  }));
  const qwc = await (
    await fetch(`${hub.ctx.config.publicUrl}/api/v1/connections/${desktop}/qwc`, { headers: owner })
  ).text();
  // The company file's clock: items are seeded two hours ago, so the next session's FromModifiedDate
  // (the first read's start, less its overlap) leaves them out.
  companyNow = Date.now() - 2 * 3_600_000;
  qbd = await startQuickBooksDesktopSandbox({
    qwc,
    password: PASSWORD,
    products: 0,
    noOpPauseMs: 100,
    now: () => companyNow,
  });
  const seeded = await fetch(`${qbd.url}/_sandbox/items`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(skus.map((name, i) => ({ name, quantityOnHand: counted(i + 1) }))),
  });
  expect(seeded.status).toBe(200);
  const process = qbd.app.process.bind(qbd.app);
  qbd.app.process = async (xml) => {
    const outcome = await process(xml);
    if (outcome.kind === "response") recordPages(outcome.xml);
    return outcome;
  };
  const chosen = await api.put("/api/v1/inventory-source", { source: "books", connectionId: desktop });
  expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
}, 300_000);
afterAll(async () => {
  await qbd?.close();
  await hub?.close();
}, 120_000);

describe("QuickBooks Desktop stock read-back of 2,500 items", () => {
  it("reads every item once through one iterator in a single session and sets each count in the hub", async () => {
    const record = await qbd.runSession();
    expect(record.outcome, JSON.stringify(record.errors)).toBe("done");

    const [first, ...rest] = pages;
    expect(first?.listIds.length).toBe(100);
    expect(first?.remaining).toBe(ITEMS - 100);
    // One iterator, continued page by page, the remaining count falling by a page each time to 0.
    expect(new Set(pages.map((p) => p.iterator)).size).toBe(1);
    expect(rest.map((p) => p.remaining)).toEqual(
      Array.from({ length: rest.length }, (_, i) => Math.max(0, ITEMS - 100 * (i + 2))),
    );
    expect(pages.at(-1)?.remaining).toBe(0);
    const listIds = pages.flatMap((p) => p.listIds);
    expect(listIds).toHaveLength(ITEMS);
    expect(new Set(listIds).size).toBe(ITEMS);
    expect(new Set(pages.map((p) => p.requestId)).size).toBe(pages.length);

    // Every count reached the hub as on-hand, once the workers applied the stored pages.
    await stockPagesApplied(hub, desktop);
    const moved = [];
    let cursor: string | null = null;
    do {
      const res = await api.get(
        `/api/v1/stock/movements?reason=books&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
      );
      moved.push(...(res.body.items as { sku: string; onHandAfter: number }[]));
      cursor = res.body.nextCursor;
    } while (cursor);
    const expected = Array.from({ length: ITEMS }, (_, i) => i + 1).filter((i) => counted(i) !== 50);
    expect(moved).toHaveLength(expected.length);
    const after = new Map(moved.map((m) => [m.sku, m.onHandAfter]));
    for (const i of expected) expect(after.get(sku(i))).toBe(counted(i));
  });

  it("reads only what changed in the next session: the iterator is not carried over", async () => {
    pages.length = 0;
    companyNow = Date.now();
    const changed = await fetch(`${qbd.url}/_sandbox/items/${sku(1234)}/quantity`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ quantityOnHand: 3 }),
    });
    expect(changed.status).toBe(200);
    const record = await qbd.runSession();
    expect(record.outcome).toBe("done");
    const listIds = pages.flatMap((p) => p.listIds);
    const item = qbd.company.itemByName(sku(1234))!;
    expect(listIds).toContain(item.listId);
    expect(listIds.length).toBeLessThan(ITEMS);
    await stockPagesApplied(hub, desktop);
    expect((await api.get(`/api/v1/products/${sku(1234)}`)).body.onHand).toBe(3);
  });
});
