import { faults } from "./faults.ts";
import { ENTITY_KINDS, type Preferences } from "./kinds/index.ts";
import type { LimitSettings } from "./limits.ts";
import { createEntity, updateEntity } from "./operations.ts";
import { formatDate } from "./qbo-time.ts";
import type { RequestLogSummary } from "./request-log.ts";
import type { SandboxState } from "./sandbox-state.ts";
import { type Fields, type QboEntity, roundMoney } from "./types.ts";
import type { WebhookDelivery, WebhookSubscriptionInput } from "./webhooks.ts";

export interface ItemLookup {
  id?: string;
  /** Exact match; QBO does not keep SKUs unique, so the lowest Id wins. */
  sku?: string;
  /** Matched without case, like QBO names. */
  name?: string;
}

export interface ItemEdit {
  Name?: string;
  Sku?: string;
  QtyOnHand?: number;
  UnitPrice?: number;
  PurchaseCost?: number;
  Active?: boolean;
  Description?: string;
}

export interface ManualItemInput extends ItemEdit {
  Name: string;
  /** Default "Inventory". */
  Type?: "Inventory" | "NonInventory" | "Service";
}

export interface ManualLine {
  itemId?: string;
  sku?: string;
  qty: number;
  /** Default: the item's UnitPrice. */
  unitPrice?: number;
}

export interface ManualDocumentInput {
  lines: ManualLine[];
  /** Default: the first customer. */
  customerId?: string;
  docNumber?: string;
  txnDate?: string;
  privateNote?: string;
}

export const POSTED_ENTITIES = ["SalesReceipt", "Invoice", "RefundReceipt", "CreditMemo"] as const;
export type PostedDocuments = Record<(typeof POSTED_ENTITIES)[number], QboEntity[]>;

/** What a test (or a person at the keyboard) can do to the company besides calling the API. */
export interface SandboxControl {
  findItem(lookup: ItemLookup): QboEntity | undefined;
  createItem(input: ManualItemInput): QboEntity;
  /** An accountant's edit in the QBO screens: a normal Item update (SyncToken, CDC, webhook). */
  editItem(lookup: ItemLookup, edit: ItemEdit): QboEntity;
  createRefundReceipt(input: ManualDocumentInput): QboEntity;
  createCreditMemo(input: ManualDocumentInput): QboEntity;
  /** Sales documents in the books, with their lines, oldest first. */
  posted(): PostedDocuments;
  expireAccessTokens(): void;
  /** Moves the sandbox clock forward; returns the new time (ISO). */
  advanceClock(ms: number): string;
  now(): string;
  limits(): LimitSettings;
  setLimits(patch: Partial<LimitSettings>): LimitSettings;
  requestLog(): RequestLogSummary;
  preferences(): Preferences;
  setPreferences(patch: Partial<Preferences>): Preferences;
  subscribeWebhook(input: WebhookSubscriptionInput): { id: string };
  unsubscribeWebhook(id: string): boolean;
  /** Sends pending notifications now and resolves with the deliveries made. */
  flushWebhooks(): Promise<WebhookDelivery[]>;
  webhookDeliveries(): WebhookDelivery[];
  /** Back to the seeded company, default limits and preferences; clears logs and webhook subscribers. */
  reset(): void;
}

function byId(a: QboEntity, b: QboEntity): number {
  return Number(a.Id) - Number(b.Id);
}

