import { describe, expect, it } from "vitest";
import { qbxml, testCompany } from "../../sandboxes/quickbooks-desktop/test-helpers.ts";
import { qbxmlDateTime, readStockPages, stockQuery } from "./qbxml-stock.ts";

/** The read-back's qbXML against the sandbox's company file (a PC on US Eastern time, UTC−5). */
async function ask(app: ReturnType<typeof testCompany>["app"], requests: string) {
  const outcome = await app.process(qbxml(requests));
  if (outcome.kind !== "response") throw new Error(outcome.detail);
  return readStockPages(outcome.xml);
}

describe("QuickBooks Desktop stock read-back queries", () => {
  it("writes FromModifiedDate with an offset, so a change late in the PC's evening is found across the UTC day boundary", async () => {
    const { app, company, clock } = testCompany({ items: 3 });
    // 22:30 on 7 December in the PC's time is 03:30 on 8 December in UTC.
    clock.ms = Date.UTC(2026, 11, 8, 3, 30, 0);
    company.setQuantityOnHand(company.itemByName("SKU-0002")!, 4);
    const from = new Date(Date.UTC(2026, 11, 8, 3, 0, 0));
    expect(qbxmlDateTime(from)).toBe("2026-12-08T03:00:00+00:00");

    const [page] = await ask(app, stockQuery("ItemInventory", "r1", { from, maxReturned: 10 }));
    expect(page).toMatchObject({ requestId: "r1", kind: "ItemInventory", ok: true, iteratorId: null });
    expect(page?.items.map((i) => [i.name, i.quantity, i.active])).toEqual([["SKU-0002", 4, true]]);
    expect(page?.items[0]?.updatedAt.toISOString()).toBe("2026-12-08T03:30:00.000Z");

    // The same instant without an offset is read as the PC's local time, five hours later: nothing.
    const naive = stockQuery("ItemInventory", "r2", { from, maxReturned: 10 }).replace("+00:00", "");
    const [missed] = await ask(app, naive);
    expect(missed).toMatchObject({ ok: true, code: 1, items: [] });
  });

  it("reads every item without FromModifiedDate, a page at a time through the iterator, inactive ones included", async () => {
    const { app, company } = testCompany({ items: 5 });
    company.itemByName("SKU-0005")!.isActive = false;
    const [first] = await ask(app, stockQuery("ItemInventory", "a", { from: null, maxReturned: 2 }));
    expect(first?.items.map((i) => i.name)).toEqual(["SKU-0001", "SKU-0002"]);
    expect(first?.remaining).toBe(3);
    const names = [...first!.items.map((i) => i.name)];
    let iteratorId = first!.iteratorId;
    while (iteratorId) {
      const [page] = await ask(app, stockQuery("ItemInventory", "b", { iteratorId, maxReturned: 2 }));
      names.push(...page!.items.map((i) => i.name));
      iteratorId = page!.iteratorId;
    }
    expect(names).toEqual(["SKU-0001", "SKU-0002", "SKU-0003", "SKU-0004", "SKU-0005"]);
    const [all] = await ask(app, stockQuery("ItemInventory", "c", { from: null, maxReturned: 10 }));
    expect(all?.items.find((i) => i.name === "SKU-0005")?.active).toBe(false);
  });

  it("reads a refused query as not ok, with QuickBooks' status, and no items", async () => {
    const { app } = testCompany();
    const [page] = await ask(app, stockQuery("ItemInventory", "x", { iteratorId: "{gone}", maxReturned: 5 }));
    expect(page).toMatchObject({ requestId: "x", ok: false, items: [], iteratorId: null });
    expect(page?.code).toBeGreaterThanOrEqual(1000);
  });
});
