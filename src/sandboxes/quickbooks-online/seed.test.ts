import { describe, expect, it } from "vitest";
import { createClock } from "./clock.ts";
import { DEFAULT_COMPANY } from "./company.ts";
import { realmIdFor, seedCompany } from "./seed.ts";
import { EntityStore } from "./store.ts";

function seeded(seed: number, items: number) {
  const clock = createClock(() => new Date("2026-05-01T00:00:00Z"));
  const store = new EntityStore(clock);
  seedCompany(store, clock, { seed, items, company: DEFAULT_COMPANY });
  return store;
}

describe("seedCompany", () => {
  it("builds the same company for the same seed and a different one for another seed", () => {
    expect(seeded(7, 50).list("Item")).toEqual(seeded(7, 50).list("Item"));
    expect(seeded(7, 50).list("Customer")).toEqual(seeded(7, 50).list("Customer"));
    expect(seeded(8, 50).list("Item")).not.toEqual(seeded(7, 50).list("Item"));
    expect(realmIdFor(7)).toBe(realmIdFor(7));
    expect(realmIdFor(7)).toMatch(/^9130\d{12}$/);
    expect(realmIdFor(8)).not.toBe(realmIdFor(7));
  });

  it("seeds inventory items with SKUs, quantities and the three inventory accounts", () => {
    const items = seeded(1, 50)
      .list("Item")
      .filter((item) => item.Type === "Inventory");
    expect(items).toHaveLength(50);
    expect(items[0]?.Sku).toMatch(/^SKU-00001-[A-Z]{3}-(S|M|L|XL|OS)$/);
    for (const item of items) {
      expect(item).toMatchObject({
        TrackQtyOnHand: true,
        IncomeAccountRef: { name: "Sales of Product Income" },
        ExpenseAccountRef: { name: "Cost of Goods Sold" },
        AssetAccountRef: { name: "Inventory Asset" },
      });
      expect(item.QtyOnHand).toBeGreaterThanOrEqual(0);
      expect(Number(item.PurchaseCost)).toBeLessThan(Number(item.UnitPrice));
    }
    expect(new Set(items.map((item) => String(item.Name).toLowerCase())).size).toBe(50);
  });

  it("opens the standard accounts", () => {
    const names = seeded(1, 1)
      .list("Account")
      .map((account) => account.Name);
    expect(names).toEqual(
      expect.arrayContaining([
        "Sales of Product Income",
        "Cost of Goods Sold",
        "Inventory Asset",
        "Undeposited Funds",
      ]),
    );
  });
});
