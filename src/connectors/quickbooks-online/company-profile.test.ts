import { afterEach, describe, expect, it } from "vitest";
import { sessionFor, startCompany } from "../../../test/helpers/quickbooks-session.ts";
import type {
  QuickBooksOnlineSandbox,
  QuickBooksOnlineSandboxOptions,
} from "../../sandboxes/quickbooks-online/index.ts";
import { BooksError } from "../contract-books.ts";
import { QBO_LOCATION_ID } from "./catalog.ts";

/** Companies outside the US and editions without InventoryAdjustment (issue 19 item 16). */
let sandbox: QuickBooksOnlineSandbox | undefined;

afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function connect(options: QuickBooksOnlineSandboxOptions) {
  sandbox = await startCompany(options);
  return { sandbox, ...sessionFor(sandbox) };
}

const sale = (itemId: string, taxCode?: string) => ({
  idempotencyKey: `sale-${itemId}-${taxCode ?? "none"}`,
  txnDate: "2026-04-01",
  currency: "GBP",
  lines: [{ itemId, qty: 2, unitPriceMinor: 1000 }],
  ...(taxCode ? { taxCode } : {}),
});

describe("QuickBooks company profile", () => {
  it("reads the home currency from Preferences and the edition from CompanyInfo", async () => {
    const { session } = await connect({ country: "GB", edition: "Plus" });
    await expect(session.validate()).resolves.toMatchObject({
      currency: "GBP",
      country: "GB",
      edition: "QuickBooks Online Plus",
      inventoryAdjustment: false,
    });
  });

  it("lists tax codes and puts the document's tax code on every item line", async () => {
    const { session, sandbox: box } = await connect({ country: "GB" });
    const codes = await session.books().listTaxCodes();
    const standard = codes.find((code) => code.name === "20.0% S");
    expect(standard).toMatchObject({ taxable: true, active: true });

    const item = box.control.findItem({ id: "3" });
    const refused = await session
      .books()
      .createSalesReceipt(sale("3"))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BooksError);
    expect(refused).toMatchObject({ kind: "validation", code: "6000" });

    const posted = await session.books().createSalesReceipt(sale("3", standard?.id));
    expect(posted.totalMinor).toBe(2400); // 20.00 plus 20% VAT
    const [receipt] = box.control.posted().SalesReceipt;
    expect(receipt?.Line).toContainEqual(
      expect.objectContaining({
        SalesItemLineDetail: expect.objectContaining({ TaxCodeRef: { value: standard?.id } }),
      }),
    );
    expect(box.control.findItem({ id: "3" })?.QtyOnHand).toBe(Number(item?.QtyOnHand) - 2);
  });

  it("does not post stock to a company without InventoryAdjustment, and says why", async () => {
    const { session, sandbox: box } = await connect({ edition: "Essentials" });
    const results = await session.writeStock(
      [{ sku: "A", inventoryItemId: "3", locationId: QBO_LOCATION_ID, quantity: 5, compareQuantity: null }],
      { idempotencyKey: "stock-1" },
    );
    expect(results).toEqual([
      {
        sku: "A",
        status: "failed",
        retryable: false,
        message: expect.stringContaining("no InventoryAdjustment"),
      },
    ]);
    const paths = box.control.requestLog().entries.map((entry) => entry.path);
    expect(paths.some((path) => path.endsWith("/inventoryadjustment"))).toBe(false);
  });
});
