import { z } from "zod";
import { homeCurrency } from "../company.ts";
import { faults } from "../faults.ts";
import { DATE_PATTERN, formatDate } from "../qbo-time.ts";
import { type EntityName, type Fields, type QboEntity, roundMoney } from "../types.ts";
import {
  COMMON_QUERYABLE,
  checkLength,
  type EntityKind,
  type KindContext,
  parseInput,
  RefInput,
  resolveRef,
} from "./kind.ts";
import { LineInput, normalizeLines, salesStockLines, zeroLines } from "./sales-lines.ts";

type SalesDocumentName = "SalesReceipt" | "Invoice" | "RefundReceipt" | "CreditMemo";

interface SalesDocumentConfig {
  name: SalesDocumentName;
  /** -1: the document ships stock out (sale); +1: it brings stock back (refund, credit). */
  stockSign: 1 | -1;
  customerRequired: boolean;
  /** Receipts name the account the money goes to; QBO defaults a sales receipt to Undeposited Funds. */
  depositAccount: "required" | "defaults-to-undeposited" | "none";
  voidable: boolean;
  /** `ctx` is absent when a stored document is voided: its dates are already set. */
  balances(total: number, data: Fields, txnDate: string, ctx?: KindContext): Fields;
}

const DAY_MS = 86_400_000;

/** An invoice is due after the company's default terms unless it says otherwise. */
function dueDate(data: Fields, txnDate: string, ctx?: KindContext): string {
  if (typeof data.DueDate === "string") return data.DueDate;
  const days = ctx?.prefs.defaultTermDays ?? 0;
  return formatDate(Date.parse(`${txnDate}T12:00:00Z`) + days * DAY_MS);
}

/**
 * Fields QBO fills on every sales document: delivery statuses, the customer's addresses, empty
 * custom-field and linked-transaction lists, and the tax summary.
 */
function documentDefaults(data: Fields, customer: QboEntity | undefined, tax: number): Fields {
  const printByDefault = customer?.PreferredDeliveryMethod === "Print";
  const taxDetail = data.TxnTaxDetail && typeof data.TxnTaxDetail === "object" ? data.TxnTaxDetail : {};
  return {
    ...(customer?.BillAddr && data.BillAddr === undefined ? { BillAddr: customer.BillAddr } : {}),
    ...(customer?.ShipAddr && data.ShipAddr === undefined ? { ShipAddr: customer.ShipAddr } : {}),
    EmailStatus: data.EmailStatus ?? "NotSet",
    PrintStatus: data.PrintStatus ?? (printByDefault ? "NeedToPrint" : "NotSet"),
    ApplyTaxAfterDiscount: data.ApplyTaxAfterDiscount ?? false,
    CustomField: Array.isArray(data.CustomField) ? data.CustomField : [],
    LinkedTxn: Array.isArray(data.LinkedTxn) ? data.LinkedTxn : [],
    TxnTaxDetail: { ...taxDetail, TotalTax: tax },
  };
}

const DocumentInput = z.looseObject({
  Line: z.array(LineInput).optional(),
  DocNumber: z.string().optional(),
  TxnDate: z.string().regex(DATE_PATTERN).optional(),
  CustomerRef: RefInput.optional(),
  DepositToAccountRef: RefInput.optional(),
  PrivateNote: z.string().optional(),
});

const FIRST_DOC_NUMBER = 1001;

function nextDocNumber(ctx: KindContext, name: EntityName): string {
  let highest = FIRST_DOC_NUMBER - 1;
  for (const row of ctx.store.peek(name)) {
    const number = Number(row.DocNumber);
    if (Number.isInteger(number) && number > highest) highest = number;
  }
  return String(highest + 1);
}

function assertDocNumberFree(ctx: KindContext, name: EntityName, docNumber: string, selfId?: string): void {
  if (!ctx.prefs.duplicateDocNumberCheck) return;
  for (const row of ctx.store.peek(name)) {
    if (row.Id !== selfId && row.DocNumber === docNumber)
      throw faults.duplicateDocNumber(docNumber, name, row.Id);
  }
}

