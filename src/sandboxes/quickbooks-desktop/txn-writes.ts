import type { Account, Company, Customer, Item, Ref, Txn, TxnLine, TxnType } from "./company.ts";
import { formatDate, formatDateTime, parseDateTime } from "./qb-time.ts";
import {
  type Handler,
  invalidReference,
  invalidValue,
  missingElement,
  money,
  objectNotFound,
  QbStatus,
  type RequestContext,
} from "./qbxml-status.ts";
import { creditRemaining, txnRet } from "./txn-render.ts";
import { child, childrenNamed, serialize, textOf, type XmlNode } from "./xml.ts";

const TXN_NAMES: Readonly<Record<TxnType, string>> = {
  SalesReceipt: "Sales Receipt",
  Invoice: "Invoice",
  CreditMemo: "Credit Memo",
  ARRefundCreditCard: "A/R Refund Credit Card",
  InventoryAdjustment: "Inventory Adjustment",
};

/** Finds a referenced list element by `ListID`, else `FullName`; 3140 names it when it is not there. */
function resolve<T extends { listId: string; name: string }>(
  ref: XmlNode | undefined,
  list: string,
  txnType: TxnType,
  byId: (id: string) => T | undefined,
  byName: (name: string) => T | undefined,
): T | null {
  if (!ref) return null;
  const id = textOf(ref, "ListID");
  const name = textOf(ref, "FullName");
  const found = id !== undefined ? byId(id) : name !== undefined ? byName(name) : undefined;
  if (!found) throw invalidReference(list, id ?? name ?? "", TXN_NAMES[txnType]);
  return found;
}

const asRef = (record: { listId: string; name: string } | null): Ref | null =>
  record ? { listId: record.listId, fullName: record.name } : null;

function customerOf(company: Company, node: XmlNode, type: TxnType): Customer | null {
  return resolve(
    node && child(node, "CustomerRef"),
    "Customer",
    type,
    (id) => company.customers.get(id),
    (n) => company.customerByName(n),
  );
}

function accountOf(
  company: Company,
  ref: XmlNode | undefined,
  type: TxnType,
  fallback?: string,
): Account | null {
  const found = resolve(
    ref,
    "Account",
    type,
    (id) => company.accounts.get(id),
    (n) => company.accountByName(n),
  );
  return found ?? (fallback ? (company.accountByName(fallback) ?? null) : null);
}

function number(node: XmlNode, name: string): number | null {
  const raw = textOf(node, name);
  if (raw === undefined) return null;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n)) throw invalidValue(name, raw);
  return n;
}

/** Shared head of every transaction add: date, RefNumber (11 characters at most) and memo. */
function head(company: Company, node: XmlNode) {
  const rawDate = textOf(node, "TxnDate");
  if (rawDate !== undefined && parseDateTime(rawDate, 0) === null) throw invalidValue("TxnDate", rawDate);
  const refNumber = textOf(node, "RefNumber") ?? null;
  if (refNumber !== null && refNumber.length > 11)
    throw new QbStatus(3070, `The string "${refNumber}" in the field "RefNumber" is too long.`);
  return {
    txnDate: rawDate ?? formatDate(company.clock.nowMs(), company.clock.utcOffsetMinutes),
    refNumber,
    memo: textOf(node, "Memo") ?? null,
  };
}

function newTxn(
  company: Company,
  rest: Omit<
    Txn,
    "txnId" | "txnNumber" | "editSequence" | "timeCreatedMs" | "timeModifiedMs" | "deletedAtMs"
  >,
): Txn {
  const now = company.clock.nowMs();
  return {
    ...rest,
    txnId: company.newTxnId(),
    txnNumber: company.nextTxnNumber(),
    editSequence: company.nextEditSequence(),
    timeCreatedMs: now,
    timeModifiedMs: now,
    deletedAtMs: null,
  };
}

