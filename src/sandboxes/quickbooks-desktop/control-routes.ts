import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Company, Item, Txn } from "./company.ts";
import { ITEM_NAME_MAX, upsertItems } from "./company-seed.ts";
import { formatDateTime } from "./qb-time.ts";
import type { QuickBooksApp } from "./quickbooks-app.ts";
import type { ConnectorSwitches, SessionRecord } from "./web-connector.ts";

export interface ControlDeps {
  readonly app: QuickBooksApp;
  readonly switches: ConnectorSwitches;
  readonly companyFile: string;
  readonly sessions: readonly SessionRecord[];
  runSession(): Promise<SessionRecord>;
}

const itemSeeds = z
  .array(
    z.object({
      name: z.string().trim().min(1).max(ITEM_NAME_MAX),
      quantityOnHand: z.number().int(),
      salesPrice: z
        .string()
        .regex(/^\d+(\.\d{1,2})?$/)
        .optional(),
      salesDesc: z.string().max(4095).optional(),
      type: z.enum(["ItemInventory", "ItemInventoryAssembly"]).optional(),
    }),
  )
  .max(100_000);
const quantity = z.object({ quantityOnHand: z.number().int() });
const switchesBody = z
  .object({
    companyClosed: z.boolean(),
    dropAfterSend: z.number().int().min(0),
    staleEditSequences: z.number().int().min(0),
    slowMsPerRequest: z.number().int().min(0).max(600_000),
  })
  .partial();
const txnQuery = z.object({
  type: z
    .enum(["SalesReceipt", "Invoice", "CreditMemo", "ARRefundCreditCard", "InventoryAdjustment"])
    .optional(),
});

function itemView(company: Company, item: Item) {
  return {
    listId: item.listId,
    type: item.type,
    name: item.name,
    isActive: item.isActive,
    quantityOnHand: item.quantityOnHand,
    salesPrice: item.salesPrice,
    editSequence: item.editSequence,
    timeModified: formatDateTime(item.timeModifiedMs, company.clock.utcOffsetMinutes),
  };
}

function txnView(txn: Txn) {
  return {
    type: txn.type,
    txnId: txn.txnId,
    txnDate: txn.txnDate,
    refNumber: txn.refNumber,
    customer: txn.customer?.fullName ?? null,
    account: txn.account?.fullName ?? null,
    memo: txn.memo,
    totalAmount: txn.totalAmount,
    lines: txn.lines.map((l) => ({
      item: l.item.fullName,
      quantity: l.quantity,
      rate: l.rate,
      amount: l.amount,
    })),
    appliedTo: txn.appliedTo,
    deleted: txn.deletedAtMs !== null,
    requestXml: txn.requestXml,
  };
}

/**
 * `/_sandbox/…`: act on the company from outside a Web Connector session (an accountant's edits,
 * seeding), read what the hub posted, flip the switches, and run a session now.
 */
export function registerControlRoutes(server: FastifyInstance, deps: ControlDeps): void {
  const { company } = deps.app;
  server.get("/_sandbox/company", async () => ({
    name: company.name,
    companyFile: deps.companyFile,
    newestQbxmlVersion: deps.app.newestVersion,
    items: company.items.size,
    customers: company.customers.size,
    transactions: company.liveTxns().length,
  }));
  server.get("/_sandbox/items", async (request) => {
    const { name } = z.object({ name: z.string().optional() }).parse(request.query);
    const items =
      name === undefined ? [...company.items.values()] : [company.itemByName(name)].filter((i) => !!i);
    return items.map((item) => itemView(company, item as Item));
  });
  server.post("/_sandbox/items", async (request) =>
    upsertItems(company, itemSeeds.parse(request.body)).map((item) => itemView(company, item)),
  );
  server.put("/_sandbox/items/:name/quantity", async (request, reply) => {
    const { name } = z.object({ name: z.string() }).parse(request.params);
    const item = company.itemByName(name);
    if (!item || item.quantityOnHand === null)
      return reply
        .code(404)
        .send({ error: { code: "not_found", message: `no inventory item named ${name}` } });
    company.setQuantityOnHand(item, quantity.parse(request.body).quantityOnHand);
    return itemView(company, item);
  });
  server.get("/_sandbox/customers", async () =>
    [...company.customers.values()].map((c) => ({ listId: c.listId, name: c.name, isActive: c.isActive })),
  );
  server.get("/_sandbox/transactions", async (request) => {
    const { type } = txnQuery.parse(request.query);
    return [...company.txns.values()].filter((t) => type === undefined || t.type === type).map(txnView);
  });
  server.get("/_sandbox/switches", async () => switchesView(deps));
  server.put("/_sandbox/switches", async (request) => {
    const body = switchesBody.parse(request.body);
    if (body.companyClosed !== undefined) deps.switches.companyClosed = body.companyClosed;
    if (body.dropAfterSend !== undefined) deps.switches.dropAfterSend = body.dropAfterSend;
    if (body.staleEditSequences !== undefined) deps.app.switches.staleEditSequences = body.staleEditSequences;
    if (body.slowMsPerRequest !== undefined) deps.app.options.slowMsPerRequest = body.slowMsPerRequest;
    return switchesView(deps);
  });
  server.get("/_sandbox/sessions", async () => deps.sessions);
  server.post("/_sandbox/sessions", async () => deps.runSession());
}

function switchesView(deps: ControlDeps) {
  return {
    companyClosed: deps.switches.companyClosed,
    dropAfterSend: deps.switches.dropAfterSend,
    staleEditSequences: deps.app.switches.staleEditSequences,
    slowMsPerRequest: deps.app.options.slowMsPerRequest ?? 0,
  };
}
