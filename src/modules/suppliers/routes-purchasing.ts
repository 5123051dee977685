import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { problems } from "../../http/openapi.ts";
import { cursorShapes, decodeCursor, pageOf, pageQuery } from "../../http/pagination.ts";
import { draftByHand, draftFromNeeds } from "./purchase-order-drafts.ts";
import { sendPurchaseOrder } from "./purchase-order-send.ts";
import {
  purchaseOrderView,
  purchaseOrderViews,
  receiptView,
  supplyNeedView,
} from "./purchase-order-views.ts";
import { cancelPurchaseOrder, getPurchaseOrder, listPurchaseOrders } from "./purchase-orders.ts";
import { receivePurchaseOrder } from "./purchase-receipts.ts";
import {
  createPurchaseOrdersFromNeedsResponse,
  listPurchaseOrdersResponse,
  listSupplyNeedsResponse,
  purchaseOrderResponse,
  receivePurchaseOrderResponse,
  sendPurchaseOrderResponse,
} from "./response-schemas.ts";
import { purchaseOrderStatuses } from "./schema.ts";
import { getSupplier } from "./suppliers.ts";
import { DEFAULT_REVIEW_DAYS, DEFAULT_SAFETY_DAYS, supplyNeedsPage } from "./supply-needs.ts";
import { minorOf } from "./views.ts";

const idParams = z.object({ id: z.uuid() });
/** Supply needs page by product id (the only order suppliers' own tables give); both parts are the id. */
const productIdCursor = z.strictObject({ v: z.uuid(), id: z.uuid() });
const needSettings = {
  safetyDays: z.coerce.number().int().min(0).max(365).default(DEFAULT_SAFETY_DAYS),
  reviewDays: z.coerce.number().int().min(0).max(365).default(DEFAULT_REVIEW_DAYS),
};
const quantity = z.number().int().min(1).max(10_000_000);
const productRef = { sku: z.string().min(1).max(255) };
const productIdRef = { productId: z.uuid() };
const handLine = z.union([
  z.strictObject({
    ...productRef,
    quantity,
    cost: z.union([z.number().min(0), z.string().trim().min(1).max(30)]).optional(),
  }),
  z.strictObject({
    ...productIdRef,
    quantity,
    cost: z.union([z.number().min(0), z.string().trim().min(1).max(30)]).optional(),
  }),
]);
const receiptLine = z.union([
  z.strictObject({ ...productRef, quantity }),
  z.strictObject({ ...productIdRef, quantity }),
]);