/** Stock moves once per line: sales take from stock, credit memos put back. */
function salesLines(company: Company, node: XmlNode, type: TxnType, sign: -1 | 1) {
  if (child(node, `${type}LineGroupAdd`))
    throw new QbStatus(3250, "This feature is not enabled or not available in this version of QuickBooks.");
  const effects = new Map<string, number>();
  const lines: TxnLine[] = childrenNamed(node, `${type}LineAdd`).map((line) => {
    const item: Item | null = resolve(
      child(line, "ItemRef"),
      "Item",
      type,
      (id) => company.items.get(id),
      (n) => company.itemByName(n),
    );
    if (!item) throw missingElement("ItemRef");
    const taxCode = resolve(
      child(line, "SalesTaxCodeRef"),
      "SalesTaxCode",
      type,
      (id) => company.salesTaxCodes.get(id),
      (n) => company.salesTaxCodeByName(n),
    );
    // Outside the US every sales line carries its tax code (VAT/GST is per line). That QuickBooks
    // refuses such a line with 3150 rather than taking the item's own code is a guess (README.md).
    if (!taxCode && company.country !== "US") throw missingElement("SalesTaxCodeRef");
    const quantity = number(line, "Quantity");
    const rate = number(line, "Rate");
    const amount = number(line, "Amount") ?? (rate ?? 0) * (quantity ?? 1);
    if (quantity !== null && item.quantityOnHand !== null)
      effects.set(item.listId, (effects.get(item.listId) ?? 0) + sign * quantity);
    return {
      txnLineId: company.newTxnId(),
      item: { listId: item.listId, fullName: item.name },
      desc: textOf(line, "Desc") ?? item.salesDesc,
      quantity,
      rate: rate === null ? null : money(rate),
      amount: money(amount),
    };
  });
  return { lines, effects, total: money(lines.reduce((sum, l) => sum + Number(l.amount), 0)) };
}

function salesAdd(type: "SalesReceipt" | "Invoice" | "CreditMemo"): Handler {
  return (rq, ctx) => {
    const { company } = ctx;
    const node = child(rq, `${type}Add`);
    if (!node) throw missingElement(`${type}Add`);
    const customer = customerOf(company, node, type);
    if (!customer && type !== "SalesReceipt") throw missingElement("CustomerRef");
    const account =
      type === "SalesReceipt"
        ? accountOf(company, child(node, "DepositToAccountRef"), type, "Undeposited Funds")
        : accountOf(company, child(node, "ARAccountRef"), type, "Accounts Receivable");
    const { lines, effects, total } = salesLines(company, node, type, type === "CreditMemo" ? 1 : -1);
    const txn = newTxn(company, {
      type,
      ...head(company, node),
      customer: asRef(customer),
      account: asRef(account),
      lines,
      totalAmount: total,
      appliedTo: [],
      stockEffects: effects,
      requestXml: "",
    });
    return record(ctx, rq, txn);
  };
}

/**
 * Keeps the transaction with the request's markup (for the control API), defines the add's
 * `defMacro` for later requests of the message set, and answers its `*Ret`.
 */
function record(ctx: RequestContext, rq: XmlNode, txn: Txn) {
  ctx.company.addTxn({ ...txn, requestXml: serialize(rq) });
  const macro = rq.children.find((c) => c.name.endsWith("Add"))?.attrs.defMacro;
  if (macro !== undefined) ctx.macros.set(macro, txn.txnId);
  const stored = ctx.company.txns.get(txn.txnId) as Txn;
  return {
    body: [
      txnRet(
        ctx.company,
        stored,
        childrenNamed(rq, "IncludeRetElement").map((n) => n.text),
      ),
    ],
  };
}

