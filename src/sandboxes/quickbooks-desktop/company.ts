import type { CompanyClock } from "./qb-time.ts";

export type ItemType = "ItemInventory" | "ItemInventoryAssembly" | "ItemService" | "ItemDiscount";

export interface Item {
  readonly listId: string;
  readonly type: ItemType;
  name: string;
  isActive: boolean;
  salesDesc: string | null;
  /** Two-place decimal string, as qbXML writes amounts. */
  salesPrice: string;
  manufacturerPartNumber: string | null;
  /** Inventory and assembly items only; null for services and discounts. */
  quantityOnHand: number | null;
  editSequence: string;
  readonly timeCreatedMs: number;
  timeModifiedMs: number;
}

export interface Customer {
  readonly listId: string;
  readonly name: string;
  isActive: boolean;
  editSequence: string;
  readonly timeCreatedMs: number;
  timeModifiedMs: number;
}

export interface Account {
  readonly listId: string;
  readonly name: string;
  readonly accountType: string;
  readonly editSequence: string;
  readonly timeCreatedMs: number;
}

export type TxnType =
  | "SalesReceipt"
  | "Invoice"
  | "CreditMemo"
  | "ARRefundCreditCard"
  | "InventoryAdjustment";

export interface Ref {
  readonly listId: string;
  readonly fullName: string;
}

export interface TxnLine {
  readonly txnLineId: string;
  readonly item: Ref;
  readonly desc: string | null;
  readonly quantity: number | null;
  readonly rate: string | null;
  readonly amount: string;
}

export interface Txn {
  readonly type: TxnType;
  readonly txnId: string;
  readonly txnNumber: number;
  readonly editSequence: string;
  readonly timeCreatedMs: number;
  readonly timeModifiedMs: number;
  readonly txnDate: string;
  readonly refNumber: string | null;
  readonly customer: Ref | null;
  /** DepositToAccountRef, ARAccountRef or RefundFromAccountRef, whichever the type has. */
  readonly account: Ref | null;
  readonly memo: string | null;
  readonly lines: readonly TxnLine[];
  readonly totalAmount: string;
  /** ARRefundCreditCard: the credit memos the refund is paid against. */
  readonly appliedTo: readonly { readonly txnId: string; readonly amount: string }[];
  /** Stock moved by the transaction, per item ListID, so a deletion can undo it. */
  readonly stockEffects: ReadonlyMap<string, number>;
  /** The Add request exactly as the hub sent it, for the control API. */
  readonly requestXml: string;
  deletedAtMs: number | null;
}

/** A sales tax code of the company: the code a sales line's SalesTaxCodeRef names. */
export interface SalesTaxCode {
  readonly listId: string;
  readonly name: string;
  readonly isTaxable: boolean;
  isActive: boolean;
  readonly editSequence: string;
  readonly timeCreatedMs: number;
}

/**
 * The sales tax codes a new company file has: Tax and Non in the US edition; outside the US the
 * UK edition's VAT codes S (standard), Z (zero-rated) and E (exempt) stand for every other
 * edition (a simplification: Canadian files use G, H, … codes).
 */
const TAX_CODES: Readonly<Record<string, readonly [name: string, taxable: boolean][]>> = {
  US: [
    ["Tax", true],
    ["Non", false],
  ],
  other: [
    ["S", true],
    ["Z", true],
    ["E", false],
  ],
};

const key = (name: string) => name.toLowerCase();

/**
 * An in-memory company file: lists (items, customers, accounts) and transactions, with the ids,
 * edit sequences and modification times QuickBooks Desktop keeps. Names are unique without
 * regard to case, as in QuickBooks.
 */
export class Company {
  readonly items = new Map<string, Item>();
  readonly customers = new Map<string, Customer>();
  readonly accounts = new Map<string, Account>();
  readonly txns = new Map<string, Txn>();
  readonly salesTaxCodes = new Map<string, SalesTaxCode>();
  /** The edition's country, as HostQuery and the Web Connector's qbXMLCountry report it. */
  country = "US";
  private readonly itemNames = new Map<string, string>();
  private readonly customerNames = new Map<string, string>();
  private readonly accountNames = new Map<string, string>();
  private idCounter = 0;
  private txnNumber = 0;

  constructor(
    readonly clock: CompanyClock,
    readonly name = "Stockwire Sample Company",
    country = "US",
  ) {
    this.setCountry(country);
  }

  /** Makes this a company file of another edition, with that edition's sales tax codes. */
  setCountry(country: string): void {
    this.country = country;
    this.salesTaxCodes.clear();
    for (const [name, isTaxable] of TAX_CODES[country === "US" ? "US" : "other"]!) {
      const code: SalesTaxCode = {
        listId: this.newListId(),
        name,
        isTaxable,
        isActive: true,
        editSequence: this.nextEditSequence(),
        timeCreatedMs: this.clock.nowMs(),
      };
      this.salesTaxCodes.set(code.listId, code);
    }
  }