export function createControl(state: SandboxState): SandboxControl {
  const { store } = state;

  const findItem = (lookup: ItemLookup): QboEntity | undefined => {
    if (lookup.id !== undefined) return store.get("Item", lookup.id);
    const items = store.list("Item").sort(byId);
    if (lookup.sku !== undefined) return items.find((item) => item.Sku === lookup.sku);
    const name = lookup.name?.toLowerCase();
    return name === undefined ? undefined : items.find((item) => String(item.Name).toLowerCase() === name);
  };

  const requireItem = (lookup: ItemLookup): QboEntity => {
    const item = findItem(lookup);
    if (!item) throw faults.objectNotFound();
    return item;
  };

  const accountRef = (subType: string) => {
    const account = store.list("Account").find((a) => a.AccountSubType === subType);
    if (!account) throw faults.objectNotFound();
    return { value: account.Id };
  };

  const manualDocument = (entity: "RefundReceipt" | "CreditMemo", input: ManualDocumentInput): QboEntity => {
    const lines = input.lines.map((line) => {
      const item = requireItem(line.itemId !== undefined ? { id: line.itemId } : { sku: line.sku });
      const unitPrice = line.unitPrice ?? (typeof item.UnitPrice === "number" ? item.UnitPrice : 0);
      return {
        DetailType: "SalesItemLineDetail",
        Amount: roundMoney(line.qty * unitPrice),
        SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: line.qty, UnitPrice: unitPrice },
      };
    });
    const customerId = input.customerId ?? store.list("Customer").sort(byId)[0]?.Id;
    const body: Fields = {
      Line: lines,
      ...(customerId === undefined ? {} : { CustomerRef: { value: customerId } }),
      ...(entity === "RefundReceipt" ? { DepositToAccountRef: accountRef("Checking") } : {}),
      ...(input.docNumber === undefined ? {} : { DocNumber: input.docNumber }),
      ...(input.txnDate === undefined ? {} : { TxnDate: input.txnDate }),
      ...(input.privateNote === undefined ? {} : { PrivateNote: input.privateNote }),
    };
    return createEntity(state.context(), ENTITY_KINDS[entity], body);
  };

  return {
    findItem,
    createItem(input) {
      const type = input.Type ?? "Inventory";
      const inventory =
        type === "Inventory"
          ? {
              TrackQtyOnHand: true,
              QtyOnHand: input.QtyOnHand ?? 0,
              InvStartDate: formatDate(state.clock.now()),
              ExpenseAccountRef: accountRef("SuppliesMaterialsCogs"),
              AssetAccountRef: accountRef("Inventory"),
            }
          : {};
      return createEntity(state.context(), ENTITY_KINDS.Item, {
        ...input,
        Type: type,
        IncomeAccountRef: accountRef(type === "Service" ? "ServiceFeeIncome" : "SalesOfProductIncome"),
        ...inventory,
      });
    },
    editItem(lookup, edit) {
      const item = requireItem(lookup);
      return updateEntity(state.context(), ENTITY_KINDS.Item, {
        ...edit,
        Id: item.Id,
        SyncToken: item.SyncToken,
        sparse: true,
      });
    },
    createRefundReceipt: (input) => manualDocument("RefundReceipt", input),
    createCreditMemo: (input) => manualDocument("CreditMemo", input),
    posted: () => ({
      SalesReceipt: store.list("SalesReceipt").sort(byId),
      Invoice: store.list("Invoice").sort(byId),
      RefundReceipt: store.list("RefundReceipt").sort(byId),
      CreditMemo: store.list("CreditMemo").sort(byId),
    }),
    expireAccessTokens: () => state.oauth.expireAccessTokens(),
    advanceClock(ms) {
      state.clock.advance(ms);
      return new Date(state.clock.now()).toISOString();
    },
    now: () => new Date(state.clock.now()).toISOString(),
    limits: () => state.limiter.settings(),
    setLimits: (patch) => state.limiter.update(patch),
    requestLog: () => state.log.summary(),
    preferences: () => ({ ...state.prefs }),
    setPreferences(patch) {
      state.prefs = { ...state.prefs, ...patch };
      return { ...state.prefs };
    },
    subscribeWebhook: (input) => state.webhooks.subscribe(input),
    unsubscribeWebhook: (id) => state.webhooks.unsubscribe(id),
    flushWebhooks: () => state.webhooks.flush(),
    webhookDeliveries: () => state.webhooks.deliveries(),
    reset: () => state.reset(),
  };
}
