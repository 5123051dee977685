import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gid } from "../gid.ts";
import { type ShopifySandbox, startShopifySandbox } from "../index.ts";
import type { InventoryItem } from "../store/types.ts";
import { postGraphql } from "../test-client.ts";

let sandbox: ShopifySandbox;

beforeAll(async () => {
  sandbox = await startShopifySandbox({ seed: 21, products: 150, orders: 0, locations: 3, plan: "plus" });
});
afterAll(() => sandbox.close());

const SET = `mutation($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { id reason referenceDocumentUri changes { name delta quantityAfterChange item { id } location { id } } }
    userErrors { field message code }
  }
}`;

interface SetPayload {
  inventorySetQuantities: {
    inventoryAdjustmentGroup: {
      id: string;
      changes: {
        name: string;
        delta: number;
        quantityAfterChange: number;
        item: { id: string };
        location: { id: string };
      }[];
    } | null;
    userErrors: { field: string[] | null; message: string; code: string }[];
  };
}

let keyCounter = 0;
function setQuantities(
  quantities: Record<string, unknown>[],
  key = `key-${++keyCounter}`,
  name = "available",
) {
  const input = { name, reason: "correction", referenceDocumentUri: "gid://stockwire/Sync/1", quantities };
  return postGraphql<SetPayload>(sandbox, SET, { input, key }).then((body) => {
    expect(body.errors).toBeUndefined();
    return body.data?.inventorySetQuantities as SetPayload["inventorySetQuantities"];
  });
}

/** Untracked items can't be set (NON_MUTABLE_INVENTORY_ITEM), so tests use tracked ones. */
function tracked(): InventoryItem[] {
  return sandbox.store.inventoryItems.filter((candidate) => candidate.tracked);
}

function item(index: number): InventoryItem {
  const found = tracked()[index];
  if (!found) throw new Error("seed too small");
  return found;
}

function row(target: InventoryItem, quantity: number, levelIndex = 0, changeFrom: number | null = null) {
  const level = target.levels[levelIndex];
  if (!level) throw new Error("no level");
  return {
    inventoryItemId: gid("InventoryItem", target.id),
    locationId: gid("Location", level.locationId),
    quantity,
    changeFromQuantity: changeFrom,
  };
}

