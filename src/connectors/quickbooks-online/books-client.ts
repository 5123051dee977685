import { z } from "zod";
import type { ConnectorEnv } from "../contract.ts";
import type { BooksClient, BooksTaxCode } from "../contract-books.ts";
import { createDocument, deleteDocument, findSalesReceiptsByDocNumber } from "./books-documents.ts";
import { withBooksErrors } from "./books-errors.ts";
import { findItemsBySku } from "./books-items.ts";
import { createQboClient, type QboClient, type QboClientOptions } from "./client.ts";
import type { QuickBooksCredentials } from "./credentials.ts";
import { faultSchema, QboFaultError, toFaultError } from "./faults.ts";
import { queryRows, quote } from "./query.ts";
import { requestIdFor } from "./request-id.ts";
import { accountSchema, customerSchema, type QboCustomer, taxCodeSchema } from "./schemas.ts";

export { salesDocumentBody } from "./books-documents.ts";
export { toBooksError } from "./books-errors.ts";
export { QboFaultError, type QboFaultKind } from "./faults.ts";
export { QboAuthError } from "./oauth.ts";

/** QuickBooks' recommended (and the sandbox's enforced) ceiling per batch request (§7.5). */
export const MAX_BATCH_OPERATIONS = 30;

export type BatchOperation =
  | {
      bId?: string;
      operation: "create" | "update" | "delete" | "void";
      /** Entity name as QuickBooks spells it: "SalesReceipt", "Customer"… */
      entity: string;
      body: Record<string, unknown>;
    }
  | { bId?: string; query: string };

export type BatchResult = {
  bId: string;
  /** The entity QuickBooks returned for a create/update/delete/void. */
  entity?: Record<string, unknown>;
  queryResponse?: Record<string, unknown>;
  /** This operation's own failure; the others still ran (items run one at a time). */
  fault?: QboFaultError;
};

/**
 * The contract's BooksClient (its calls end a Fault as a BooksError: `stale` is 5010, `not_found`
 * 610) plus QuickBooks' batch endpoint, whose per-operation faults stay QboFaultErrors.
 */
export type QuickBooksBooksClient = BooksClient & {
  listTaxCodes(): Promise<BooksTaxCode[]>;
  /** Up to 30 operations in one request, run serially; a later one cannot see an earlier create. */
  batch(operations: BatchOperation[], options: { idempotencyKey: string }): Promise<BatchResult[]>;
};

export type BooksClientOptions = QboClientOptions & {
  /** The company's home currency, for amounts read back (totals); default "USD". */
  currency?: string;
};

const batchResponse = z.looseObject({
  BatchItemResponse: z.array(z.looseObject({ bId: z.string(), Fault: faultSchema.optional() })),
});

/** The books-side API over one connection (see README.md, "Books API"). */
export function connectBooks(
  credentials: QuickBooksCredentials,
  env: ConnectorEnv,
  options: BooksClientOptions = {},
): QuickBooksBooksClient {
  return createBooksClient(createQboClient(credentials, env, options), options.currency ?? "USD");
}

