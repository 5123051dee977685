import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionFor, startCompany } from "../../../test/helpers/quickbooks-session.ts";
import type { QuickBooksOnlineSandbox } from "../../sandboxes/quickbooks-online/index.ts";
import { BooksError, type SalesDocumentInput } from "../contract-books.ts";
import { QboFaultError, type QuickBooksBooksClient } from "./books-client.ts";

let sandbox: QuickBooksOnlineSandbox;
let books: QuickBooksBooksClient;

beforeAll(async () => {
  sandbox = await startCompany();
  books = sessionFor(sandbox).session.books();
});
afterAll(() => sandbox.close());

const qty = (id: string) => Number(sandbox.control.findItem({ id })?.QtyOnHand);
const today = () => new Date().toISOString().slice(0, 10);

function receipt(overrides: Partial<SalesDocumentInput> = {}): SalesDocumentInput {
  return {
    idempotencyKey: "posting-1",
    docNumber: "SW-1001",
    txnDate: today(),
    lines: [
      { itemId: "3", qty: 2, unitPriceMinor: 1999, description: "Vintage tee" },
      { itemId: "4", qty: 3, unitPriceMinor: 10 },
    ],
    privateNote: "Orders #1001, #1002",
    currency: "USD",
    ...overrides,
  };
}