const refundAdd: Handler = (rq, ctx) => {
  const { company } = ctx;
  const type = "ARRefundCreditCard";
  const node = child(rq, "ARRefundCreditCardAdd");
  if (!node) throw missingElement("ARRefundCreditCardAdd");
  const customer = customerOf(company, node, type);
  if (!customer) throw missingElement("CustomerRef");
  // GUESS: without RefundFromAccountRef the refund is paid from Undeposited Funds.
  const account = accountOf(company, child(node, "RefundFromAccountRef"), type, "Undeposited Funds");
  const applied = childrenNamed(node, "RefundAppliedToTxnAdd").map((a) => {
    const txnId = textOf(a, "TxnID") ?? "";
    const credit = company.txns.get(txnId);
    if (!credit || credit.deletedAtMs !== null || credit.type !== "CreditMemo") throw objectNotFound(txnId);
    const amount = number(a, "RefundAmount");
    if (amount === null) throw missingElement("RefundAmount");
    if (amount > Number(creditRemaining(company, credit)) + 0.005)
      throw invalidValue("RefundAmount", money(amount));
    return { txnId, amount: money(amount) };
  });
  if (applied.length === 0) throw missingElement("RefundAppliedToTxnAdd");
  const txn = newTxn(company, {
    type,
    ...head(company, node),
    customer: asRef(customer),
    account: asRef(account),
    lines: [],
    totalAmount: money(applied.reduce((sum, a) => sum + Number(a.amount), 0)),
    appliedTo: applied,
    stockEffects: new Map(),
    requestXml: "",
  });
  return record(ctx, rq, txn);
};

const adjustmentAdd: Handler = (rq, ctx) => {
  const { company } = ctx;
  const type = "InventoryAdjustment";
  const node = child(rq, "InventoryAdjustmentAdd");
  if (!node) throw missingElement("InventoryAdjustmentAdd");
  const account = accountOf(company, child(node, "AccountRef"), type);
  if (!account) throw missingElement("AccountRef");
  const effects = new Map<string, number>();
  const lines: TxnLine[] = childrenNamed(node, "InventoryAdjustmentLineAdd").map((line) => {
    const item = resolve(
      child(line, "ItemRef"),
      "Item",
      type,
      (id) => company.items.get(id),
      (n) => company.itemByName(n),
    );
    const adjustment = child(line, "QuantityAdjustment");
    if (!item || !adjustment) throw missingElement(item ? "QuantityAdjustment" : "ItemRef");
    const target = number(adjustment, "NewQuantity");
    const pending = effects.get(item.listId) ?? 0;
    const delta =
      target !== null
        ? target - ((item.quantityOnHand ?? 0) + pending)
        : (number(adjustment, "QuantityDifference") ?? 0);
    effects.set(item.listId, pending + delta);
    return {
      txnLineId: company.newTxnId(),
      item: { listId: item.listId, fullName: item.name },
      desc: null,
      quantity: delta,
      rate: null,
      amount: "0.00",
    };
  });
  const txn = newTxn(company, {
    type,
    ...head(company, node),
    customer: null,
    account: asRef(account),
    lines,
    totalAmount: "0.00",
    appliedTo: [],
    stockEffects: effects,
    requestXml: "",
  });
  return record(ctx, rq, txn);
};

const txnDel: Handler = (rq, ctx) => {
  const type = textOf(rq, "TxnDelType");
  const txnId = textOf(rq, "TxnID");
  if (!type) throw missingElement("TxnDelType");
  if (!txnId) throw missingElement("TxnID");
  const txn = ctx.company.txns.get(txnId);
  if (!txn || txn.deletedAtMs !== null || txn.type !== type) throw objectNotFound(txnId);
  ctx.company.deleteTxn(txn);
  const time = new Date(txn.deletedAtMs ?? ctx.company.clock.nowMs());
  const offset = ctx.company.clock.utcOffsetMinutes;
  return {
    body: [
      `<TxnDelType>${type}</TxnDelType><TxnID>${txnId}</TxnID><TimeDeleted>${formatDateTime(time.getTime(), offset)}</TimeDeleted>`,
    ],
  };
};

export const TXN_WRITES: Readonly<Record<string, Handler>> = {
  SalesReceiptAddRq: salesAdd("SalesReceipt"),
  InvoiceAddRq: salesAdd("Invoice"),
  CreditMemoAddRq: salesAdd("CreditMemo"),
  ARRefundCreditCardAddRq: refundAdd,
  InventoryAdjustmentAddRq: adjustmentAdd,
  TxnDelRq: txnDel,
};
