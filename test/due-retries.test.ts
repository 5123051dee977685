import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dueRetries,
  insertConnection,
  markDisconnected,
  raiseIssue,
} from "../src/modules/connections/index.ts";
import { createTenant, startTestHub, type TestHub } from "./helpers/hub.ts";

/**
 * The tick retries a bounded batch of due items. One connection's pile (thousands of failed
 * SKUs, or a disconnected store whose items wait for new credentials) must not keep another
 * connection's retries out of that batch.
 */
let hub: TestHub;
let accountId: string;
const later = () => new Date(Date.now() + 3_600_000);

async function connection(name: string) {
  return insertConnection(
    hub.ctx,
    hub.ctx.db,
    accountId,
    { platform: "shopify", name, credentials: {} },
    { credentials: {}, label: name, hint: {} },
    "test",
  );
}

async function dueItems(connectionId: string, count: number, prefix: string) {
  for (let i = 0; i < count; i++) {
    await raiseIssue(hub.ctx.db, {
      accountId,
      connectionId,
      feedKind: "stock-export",
      subjectType: "sku",
      subjectId: `${prefix}-${i}`,
      severity: "retry",
      code: "platform_unavailable",
      message: "the store answered 503",
    });
  }
}

beforeAll(async () => {
  hub = await startTestHub();
  accountId = (await createTenant(hub)).accountId;
}, 120_000);
afterAll(() => hub?.close(), 60_000);

describe("due retries", () => {
  it("give every connection a share of the batch, and none to a disconnected one", async () => {
    const busy = await connection("Busy store");
    const quiet = await connection("Quiet store");
    await dueItems(busy.id, 60, "busy");
    await dueItems(quiet.id, 2, "quiet");

    const batch = await dueRetries(hub.ctx.db, later(), 20, 10);
    const of = (id: string) => batch.filter((issue) => issue.connectionId === id);
    // The busy store's items are older, yet the quiet store's are in the batch.
    expect(
      of(quiet.id)
        .map((i) => i.subjectId)
        .sort(),
    ).toEqual(["quiet-0", "quiet-1"]);
    expect(of(busy.id)).toHaveLength(10);
    expect(new Set(of(busy.id).map((i) => i.subjectId)).size).toBe(10);

    expect(await markDisconnected(hub.ctx.db, busy, "app uninstalled")).toBe(true);
    const afterDisconnect = await dueRetries(hub.ctx.db, later(), 20, 10);
    expect(afterDisconnect.map((i) => i.connectionId)).toEqual([quiet.id, quiet.id]);
    // Nothing was resolved: the busy store's items are still waiting, only not handed out.
    const all = await dueRetries(hub.ctx.db, later(), 1_000, 1_000);
    expect(all.every((i) => i.connectionId === quiet.id)).toBe(true);
  });
});