describe("books API", () => {
  it("matches SKUs by Sku, then by Name, exact before ignoring case, and reports the rest", async () => {
    sandbox.control.createItem({ Name: "Plain Name Widget", QtyOnHand: 1 });
    sandbox.control.createItem({ Name: "Dup One", Sku: "DUP-1", QtyOnHand: 1 });
    sandbox.control.createItem({ Name: "Dup Two", Sku: "DUP-1", QtyOnHand: 1 });
    const lower = sandbox.control.createItem({ Name: "Lower Sku", Sku: "mixed-case-1", QtyOnHand: 1 });
    const seeded = sandbox.control.findItem({ id: "5" });
    const report = await books.findItemsBySku([
      String(seeded?.Sku),
      "Plain Name Widget",
      "plain name widget",
      "MIXED-CASE-1",
      "DUP-1",
      "NOPE-404",
    ]);
    expect(report.matches.map((m) => [m.sku, m.itemId, m.matchedBy])).toEqual([
      [seeded?.Sku, "5", "sku"],
      ["Plain Name Widget", expect.any(String), "name"],
      ["plain name widget", expect.any(String), "name-ignoring-case"],
      ["MIXED-CASE-1", lower.Id, "sku-ignoring-case"],
    ]);
    expect(report.ambiguous).toEqual([
      {
        sku: "DUP-1",
        matchedBy: "sku",
        candidates: [
          expect.objectContaining({ itemName: "Dup One" }),
          expect.objectContaining({ itemName: "Dup Two" }),
        ],
      },
    ]);
    expect(report.unknown).toEqual(["NOPE-404"]);
  });

  it("finds or creates a customer by display name", async () => {
    const existing = await books.ensureCustomer("Online Store Sales");
    expect(existing.created).toBe(false);
    const made = await books.ensureCustomer("Shopify EU Store");
    expect(made.created).toBe(true);
    await expect(books.ensureCustomer("Shopify EU Store")).resolves.toEqual({ ...made, created: false });
  });

  it("posts a sales receipt that decrements QtyOnHand, with exact amounts", async () => {
    const [before3, before4] = [qty("3"), qty("4")];
    const customer = await books.ensureCustomer("Online Store Sales");
    const doc = await books.createSalesReceipt(receipt({ customerRef: customer.id }));
    expect(doc).toMatchObject({ kind: "SalesReceipt", docNumber: "SW-1001", totalMinor: 2 * 1999 + 30 });
    expect([qty("3"), qty("4")]).toEqual([before3 - 2, before4 - 3]);
    const posted = sandbox.control.posted().SalesReceipt.find((r) => r.Id === doc.id);
    expect(posted?.PrivateNote).toBe("Orders #1001, #1002");
    expect(posted?.TotalAmt).toBe(40.28);
  });

  it("deduplicates a repeated logical write through requestid", async () => {
    const input = receipt({ idempotencyKey: "posting-2", docNumber: "SW-2002" });
    const stock = qty("3");
    const [a, b] = await Promise.all([books.createSalesReceipt(input), books.createSalesReceipt(input)]);
    const again = await books.createSalesReceipt(input);
    expect(new Set([a.id, b.id, again.id]).size).toBe(1);
    expect(sandbox.control.posted().SalesReceipt.filter((r) => r.DocNumber === "SW-2002")).toHaveLength(1);
    expect(qty("3")).toBe(stock - 2);
    expect(sandbox.control.requestLog().entries.filter((e) => e.replayed).length).toBeGreaterThanOrEqual(2);
  });

  it("posts refund receipts and credit memos that add stock back", async () => {
    const stock = qty("6");
    const refund = await books.createRefundReceipt({
      ...receipt({
        idempotencyKey: "refund-1",
        docNumber: "R-1",
        lines: [{ itemId: "6", qty: 2, unitPriceMinor: 500 }],
      }),
    });
    expect(refund).toMatchObject({ kind: "RefundReceipt", totalMinor: 1000 });
    expect(qty("6")).toBe(stock + 2);
    const customer = await books.ensureCustomer("Online Store Sales");
    const memo = await books.createCreditMemo(
      receipt({
        idempotencyKey: "memo-1",
        docNumber: "CM-1",
        customerRef: customer.id,
        lines: [{ itemId: "6", qty: 1, unitPriceMinor: 500 }],
      }),
    );
    expect(memo.totalMinor).toBe(500);
    expect(qty("6")).toBe(stock + 3);
  });

  it("finds a receipt by number and deletes it, reversing stock; a stale token is a typed fault", async () => {
    const stock = qty("7");
    await books.createSalesReceipt(
      receipt({
        idempotencyKey: "posting-3",
        docNumber: "SUM-2026-01-02",
        lines: [{ itemId: "7", qty: 4, unitPriceMinor: 250 }],
      }),
    );
    const found = await books.findSalesReceiptByDocNumber("SUM-2026-01-02");
    expect(found).toMatchObject({ docNumber: "SUM-2026-01-02", totalMinor: 1000 });
    if (!found) throw new Error("not found");
    const stale = await books
      .deleteSalesReceipt(found.id, String(Number(found.syncToken) + 5))
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(BooksError);
    expect(stale).toMatchObject({ kind: "stale", code: "5010", retryable: true });
    expect((stale as BooksError).cause).toBeInstanceOf(QboFaultError);
    await books.deleteSalesReceipt(found.id, found.syncToken);
    expect(qty("7")).toBe(stock);
    await expect(books.findSalesReceiptByDocNumber("SUM-2026-01-02")).resolves.toBeNull();
    // The same delete again is the same logical write: QuickBooks replays its first answer.
    await expect(books.deleteSalesReceipt(found.id, found.syncToken)).resolves.toBeUndefined();
    await expect(books.deleteSalesReceipt(found.id, "42")).rejects.toMatchObject({
      kind: "not_found",
      code: "610",
    });
  });

  it("reports an unknown item as a validation error, keeping QuickBooks' invalid reference as the cause", async () => {
    const error = await books
      .createSalesReceipt(
        receipt({ idempotencyKey: "bad-item", lines: [{ itemId: "9999", qty: 1, unitPriceMinor: 100 }] }),
      )
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "validation", code: "2500", retryable: false, status: 400 });
    expect((error as BooksError).cause).toMatchObject({ kind: "invalid_reference" });
  });

  it("runs a batch with per-operation faults", async () => {
    const results = await books.batch(
      [
        { operation: "create", entity: "Customer", body: { DisplayName: "Batch Customer" } },
        { operation: "create", entity: "Customer", body: { DisplayName: "Online Store Sales" } },
        { query: "SELECT * FROM Item WHERE Id = '3'" },
      ],
      { idempotencyKey: "batch-1" },
    );
    expect(results[0]?.entity).toMatchObject({ DisplayName: "Batch Customer" });
    expect(results[1]?.fault).toMatchObject({ kind: "duplicate_name", code: "6240" });
    expect(results[2]?.queryResponse).toMatchObject({ Item: [expect.objectContaining({ Id: "3" })] });
    await expect(
      books.batch(
        Array.from({ length: 31 }, () => ({ query: "SELECT * FROM Item" })),
        { idempotencyKey: "x" },
      ),
    ).rejects.toThrow(/at most 30/);
  });
});
