import type { Company, Txn, TxnLine } from "./company.ts";
import { formatDateTime } from "./qb-time.ts";
import { leaf, money, type RetPart, refPart, renderRet } from "./qbxml-status.ts";
import { element } from "./xml.ts";

function lineRet(txn: Txn, line: TxnLine): string {
  if (txn.type === "InventoryAdjustment") {
    return element("InventoryAdjustmentLineRet", {}, [
      ["TxnLineID", line.txnLineId],
      refPart("ItemRef", line.item)?.[1] ?? "",
      ["QuantityDifference", line.quantity],
    ]);
  }
  return element(`${txn.type}LineRet`, {}, [
    ["TxnLineID", line.txnLineId],
    refPart("ItemRef", line.item)?.[1] ?? "",
    ["Desc", line.desc],
    ["Quantity", line.quantity],
    ["Rate", line.rate],
    ["Amount", line.amount],
  ]);
}

function appliedRet(company: Company, applied: Txn["appliedTo"][number]): string {
  const credit = company.txns.get(applied.txnId);
  return element("RefundAppliedToTxnRet", {}, [
    ["TxnID", applied.txnId],
    ["TxnType", credit?.type],
    ["TxnDate", credit?.txnDate],
    ["RefNumber", credit?.refNumber],
    ["CreditRemaining", credit ? creditRemaining(company, credit) : undefined],
    ["RefundAmount", applied.amount],
  ]);
}

/** What is left of a credit memo after the refunds paid against it. */
export function creditRemaining(company: Company, creditMemo: Txn): string {
  let left = Number(creditMemo.totalAmount);
  for (const refund of company.liveTxns("ARRefundCreditCard"))
    for (const applied of refund.appliedTo)
      if (applied.txnId === creditMemo.txnId) left -= Number(applied.amount);
  return money(left);
}

const ACCOUNT_ELEMENT: Readonly<Record<Txn["type"], string>> = {
  SalesReceipt: "DepositToAccountRef",
  Invoice: "ARAccountRef",
  CreditMemo: "ARAccountRef",
  ARRefundCreditCard: "RefundFromAccountRef",
  InventoryAdjustment: "AccountRef",
};

/** `SalesReceiptRet`, `InvoiceRet`, `CreditMemoRet`, `ARRefundCreditCardRet` or `InventoryAdjustmentRet`. */
export function txnRet(company: Company, txn: Txn, include: readonly string[], withLines = true): string {
  const offset = company.clock.utcOffsetMinutes;
  const account = refPart(ACCOUNT_ELEMENT[txn.type], txn.account);
  const head: RetPart[] = [
    leaf("TxnID", txn.txnId),
    leaf("TimeCreated", formatDateTime(txn.timeCreatedMs, offset)),
    leaf("TimeModified", formatDateTime(txn.timeModifiedMs, offset)),
    leaf("EditSequence", txn.editSequence),
    leaf("TxnNumber", txn.txnNumber),
  ];
  const lines: RetPart[] = withLines
    ? txn.lines.map((line) => [`${txn.type}LineRet`, lineRet(txn, line)] as const)
    : [];
  let body: RetPart[];
  switch (txn.type) {
    case "SalesReceipt":
      body = [
        refPart("CustomerRef", txn.customer),
        leaf("TxnDate", txn.txnDate),
        leaf("RefNumber", txn.refNumber),
        leaf("IsPending", false),
        leaf("Subtotal", txn.totalAmount),
        leaf("SalesTaxTotal", "0.00"),
        leaf("TotalAmount", txn.totalAmount),
        leaf("Memo", txn.memo),
        account,
      ];
      break;
    case "Invoice":
    case "CreditMemo":
      body = [
        refPart("CustomerRef", txn.customer),
        account,
        leaf("TxnDate", txn.txnDate),
        leaf("RefNumber", txn.refNumber),
        leaf("IsPending", false),
        leaf("Subtotal", txn.totalAmount),
        leaf("SalesTaxTotal", "0.00"),
        leaf("TotalAmount", txn.type === "CreditMemo" ? txn.totalAmount : undefined),
        leaf("CreditRemaining", txn.type === "CreditMemo" ? creditRemaining(company, txn) : undefined),
        leaf("AppliedAmount", txn.type === "Invoice" ? "0.00" : undefined),
        leaf("BalanceRemaining", txn.type === "Invoice" ? txn.totalAmount : undefined),
        leaf("Memo", txn.memo),
      ];
      break;
    case "ARRefundCreditCard":
      body = [
        refPart("CustomerRef", txn.customer),
        account,
        leaf("TxnDate", txn.txnDate),
        leaf("RefNumber", txn.refNumber),
        leaf("TotalAmount", txn.totalAmount),
        leaf("Memo", txn.memo),
        ...txn.appliedTo.map((a) => ["RefundAppliedToTxnRet", appliedRet(company, a)] as const),
      ];
      break;
    case "InventoryAdjustment":
      body = [
        account,
        leaf("TxnDate", txn.txnDate),
        leaf("RefNumber", txn.refNumber),
        leaf("Memo", txn.memo),
      ];
      break;
  }
  return renderRet(`${txn.type}Ret`, [...head, ...body, ...lines], include);
}
