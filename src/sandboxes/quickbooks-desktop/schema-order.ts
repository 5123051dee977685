import type { XmlNode } from "./xml.ts";

/**
 * The qbXML 13.0 element sequences of the requests the sandbox answers, from Intuit's On-Screen
 * Reference. QuickBooks rejects a whole request document whose elements are unknown or out of
 * schema order, so the sandbox does too. `A|B` are choices that share one place in the sequence.
 * Elements the sandbox does not act on are listed so that valid documents pass.
 */
// biome-ignore format: the sequences read best as Intuit's reference prints them, many to a line
const SEQUENCES: Readonly<Record<string, readonly string[]>> = {
  Ref: ["ListID", "FullName"],
  Address: ["Addr1", "Addr2", "Addr3", "Addr4", "Addr5", "City", "State", "PostalCode", "Country", "Note"],
  ListQuery: [
    "ListID",
    "FullName",
    "MaxReturned",
    "ActiveStatus",
    "FromModifiedDate",
    "ToModifiedDate",
    "NameFilter|NameRangeFilter",
    "IncludeRetElement",
    "OwnerID",
  ],
  NameFilter: ["MatchCriterion", "Name"],
  NameRangeFilter: ["FromName", "ToName"],
  TxnQuery: [
    "TxnID",
    "RefNumber",
    "RefNumberCaseSensitive",
    "MaxReturned",
    "ModifiedDateRangeFilter|TxnDateRangeFilter",
    "EntityFilter",
    "AccountFilter",
    "RefNumberFilter|RefNumberRangeFilter",
    "CurrencyFilter",
    "PaidStatus",
    "IncludeLineItems",
    "IncludeLinkedTxns",
    "IncludeRetElement",
    "OwnerID",
  ],
  ModifiedDateRangeFilter: ["FromModifiedDate", "ToModifiedDate"],
  TxnDateRangeFilter: ["FromTxnDate", "ToTxnDate", "DateMacro"],
  EntityFilter: ["ListID", "FullName", "ListIDWithChildren", "FullNameWithChildren"],
  RefNumberFilter: ["MatchCriterion", "RefNumber"],
  RefNumberRangeFilter: ["FromRefNumber", "ToRefNumber"],
  SalesReceiptAdd: [
    "CustomerRef", "ClassRef", "TemplateRef", "TxnDate", "RefNumber", "BillAddress", "ShipAddress",
    "IsPending", "CheckNumber", "PaymentMethodRef", "DueDate", "SalesRepRef", "ShipDate", "ShipMethodRef",
    "FOB", "ItemSalesTaxRef", "Memo", "CustomerMsgRef", "IsToBePrinted", "IsToBeEmailed", "IsTaxIncluded",
    "CustomerSalesTaxCodeRef", "DepositToAccountRef", "CreditCardTxnInfo", "Other", "ExchangeRate",
    "ExternalGUID", "SalesReceiptLineAdd|SalesReceiptLineGroupAdd",
  ],
  InvoiceAdd: [
    "CustomerRef", "ClassRef", "ARAccountRef", "TemplateRef", "TxnDate", "RefNumber", "BillAddress",
    "ShipAddress", "IsPending", "PONumber", "TermsRef", "DueDate", "SalesRepRef", "FOB", "ShipDate",
    "ShipMethodRef", "ItemSalesTaxRef", "Memo", "CustomerMsgRef", "IsToBePrinted", "IsToBeEmailed",
    "IsTaxIncluded", "CustomerSalesTaxCodeRef", "Other", "ExchangeRate", "ExternalGUID", "LinkToTxnID",
    "SetCredit", "InvoiceLineAdd|InvoiceLineGroupAdd",
  ],
  CreditMemoAdd: [
    "CustomerRef", "ClassRef", "ARAccountRef", "TemplateRef", "TxnDate", "RefNumber", "BillAddress",
    "ShipAddress", "IsPending", "PONumber", "TermsRef", "DueDate", "SalesRepRef", "FOB", "ShipDate",
    "ShipMethodRef", "ItemSalesTaxRef", "Memo", "CustomerMsgRef", "IsToBePrinted", "IsToBeEmailed",
    "IsTaxIncluded", "CustomerSalesTaxCodeRef", "Other", "ExchangeRate", "ExternalGUID",
    "CreditMemoLineAdd|CreditMemoLineGroupAdd",
  ],
  SalesLine: [
    "ItemRef", "Desc", "Quantity", "UnitOfMeasure", "Rate|RatePercent|PriceLevelRef", "ClassRef", "Amount",
    "OptionForPriceRuleConflict", "InventorySiteRef", "InventorySiteLocationRef", "SerialNumber|LotNumber",
    "ServiceDate", "SalesTaxCodeRef", "IsTaxable", "OverrideItemAccountRef", "Other1", "Other2",
    "LinkToTxn", "CreditCardTxnInfo", "DataExt",
  ],
  ARRefundCreditCardAdd: [
    "CustomerRef", "RefundFromAccountRef", "ARAccountRef", "TxnDate", "RefNumber", "Address",
    "PaymentMethodRef", "Memo", "CreditCardTxnInfo", "ExchangeRate", "ExternalGUID", "RefundAppliedToTxnAdd",
  ],
  RefundAppliedToTxnAdd: ["TxnID", "RefundAmount"],
  TxnDelRq: ["TxnDelType", "TxnID"],
  CustomerAdd: [
    "Name", "IsActive", "ClassRef", "ParentRef", "CompanyName", "Salutation", "FirstName", "MiddleName",
    "LastName", "JobTitle", "BillAddress", "ShipAddress", "ShipToAddress", "Phone", "AltPhone", "Fax",
    "Email", "Cc", "Contact", "AltContact", "CustomerTypeRef", "TermsRef", "SalesRepRef", "OpenBalance",
    "OpenBalanceDate", "SalesTaxCodeRef", "ItemSalesTaxRef", "ResaleNumber", "AccountNumber",
    "CreditLimit", "PreferredPaymentMethodRef", "Notes", "PreferredDeliveryMethod", "PriceLevelRef",
    "ExternalGUID", "CurrencyRef",
  ],
  ItemInventoryMod: [
    "ListID", "EditSequence", "Name", "BarCode", "IsActive", "ClassRef", "ParentRef", "ManufacturerPartNumber",
    "UnitOfMeasureSetRef", "ForceUOMChange", "IsTaxIncluded", "SalesTaxCodeRef", "SalesDesc", "SalesPrice",
    "IncomeAccountRef", "ApplyIncomeAccountRefToExistingTxns", "PurchaseDesc", "PurchaseCost",
    "PurchaseTaxCodeRef", "COGSAccountRef", "ApplyCOGSAccountRefToExistingTxns", "PrefVendorRef",
    "AssetAccountRef", "ReorderPoint", "Max",
  ],
  InventoryAdjustmentAdd: [
    "AccountRef", "TxnDate", "RefNumber", "InventorySiteRef", "CustomerRef", "ClassRef", "Memo",
    "ExternalGUID", "InventoryAdjustmentLineAdd",
  ],
  InventoryAdjustmentLineAdd: [
    "ItemRef", "QuantityAdjustment|ValueAdjustment|SerialNumberAdjustment|LotNumberAdjustment",
  ],
  QuantityAdjustment: ["NewQuantity|QuantityDifference", "InventorySiteLocationRef"],
};

