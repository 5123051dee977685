import { createRng } from "../kit/prng.ts";
import { seedStore } from "../kit/seed/index.ts";
import type { Company, Item } from "./company.ts";

/** The accounts a new QuickBooks Desktop company with inventory starts with (names as QuickBooks spells them). */
const STANDARD_ACCOUNTS = [
  ["Checking", "Bank"],
  ["Accounts Receivable", "AccountsReceivable"],
  ["Undeposited Funds", "OtherCurrentAsset"],
  ["Inventory Asset", "OtherCurrentAsset"],
  ["Sales", "Income"],
  ["Shipping and Delivery Income", "Income"],
  ["Cost of Goods Sold", "CostOfGoodsSold"],
  ["Sales Tax Payable", "OtherCurrentLiability"],
] as const;

const CUSTOMERS = ["Cash Customer", "Amy Rivera", "Bill Okafor", "Carla Lindqvist", "Dev Patel"];

/** QuickBooks item names are at most 31 characters. */
export const ITEM_NAME_MAX = 31;

export interface ItemSeed {
  /** The item name; Stockwire matches it to the channel SKU. */
  readonly name: string;
  readonly quantityOnHand: number;
  readonly salesPrice?: string;
  readonly salesDesc?: string;
  /** Default `ItemInventory`. */
  readonly type?: "ItemInventory" | "ItemInventoryAssembly";
}

/**
 * Adds items, or sets the quantity of those already there (by name, as an accountant would
 * correct them). Returns the items in the order given.
 */
export function upsertItems(company: Company, seeds: readonly ItemSeed[]): Item[] {
  return seeds.map((seed) => {
    const existing = company.itemByName(seed.name);
    if (existing) {
      company.setQuantityOnHand(existing, seed.quantityOnHand);
      return existing;
    }
    return company.addItem({
      type: seed.type ?? "ItemInventory",
      name: seed.name,
      isActive: true,
      salesDesc: seed.salesDesc ?? null,
      salesPrice: seed.salesPrice ?? "0.00",
      manufacturerPartNumber: null,
      quantityOnHand: seed.quantityOnHand,
    });
  });
}

/**
 * A company as a merchant keeps it: the standard accounts, a shipping service item, a few
 * customers, and one inventory item per SKU of the kit's seeded catalogue (bundles become
 * assemblies). QuickBooks names are unique and trimmed, so SKUs that are missing, duplicated,
 * padded, too long or untracked are left out.
 */
export function seedCompany(
  company: Company,
  options: { seed: number; products: number; anchorMs: number },
): void {
  for (const [name, type] of STANDARD_ACCOUNTS) company.addAccount(name, type);
  company.addItem({
    type: "ItemService",
    name: "Shipping",
    isActive: true,
    salesDesc: "Shipping and handling",
    salesPrice: "0.00",
    manufacturerPartNumber: null,
    quantityOnHand: null,
  });
  // Stockwire's postings subtract discounts through an item of this name (connector README).
  company.addItem({
    type: "ItemDiscount",
    name: "Discount",
    isActive: true,
    salesDesc: "Discount",
    salesPrice: "0.00",
    manufacturerPartNumber: null,
    quantityOnHand: null,
  });
  const rng = createRng(options.seed ^ 0x0b0c5);
  for (const name of CUSTOMERS.slice(0, rng.int(2, CUSTOMERS.length))) company.addCustomer(name);
  const store = seedStore({
    seed: options.seed,
    products: options.products,
    orders: 0,
    anchorMs: options.anchorMs,
  });
  const seeds: ItemSeed[] = [];
  for (const product of store.products) {
    for (const variant of product.variants) {
      const sku = variant.sku;
      if (
        sku === null ||
        sku !== sku.trim() ||
        [...sku].some((c) => c.charCodeAt(0) < 0x20) ||
        sku.length > ITEM_NAME_MAX
      )
        continue;
      if (variant.stock === null || company.nameInUse(sku) || seeds.some((s) => s.name === sku)) continue;
      seeds.push({
        name: sku,
        quantityOnHand: variant.stock,
        salesPrice: variant.price,
        salesDesc: variant.title === product.name ? product.name : `${product.name} - ${variant.title}`,
        type: product.kind === "bundle" ? "ItemInventoryAssembly" : "ItemInventory",
      });
    }
  }
  upsertItems(company, seeds);
}
