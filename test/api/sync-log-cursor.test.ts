import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCursor } from "../../src/http/pagination.ts";
import { recordSyncLog } from "../../src/modules/connections/index.ts";
import { pair, type SyncFixture, startSyncHub } from "../helpers/sync-setup.ts";

/** The sync log pages by a keyset cursor (issue 23): stable while rows are written, refused when forged. */
let f: SyncFixture;
let connectionId: string;
beforeAll(async () => {
  f = await startSyncHub();
  connectionId = await pair(f, "Log shop");
});
afterAll(() => f?.hub.close());

type Page = { items: { sku: string; direction: string; at: string }[]; nextCursor: string | null };
const page = async (query: string) => {
  const res = await f.api.get(`/api/v1/sync-log?connectionId=${connectionId}&${query}`);
  expect(res.status).toBe(200);
  return res.body as Page;
};
const entry = (sku: string, direction: "push" | "pull" = "push") => ({
  accountId: f.tenant.accountId,
  connectionId,
  sku,
  direction,
  quantity: 1,
  result: "ok" as const,
});

describe("sync log paging", () => {
  it("walks rows written in one instant exactly once, and a row written meanwhile does not shift the pages", async () => {
    // One statement: every row has the same `at`, so only the tie-breaker orders them.
    await recordSyncLog(f.hub.ctx.db, [
      ...["A 1", "B", "C", "D"].map((sku) => entry(sku)),
      ...["A 1", "B", "C"].map((sku) => entry(sku, "pull")),
    ]);
    const first = await page("limit=3");
    expect(first.items).toHaveLength(3);
    // Newer than every row: with an offset it would push a seen row onto the next page.
    await recordSyncLog(f.hub.ctx.db, [entry("NEW")]);
    const seen = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const next = await page(`limit=3&cursor=${cursor}`);
      seen.push(...next.items);
      cursor = next.nextCursor;
    }
    const keys = seen.map((i) => `${i.direction} ${i.sku}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.toSorted()).toEqual(
      ["push A 1", "push B", "push C", "push D", "pull A 1", "pull B", "pull C"].toSorted(),
    );
  });

  it("answers 400 invalid_cursor to a forged cursor and to an offset cursor of the former format", async () => {
    const forged = [
      "not-a-cursor",
      encodeCursor({ v: 3, id: "" }),
      encodeCursor({ v: -1, id: `${connectionId} push A` }),
      encodeCursor({ v: 1, id: `${connectionId} sideways A` }),
      encodeCursor({ v: 1, id: "not-a-uuid push A" }),
    ];
    for (const cursor of forged) {
      const res = await f.api.get(`/api/v1/sync-log?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status, cursor).toBe(400);
      expect(res.body).toMatchObject({ code: "invalid_cursor" });
    }
  });
});