/** Which sequence an element's children follow, by element name. */
function sequenceFor(name: string): readonly string[] | undefined {
  if (name.endsWith("QueryRq")) {
    return /^(SalesReceipt|Invoice|CreditMemo|ARRefundCreditCard)QueryRq$/.test(name)
      ? SEQUENCES.TxnQuery
      : SEQUENCES.ListQuery;
  }
  if (/^(SalesReceipt|Invoice|CreditMemo)LineAdd$/.test(name)) return SEQUENCES.SalesLine;
  if (name.endsWith("Ref") && name !== "Ref") return SEQUENCES.Ref;
  if (/(Bill|Ship)Address$|^Address$/.test(name)) return SEQUENCES.Address;
  return SEQUENCES[name];
}

/** Where each child may stand: the index of its place in the sequence. */
function placeOf(sequence: readonly string[], name: string): number {
  return sequence.findIndex((entry) => entry.split("|").includes(name));
}

/** The first element out of schema order or unknown, as `Parent/Child`, or null when the tree is valid. */
export function findOrderViolation(node: XmlNode): string | null {
  const sequence = sequenceFor(node.name);
  if (sequence) {
    let last = -1;
    for (const c of node.children) {
      const place = placeOf(sequence, c.name);
      if (place < 0) return `${node.name}/${c.name}: unknown element`;
      if (place < last) return `${node.name}/${c.name}: out of schema order`;
      last = place;
    }
  }
  for (const c of node.children) {
    const violation = findOrderViolation(c);
    if (violation) return violation;
  }
  return null;
}