function depositAccount(
  config: SalesDocumentConfig,
  ctx: KindContext,
  given: { value: string } | undefined,
): Fields {
  if (config.depositAccount === "none") return {};
  if (given !== undefined)
    return { DepositToAccountRef: resolveRef(ctx, "Account", given, "DepositToAccountRef").ref };
  if (config.depositAccount === "required") throw faults.requiredParam("DepositToAccountRef");
  const undeposited = [...ctx.store.peek("Account")].find((a) => a.AccountSubType === "UndepositedFunds");
  return undeposited ? { DepositToAccountRef: { value: undeposited.Id, name: undeposited.Name } } : {};
}

function salesDocumentKind(config: SalesDocumentConfig): EntityKind {
  return {
    name: config.name,
    resource: config.name.toLowerCase(),
    operations: { create: true, update: true, delete: true, void: config.voidable },
    queryable: {
      ...COMMON_QUERYABLE,
      DocNumber: "string",
      TxnDate: "date",
      CustomerRef: "ref",
      TotalAmt: "number",
      ...(config.name === "Invoice" ? { DueDate: "date", Balance: "number" } : {}),
    },
    normalize(input, ctx, existing?: QboEntity) {
      const data = parseInput(DocumentInput, input);
      const { lines, total: net, tax } = normalizeLines(data.Line, ctx);
      const total = roundMoney(net + tax);
      const customer = data.CustomerRef
        ? resolveRef(ctx, "Customer", data.CustomerRef, "CustomerRef", "DisplayName")
        : undefined;
      if (config.customerRequired && !customer) throw faults.requiredParam("CustomerRef");
      const docNumber =
        data.DocNumber ?? (typeof existing?.DocNumber === "string" ? existing.DocNumber : undefined);
      const finalDocNumber = docNumber ?? nextDocNumber(ctx, config.name);
      checkLength("DocNumber", finalDocNumber, 21);
      checkLength("PrivateNote", data.PrivateNote, 4000);
      assertDocNumberFree(ctx, config.name, finalDocNumber, existing?.Id);
      const txnDate = data.TxnDate ?? formatDate(ctx.clock.now());
      return {
        ...data,
        Line: lines,
        DocNumber: finalDocNumber,
        TxnDate: txnDate,
        ...(customer ? { CustomerRef: customer.ref } : {}),
        ...depositAccount(config, ctx, data.DepositToAccountRef),
        ...documentDefaults(data, customer?.entity, tax),
        TotalAmt: total,
        CurrencyRef: homeCurrency(ctx.company),
        ...config.balances(total, data, txnDate, ctx),
      };
    },
    stockLines: (entity) => salesStockLines(entity, config.stockSign),
    voided: (entity) => ({
      ...entity,
      Line: zeroLines(entity),
      TotalAmt: 0,
      TxnTaxDetail: { TotalTax: 0 },
      ...config.balances(0, entity, String(entity.TxnDate)),
      PrivateNote: "Voided",
    }),
  };
}

export const salesReceiptKind = salesDocumentKind({
  name: "SalesReceipt",
  stockSign: -1,
  customerRequired: false,
  depositAccount: "defaults-to-undeposited",
  voidable: true,
  balances: () => ({ Balance: 0 }),
});

export const invoiceKind = salesDocumentKind({
  name: "Invoice",
  stockSign: -1,
  customerRequired: true,
  depositAccount: "none",
  voidable: true,
  balances: (total, data, txnDate, ctx) => ({ Balance: total, DueDate: dueDate(data, txnDate, ctx) }),
});

export const refundReceiptKind = salesDocumentKind({
  name: "RefundReceipt",
  stockSign: 1,
  customerRequired: false,
  depositAccount: "required",
  voidable: false,
  balances: () => ({ Balance: 0 }),
});

export const creditMemoKind = salesDocumentKind({
  name: "CreditMemo",
  stockSign: 1,
  customerRequired: true,
  depositAccount: "none",
  voidable: false,
  balances: (total) => ({ Balance: total, RemainingCredit: total }),
});