  salesTaxCodeByName(name: string): SalesTaxCode | undefined {
    return [...this.salesTaxCodes.values()].find((c) => key(c.name) === key(name));
  }

  private seconds(): number {
    return Math.floor(this.clock.nowMs() / 1000);
  }

  /** `80000001-1231522938`: a hex sequence and the creation time, as QuickBooks forms ListIDs. */
  newListId(): string {
    this.idCounter += 1;
    return `${(0x80000000 + this.idCounter).toString(16).toUpperCase()}-${this.seconds()}`;
  }

  /** `141CA5-1231522949`, the TxnID form. */
  newTxnId(): string {
    this.idCounter += 1;
    return `${(0x10000 + this.idCounter).toString(16).toUpperCase()}-${this.seconds()}`;
  }

  nextTxnNumber(): number {
    this.txnNumber += 1;
    return this.txnNumber;
  }

  /** A new EditSequence: the time in seconds, moved on when two edits share a second. */
  nextEditSequence(previous?: string): string {
    const now = this.seconds();
    return String(previous === undefined ? now : Math.max(Number(previous) + 1, now));
  }

  itemByName(name: string): Item | undefined {
    const id = this.itemNames.get(key(name));
    return id === undefined ? undefined : this.items.get(id);
  }

  customerByName(name: string): Customer | undefined {
    const id = this.customerNames.get(key(name));
    return id === undefined ? undefined : this.customers.get(id);
  }

  accountByName(name: string): Account | undefined {
    const id = this.accountNames.get(key(name));
    return id === undefined ? undefined : this.accounts.get(id);
  }

  nameInUse(name: string): boolean {
    const k = key(name);
    return this.itemNames.has(k) || this.customerNames.has(k) || this.accountNames.has(k);
  }

  addItem(fields: Omit<Item, "listId" | "editSequence" | "timeCreatedMs" | "timeModifiedMs">): Item {
    const now = this.clock.nowMs();
    const item: Item = {
      ...fields,
      listId: this.newListId(),
      editSequence: this.nextEditSequence(),
      timeCreatedMs: now,
      timeModifiedMs: now,
    };
    this.items.set(item.listId, item);
    this.itemNames.set(key(item.name), item.listId);
    return item;
  }

  renameItem(item: Item, name: string): void {
    this.itemNames.delete(key(item.name));
    item.name = name;
    this.itemNames.set(key(name), item.listId);
  }

  addCustomer(name: string): Customer {
    const now = this.clock.nowMs();
    const customer: Customer = {
      listId: this.newListId(),
      name,
      isActive: true,
      editSequence: this.nextEditSequence(),
      timeCreatedMs: now,
      timeModifiedMs: now,
    };
    this.customers.set(customer.listId, customer);
    this.customerNames.set(key(name), customer.listId);
    return customer;
  }

  addAccount(name: string, accountType: string): Account {
    const account: Account = {
      listId: this.newListId(),
      name,
      accountType,
      editSequence: this.nextEditSequence(),
      timeCreatedMs: this.clock.nowMs(),
    };
    this.accounts.set(account.listId, account);
    this.accountNames.set(key(name), account.listId);
    return account;
  }

  /** Any change to a list element: new EditSequence and TimeModified. */
  touch(record: Item | Customer): void {
    record.editSequence = this.nextEditSequence(record.editSequence);
    record.timeModifiedMs = this.clock.nowMs();
  }

  /** A transaction moved stock: the item's TimeModified changes too, which `FromModifiedDate` finds. */
  moveStock(listId: string, delta: number): void {
    const item = this.items.get(listId);
    if (!item || item.quantityOnHand === null || delta === 0) return;
    item.quantityOnHand += delta;
    this.touch(item);
  }

  /** An accountant's inventory adjustment in the QuickBooks window, outside any Web Connector session. */
  setQuantityOnHand(item: Item, quantity: number): void {
    if (item.quantityOnHand === null) throw new Error(`${item.name} does not track quantity`);
    this.moveStock(item.listId, quantity - item.quantityOnHand);
  }

  addTxn(txn: Txn): void {
    this.txns.set(txn.txnId, txn);
    for (const [listId, delta] of txn.stockEffects) this.moveStock(listId, delta);
  }

  deleteTxn(txn: Txn): void {
    txn.deletedAtMs = this.clock.nowMs();
    for (const [listId, delta] of txn.stockEffects) this.moveStock(listId, -delta);
  }

  liveTxns(type?: TxnType): Txn[] {
    return [...this.txns.values()].filter(
      (t) => t.deletedAtMs === null && (type === undefined || t.type === type),
    );
  }
}