export function registerPurchasingRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  // The tag the document already declares for this module (src/http/openapi.ts).
  const tags = ["suppliers"];
  const sources = () => ({ db: ctx.db, salesRatesOf: ctx.salesRatesOf, now: new Date() });

  app.get(
    "/supply-needs",
    {
      schema: {
        operationId: "listSupplyNeeds",
        tags,
        summary: "What to order of each product with a supplier, and why, in words",
        description:
          "Per product linked to a supplier (through its preferred link): reorder point = sales/day × (lead time + " +
          "safetyDays); need = reorder point + sales/day × reviewDays − available − on order, rounded up to the link's " +
          "multiple and minimum. Sales/day is the planner's average over its report window. Only products with " +
          "something to order unless `all=true`.",
        querystring: pageQuery.extend({
          all: z.enum(["true", "false"]).optional(),
          ...needSettings,
        }),
        response: { 200: listSupplyNeedsResponse, ...problems({ 400: ["invalid_cursor"] }) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const { limit, cursor, all, safetyDays, reviewDays } = request.query;
      const after = decodeCursor(cursor, productIdCursor);
      const rows = await supplyNeedsPage(sources(), accountId, {
        afterProductId: after?.id,
        limit,
        all: all === "true",
        settings: { safetyDays, reviewDays },
      });
      const page = pageOf(rows, limit, (r) => ({ v: r.productId, id: r.productId }));
      return { items: page.items.map(supplyNeedView), nextCursor: page.nextCursor };
    },
  );

  app.get(
    "/purchase-orders",
    {
      schema: {
        operationId: "listPurchaseOrders",
        tags,
        summary: "Purchase orders, newest first",
        querystring: pageQuery.extend({ status: z.enum(purchaseOrderStatuses).optional() }),
        response: { 200: listPurchaseOrdersResponse, ...problems({ 400: ["invalid_cursor"] }) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const { limit, cursor, status } = request.query;
      const after = decodeCursor(cursor, cursorShapes.instantAndUuid);
      const rows = await listPurchaseOrders(ctx.db, accountId, { limit, after, status });
      const page = pageOf(rows, limit, (o) => ({ v: o.createdAt.toISOString(), id: o.id }));
      const items = (await purchaseOrderViews(ctx.db, accountId, page.items)).map(
        ({ receipts: _, ...o }) => o,
      );
      return { items, nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/purchase-orders",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "createPurchaseOrders",
        tags,
        summary: "Draft a purchase order by hand, or one per supplier from the supply needs",
        description:
          "`{supplierId, note?, lines:[{sku | productId, quantity, cost?}]}` drafts one order (201, the order); a " +
          "product the supplier links takes the link's supplier SKU and cost. `{fromNeeds: true, safetyDays?, " +
          "reviewDays?}` drafts one order per preferred supplier from every product with something to order (201, " +
          "`{items}`; empty when nothing needs ordering).",
        body: z.union([
          z.strictObject({
            supplierId: z.uuid(),
            note: z.string().max(5000).nullable().optional(),
            lines: z.array(handLine).min(1).max(1000),
          }),
          z.strictObject({
            fromNeeds: z.literal(true),
            safetyDays: needSettings.safetyDays.optional(),
            reviewDays: needSettings.reviewDays.optional(),
          }),
        ]),
        response: {
          201: z.union([purchaseOrderResponse, createPurchaseOrdersFromNeedsResponse]),
          ...problems({
            400: ["amount_invalid", "purchase_order_line_repeated"],
            404: ["supplier_not_found", "product_not_found"],
          }),
        },
      },
    },
    async (request, reply) => {
      const { accountId } = principalOf(request);
      const body = request.body;
      if ("fromNeeds" in body) {
        const drafted = await draftFromNeeds(sources(), accountId, {
          safetyDays: body.safetyDays ?? DEFAULT_SAFETY_DAYS,
          reviewDays: body.reviewDays ?? DEFAULT_REVIEW_DAYS,
        });
        return reply.code(201).send({ items: await purchaseOrderViews(ctx.db, accountId, drafted) });
      }
      const supplier = await getSupplier(ctx.db, accountId, body.supplierId);
      const order = await draftByHand(ctx.db, accountId, {
        supplierId: supplier.id,
        note: body.note,
        lines: body.lines.map((l) => ({
          ...("sku" in l ? { sku: l.sku } : { productId: l.productId }),
          quantity: l.quantity,
          ...(l.cost !== undefined ? { costMinor: minorOf(l.cost, supplier.currency, "cost") } : {}),
        })),
      });
      return reply.code(201).send(await purchaseOrderView(ctx.db, accountId, order));
    },
  );

  app.get(
    "/purchase-orders/:id",
    {
      schema: {
        operationId: "getPurchaseOrder",
        tags,
        summary: "One purchase order with its lines and receipts",
        params: idParams,
        response: { 200: purchaseOrderResponse, ...problems({ 404: ["purchase_order_not_found"] }) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      return purchaseOrderView(
        ctx.db,
        accountId,
        await getPurchaseOrder(ctx.db, accountId, request.params.id),
      );
    },
  );

  app.post(
    "/purchase-orders/:id/send",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "sendPurchaseOrder",
        tags,
        summary:
          "Send a draft: e-mail it with its lines as CSV when the supplier has an address and SMTP is set, else mark it sent",
        params: idParams,
        response: {
          200: sendPurchaseOrderResponse,
          ...problems({
            404: ["purchase_order_not_found"],
            422: ["purchase_order_status"],
            503: ["purchase_order_email_failed"],
          }),
        },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const { purchaseOrder } = await sendPurchaseOrder(ctx, accountId, request.params.id);
      return purchaseOrderView(ctx.db, accountId, purchaseOrder);
    },
  );

  app.post(
    "/purchase-orders/:id/cancel",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "cancelPurchaseOrder",
        tags,
        summary: "Cancel a draft or sent order (not one that received anything)",
        params: idParams,
        response: {
          200: purchaseOrderResponse,
          ...problems({ 404: ["purchase_order_not_found"], 422: ["purchase_order_status"] }),
        },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      return purchaseOrderView(
        ctx.db,
        accountId,
        await cancelPurchaseOrder(ctx.db, accountId, request.params.id),
      );
    },
  );

  app.post(
    "/purchase-orders/:id/receipts",
    {
      schema: {
        operationId: "receivePurchaseOrder",
        tags,
        summary: "Receive part or all of a sent order into a warehouse (idempotent by receiptKey)",
        description:
          "Each line becomes a `purchase-receipt` stock movement in the warehouse, so channels follow. The same " +
          "receiptKey again changes nothing and answers the first receipt. More than a line still has open is 422 " +
          "`over_receipt` and nothing is received.",
        params: idParams,
        body: z.strictObject({
          receiptKey: z.string().trim().min(1).max(200),
          warehouseId: z.uuid(),
          lines: z.array(receiptLine).min(1).max(1000),
        }),
        response: {
          201: receivePurchaseOrderResponse,
          ...problems({
            404: ["purchase_order_not_found", "warehouse_not_found", "product_not_found"],
            422: ["purchase_order_status", "over_receipt", "product_not_on_order"],
          }),
        },
      },
    },
    async (request, reply) => {
      const { accountId } = principalOf(request);
      const { receipt, purchaseOrder } = await receivePurchaseOrder(
        ctx.db,
        accountId,
        request.params.id,
        request.body,
      );
      const view = await purchaseOrderView(ctx.db, accountId, purchaseOrder);
      const skus = new Map(view.lines.flatMap((l) => (l.sku ? [[l.productId, l.sku] as const] : [])));
      return reply.code(201).send({ receipt: receiptView(receipt, skus), purchaseOrder: view });
    },
  );
}