export function createBooksClient(client: QboClient, currency: string): QuickBooksBooksClient {
  let bankAccount: Promise<string> | null = null;
  const defaultBankAccount = () => {
    bankAccount ??= queryRows(
      client,
      "Account",
      "SELECT * FROM Account WHERE AccountType = 'Bank' ORDERBY Id MAXRESULTS 1",
      accountSchema,
      "orders",
    ).then(([account]) => {
      if (!account) throw new Error("QuickBooks has no Bank account to pay refunds from");
      return account.Id;
    });
    return bankAccount;
  };

  async function customersNamed(name: string, includeInactive: boolean): Promise<QboCustomer[]> {
    const active = includeInactive ? " AND Active IN (true, false)" : "";
    const statement = `SELECT * FROM Customer WHERE DisplayName = ${quote(name)}${active}`;
    const rows = await queryRows(client, "Customer", statement, customerSchema, "orders");
    return rows.sort((a, b) => Number(b.DisplayName === name) - Number(a.DisplayName === name));
  }

  const quickBooks: QuickBooksBooksClient = {
    findItemsBySku: (skus) => findItemsBySku(client, skus),
    async ensureCustomer(name) {
      const [existing] = await customersNamed(name, false);
      if (existing) return { id: existing.Id, displayName: existing.DisplayName, created: false };
      const body = { DisplayName: name };
      try {
        const answer = await client.post("customer", body, {
          requestId: requestIdFor(`customer:${name}`, "customer", body),
          priority: "orders",
        });
        const created = customerSchema.parse(z.looseObject({ Customer: z.unknown() }).parse(answer).Customer);
        return { id: created.Id, displayName: created.DisplayName, created: true };
      } catch (error) {
        // 6240: the name exists but is inactive (hidden from the first query), or was just created.
        if (!(error instanceof QboFaultError && error.kind === "duplicate_name")) throw error;
        const [found] = await customersNamed(name, true);
        if (!found) throw error;
        if (found.Active === false) {
          const revive = { Id: found.Id, SyncToken: found.SyncToken, sparse: true, Active: true };
          await client.post("customer", revive, {
            requestId: requestIdFor(`customer:${found.Id}`, "customer", revive),
            priority: "orders",
          });
        }
        return { id: found.Id, displayName: found.DisplayName, created: false };
      }
    },
    createSalesReceipt: (input) => createDocument(client, "SalesReceipt", input),
    createInvoice: (input) => createDocument(client, "Invoice", input),
    async createRefundReceipt(input) {
      const account = input.depositAccountRef ?? (await defaultBankAccount());
      const { depositAccountRef: _unused, ...rest } = input;
      return createDocument(client, "RefundReceipt", rest, { DepositToAccountRef: { value: account } });
    },
    createCreditMemo: (input) => createDocument(client, "CreditMemo", input),
    deleteSalesReceipt: (id, syncToken) => deleteDocument(client, "SalesReceipt", id, syncToken),
    async findSalesReceiptByDocNumber(docNumber) {
      const [first] = await findSalesReceiptsByDocNumber(client, docNumber, currency);
      return first ?? null;
    },
    async listTaxCodes() {
      const statement = "select * from TaxCode where Active in (true, false) MAXRESULTS 1000";
      const rows = await queryRows(client, "TaxCode", statement, taxCodeSchema, "orders");
      return rows.map((row) => ({
        id: row.Id,
        name: row.Name,
        taxable: row.Taxable ?? false,
        active: row.Active !== false,
      }));
    },
    async batch(operations, { idempotencyKey }) {
      if (operations.length === 0) return [];
      if (operations.length > MAX_BATCH_OPERATIONS) {
        throw new RangeError(`at most ${MAX_BATCH_OPERATIONS} operations per QuickBooks batch`);
      }
      const items = operations.map((op, index) => {
        const bId = op.bId ?? String(index + 1);
        return "query" in op
          ? { bId, Query: op.query }
          : { bId, operation: op.operation, [op.entity]: op.body };
      });
      const body = { BatchItemRequest: items };
      const answer = await client.post("batch", body, {
        requestId: requestIdFor(idempotencyKey, "batch", body),
        priority: "orders",
        batch: true,
      });
      return batchResponse.parse(answer).BatchItemResponse.map((item) => {
        const { bId, Fault, QueryResponse, ...rest } = item;
        if (Fault) return { bId, fault: toFaultError(Fault, null) };
        if (QueryResponse !== undefined)
          return { bId, queryResponse: QueryResponse as Record<string, unknown> };
        const [entity] = Object.values(rest).filter((value) => typeof value === "object" && value !== null);
        return { bId, ...(entity ? { entity: entity as Record<string, unknown> } : {}) };
      });
    },
  };
  // The contract's calls speak BooksError; batch is QuickBooks' own and reports its Faults per operation.
  return {
    findItemsBySku: withBooksErrors(quickBooks.findItemsBySku),
    ensureCustomer: withBooksErrors(quickBooks.ensureCustomer),
    createSalesReceipt: withBooksErrors(quickBooks.createSalesReceipt),
    createInvoice: withBooksErrors(quickBooks.createInvoice),
    createRefundReceipt: withBooksErrors(quickBooks.createRefundReceipt),
    createCreditMemo: withBooksErrors(quickBooks.createCreditMemo),
    deleteSalesReceipt: withBooksErrors(quickBooks.deleteSalesReceipt),
    findSalesReceiptByDocNumber: withBooksErrors(quickBooks.findSalesReceiptByDocNumber),
    listTaxCodes: withBooksErrors(quickBooks.listTaxCodes),
    batch: quickBooks.batch,
  };
}