describe("inventorySetQuantities (2026-04)", () => {
  it("sets available quantities with compare-and-set and reports available and on_hand changes", async () => {
    const target = item(0);
    const level = target.levels[0];
    const before = level?.available ?? 0;
    const payload = await setQuantities([row(target, before + 7, 0, before)]);
    expect(payload.userErrors).toEqual([]);
    expect(payload.inventoryAdjustmentGroup?.changes).toEqual([
      expect.objectContaining({ name: "available", delta: 7, quantityAfterChange: before + 7 }),
      expect.objectContaining({ name: "on_hand", delta: 7 }),
    ]);
    expect(payload.inventoryAdjustmentGroup?.changes[0]?.item.id).toBe(gid("InventoryItem", target.id));
    expect(level?.available).toBe(before + 7);
  });

  it("applies nothing when any changeFromQuantity is stale", async () => {
    const first = item(1);
    const second = item(2);
    const firstBefore = first.levels[0]?.available ?? 0;
    const secondBefore = second.levels[0]?.available ?? 0;
    const payload = await setQuantities([
      row(first, 500, 0, firstBefore),
      row(second, 500, 0, secondBefore + 1),
    ]);
    expect(payload.inventoryAdjustmentGroup).toBeNull();
    expect(payload.userErrors).toEqual([
      expect.objectContaining({
        code: "CHANGE_FROM_QUANTITY_STALE",
        field: ["input", "quantities", "1", "changeFromQuantity"],
      }),
    ]);
    expect(first.levels[0]?.available).toBe(firstBefore);
    expect(second.levels[0]?.available).toBe(secondBefore);
  });

  it("requires changeFromQuantity on every row (null opts out)", async () => {
    const { changeFromQuantity: _omitted, ...withoutCompare } = row(item(3), 4);
    const payload = await setQuantities([withoutCompare]);
    expect(payload.userErrors[0]?.code).toBe("CHANGE_FROM_QUANTITY_REQUIRED");
    expect((await setQuantities([row(item(3), 4)])).userErrors).toEqual([]);
  });

  it("rejects the same item and location twice in one call", async () => {
    const target = item(4);
    const payload = await setQuantities([row(target, 1), row(target, 2)]);
    expect(payload.userErrors.map((error) => error.code)).toEqual([
      "NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR",
    ]);
  });

  it("rejects items not stocked at the location", async () => {
    const unstocked = tracked().find((candidate) => candidate.levels.length < 3);
    const missing = sandbox.store.locations.find(
      (location) => !unstocked?.levels.some((l) => l.locationId === location.id),
    );
    if (!unstocked || !missing) throw new Error("seed has no partially stocked item");
    const payload = await setQuantities([
      {
        inventoryItemId: gid("InventoryItem", unstocked.id),
        locationId: gid("Location", missing.id),
        quantity: 3,
        changeFromQuantity: null,
      },
    ]);
    expect(payload.userErrors.map((error) => error.code)).toEqual(["ITEM_NOT_STOCKED_AT_LOCATION"]);
  });

  it("accepts 250 quantities per call and rejects 251 before running anything", async () => {
    const rows = tracked()
      .slice(0, 251)
      .map((target) => row(target, 9));
    const ok = await setQuantities(rows.slice(0, 250));
    expect(ok.userErrors).toEqual([]);
    expect(ok.inventoryAdjustmentGroup?.changes).toHaveLength(500);
    const body = await postGraphql(sandbox, SET, {
      input: {
        name: "available",
        reason: "correction",
        quantities: rows.map((r) => ({ ...r, quantity: 1 })),
      },
      key: "too-many",
    });
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]).toMatchObject({
      message: "The input array size of 251 is greater than the maximum allowed of 250.",
      extensions: { code: "MAX_INPUT_SIZE_EXCEEDED" },
    });
    expect(item(0).levels[0]?.available).toBe(9);
  });

  it("replays the first result for a repeated idempotency key without applying twice", async () => {
    const target = item(5);
    const first = await setQuantities([row(target, 42)], "replay-key");
    const level = target.levels[0];
    if (level) level.available = 40;
    const again = await setQuantities([row(target, 42)], "replay-key");
    expect(again).toEqual(first);
    expect(target.levels[0]?.available).toBe(40);
    const mismatch = await setQuantities([row(target, 43)], "replay-key");
    expect(mismatch.userErrors[0]?.code).toBe("IDEMPOTENCY_KEY_PARAMETER_MISMATCH");
  });

  it("sets on_hand, moving available by the same amount", async () => {
    const target = item(6);
    const level = target.levels[0];
    const onHand = (level?.available ?? 0) + (level?.committed ?? 0);
    const payload = await setQuantities([row(target, onHand + 3)], undefined, "on_hand");
    expect(payload.inventoryAdjustmentGroup?.changes.map((c) => [c.name, c.delta])).toEqual([
      ["on_hand", 3],
      ["available", 3],
    ]);
  });
});

describe("inventoryAdjustQuantities (2026-04)", () => {
  const ADJUST = `mutation($input: InventoryAdjustQuantitiesInput!) {
    inventoryAdjustQuantities(input: $input) @idempotent(key: "adjust-1") {
      inventoryAdjustmentGroup { changes { name delta quantityAfterChange } }
      userErrors { code message }
    }
  }`;

  it("adjusts by delta and requires the @idempotent directive", async () => {
    const target = item(7);
    const before = target.levels[0]?.available ?? 0;
    const { changeFromQuantity: _c, quantity: _q, ...where } = row(target, 0);
    const input = {
      name: "available",
      reason: "received",
      changes: [{ ...where, delta: -2, changeFromQuantity: null }],
    };
    const missing = await postGraphql(sandbox, ADJUST.replace(' @idempotent(key: "adjust-1")', ""), {
      input,
    });
    expect(missing.data).toBeUndefined();
    expect(missing.errors?.[0]).toMatchObject({
      message: "The @idempotent directive is required for this mutation but was not provided.",
      extensions: { code: "BAD_REQUEST" },
    });
    expect(target.levels[0]?.available).toBe(before);
    const body = await postGraphql<{ inventoryAdjustQuantities: { userErrors: unknown[] } }>(
      sandbox,
      ADJUST,
      { input },
    );
    expect(body.data?.inventoryAdjustQuantities.userErrors).toEqual([]);
    expect(target.levels[0]?.available).toBe(before - 2);
  });
});
