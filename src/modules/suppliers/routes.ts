import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { noContent, problems } from "../../http/openapi.ts";
import { cursorShapes, decodeCursor, pageOf, pageQuery, pageSchema } from "../../http/pagination.ts";
import { invalid } from "../../lib/errors.ts";
import { getProductBySku, productSkus } from "../catalog/index.ts";
import { importLinksCsv } from "./link-import.ts";
import { createLink, deleteLink, getLink, listLinksOfSupplier, updateLink } from "./links.ts";
import { createSupplier, deleteSupplier, getSupplier, listSuppliers, updateSupplier } from "./suppliers.ts";
import {
  linkImportResponse,
  linkResponse,
  linkView,
  minorOf,
  supplierResponse,
  supplierView,
} from "./views.ts";

const idParams = z.object({ id: z.uuid() });
/**
 * A money amount as a number or a decimal string, or null to clear it. The null sits on a branch
 * (not on the union) so the OpenAPI document gives every `nullable` a type beside it.
 */
const nullableAmount = z.union([z.number().min(0).nullable(), z.string().trim().min(1).max(30)]);
const supplierFields = {
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320).nullable().optional(),
  currency: z.string().length(3),
  defaultLeadTimeDays: z.number().int().min(0).max(3650).nullable().optional(),
  minimumOrderValue: nullableAmount.optional(),
  notes: z.string().max(5000).nullable().optional(),
};
const linkTerms = {
  cost: nullableAmount.optional(),
  leadTimeDays: z.number().int().min(0).max(3650).nullable().optional(),
  minOrderQuantity: z.number().int().min(1).max(1_000_000).optional(),
  orderMultiple: z.number().int().min(1).max(1_000_000).optional(),
  preferred: z.boolean().optional(),
};

export function registerSupplierRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/suppliers",
    {
      schema: {
        operationId: "listSuppliers",
        tags: ["suppliers"],
        summary: "Suppliers by name",
        querystring: pageQuery,
        response: { 200: pageSchema(supplierResponse), ...problems({ 400: ["invalid_cursor"] }) },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      const after = decodeCursor(cursor, cursorShapes.skuAndUuid);
      const rows = await listSuppliers(ctx.db, principalOf(request).accountId, { limit, after });
      const page = pageOf(rows, limit, (s) => ({ v: s.name, id: s.id }));
      return { items: page.items.map(supplierView), nextCursor: page.nextCursor };
    },
  );

  app.post(
    "/suppliers",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "createSupplier",
        tags: ["suppliers"],
        summary: "Add a supplier",
        body: z.strictObject(supplierFields),
        response: {
          201: supplierResponse,
          ...problems({ 400: ["currency_invalid", "amount_invalid"], 409: ["supplier_name_taken"] }),
        },
      },
    },
    async (request, reply) => {
      const { minimumOrderValue, ...rest } = request.body;
      const minimumOrderMinor = minorOf(minimumOrderValue, rest.currency, "minimumOrderValue");
      const supplier = await createSupplier(ctx.db, principalOf(request).accountId, {
        ...rest,
        minimumOrderMinor,
      });
      return reply.code(201).send(supplierView(supplier));
    },
  );

  app.get(
    "/suppliers/:id",
    {
      schema: {
        operationId: "getSupplier",
        tags: ["suppliers"],
        summary: "One supplier",
        params: idParams,
        response: { 200: supplierResponse, ...problems({ 404: ["supplier_not_found"] }) },
      },
    },
    async (request) =>
      supplierView(await getSupplier(ctx.db, principalOf(request).accountId, request.params.id)),
  );

  app.patch(
    "/suppliers/:id",
    {
      config: { minRole: "admin" },
      schema: {
        tags: ["suppliers"],
        operationId: "updateSupplier",
        summary: "Change a supplier",
        params: idParams,
        body: z.strictObject(supplierFields).partial(),
        response: {
          200: supplierResponse,
          ...problems({
            400: ["currency_invalid", "amount_invalid", "nothing_to_change"],
            404: ["supplier_not_found"],
            409: ["supplier_name_taken"],
          }),
        },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const current = await getSupplier(ctx.db, accountId, request.params.id);
      const { minimumOrderValue, ...rest } = request.body;
      if (Object.keys(request.body).length === 0) throw invalid("nothing_to_change", "nothing to change");
      const currency = rest.currency ?? current.currency;
      const changes = {
        ...rest,
        ...(minimumOrderValue !== undefined
          ? { minimumOrderMinor: minorOf(minimumOrderValue, currency, "minimumOrderValue") }
          : {}),
      };
      return supplierView(await updateSupplier(ctx.db, accountId, current.id, changes));
    },
  );

  app.delete(
    "/suppliers/:id",
    {
      config: { minRole: "admin" },
      schema: {
        tags: ["suppliers"],
        operationId: "deleteSupplier",
        summary: "Remove a supplier with its links and stock (not one with purchase orders)",
        params: idParams,
        response: {
          204: noContent,
          ...problems({ 404: ["supplier_not_found"], 409: ["supplier_has_purchase_orders"] }),
        },
      },
    },
    async (request, reply) => {
      await deleteSupplier(ctx.db, principalOf(request).accountId, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    "/suppliers/:id/links",
    {
      schema: {
        tags: ["suppliers"],
        operationId: "listSupplierLinks",
        summary: "A supplier's product links by supplier SKU",
        params: idParams,
        querystring: pageQuery,
        response: {
          200: pageSchema(linkResponse),
          ...problems({ 400: ["invalid_cursor"], 404: ["supplier_not_found"] }),
        },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const supplier = await getSupplier(ctx.db, accountId, request.params.id);
      const { limit, cursor } = request.query;
      const after = decodeCursor(cursor, cursorShapes.skuAndUuid);
      const page = pageOf(
        await listLinksOfSupplier(ctx.db, accountId, supplier.id, { limit, after }),
        limit,
        (l) => ({
          v: l.supplierSku,
          id: l.id,
        }),
      );
      const skus = await productSkus(
        ctx.db,
        accountId,
        page.items.map((l) => l.productId),
      );
      return {
        items: page.items.map((l) => linkView(l, skus.get(l.productId), supplier.currency)),
        nextCursor: page.nextCursor,
      };
    },
  );

  app.post(
    "/suppliers/:id/links",
    {
      config: { minRole: "admin" },
      schema: {
        tags: ["suppliers"],
        operationId: "createSupplierLink",
        summary: "Link a product to this supplier",
        params: idParams,
        response: {
          201: linkResponse,
          ...problems({
            400: ["amount_invalid"],
            404: ["supplier_not_found", "product_not_found"],
            409: ["supplier_link_exists", "supplier_sku_taken"],
          }),
        },
        body: z.strictObject({
          sku: z.string().min(1).max(255),
          supplierSku: z.string().trim().min(1).max(255),
          ...linkTerms,
        }),
      },
    },
    async (request, reply) => {
      const { accountId } = principalOf(request);
      const supplier = await getSupplier(ctx.db, accountId, request.params.id);
      const product = await getProductBySku(ctx.db, accountId, request.body.sku);
      const { sku: _sku, cost, ...terms } = request.body;
      const costMinor = minorOf(cost, supplier.currency, "cost");
      const link = await createLink(ctx.db, accountId, supplier.id, {
        ...terms,
        ...(costMinor !== undefined ? { costMinor } : {}),
        productId: product.id,
      });
      return reply.code(201).send(linkView(link, product.sku, supplier.currency));
    },
  );

  app.post(
    "/suppliers/:id/links/import",
    {
      config: { minRole: "admin" },
      schema: {
        tags: ["suppliers"],
        operationId: "importSupplierLinks",
        summary: "Import a supplier's product links from CSV",
        response: {
          200: linkImportResponse,
          ...problems({
            400: ["csv_unreadable", "csv_empty", "csv_link_columns_missing"],
            404: ["supplier_not_found"],
            409: ["supplier_sku_taken"],
          }),
        },
        description:
          "Body: text/csv with a header line; `sku` (the hub's) and `supplier_sku` required, optional `cost` (decimal in " +
          "the supplier's currency), `lead_time_days`, `min_order_quantity`, `order_multiple`, `preferred` (yes/no). " +
          "Bad lines are listed in `rejected` with their line number; the others are imported.",
        params: idParams,
        body: z.string().max(20_000_000),
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const supplier = await getSupplier(ctx.db, accountId, request.params.id);
      return importLinksCsv(ctx.db, accountId, supplier, request.body);
    },
  );

  app.patch(
    "/supplier-links/:id",
    {
      config: { minRole: "admin" },
      schema: {
        tags: ["suppliers"],
        operationId: "updateSupplierLink",
        summary: "Change a product link's terms",
        params: idParams,
        response: {
          200: linkResponse,
          ...problems({
            400: ["amount_invalid", "nothing_to_change"],
            404: ["supplier_link_not_found"],
            409: ["supplier_sku_taken"],
          }),
        },
        body: z.strictObject({ supplierSku: z.string().trim().min(1).max(255).optional(), ...linkTerms }),
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      if (Object.keys(request.body).length === 0) throw invalid("nothing_to_change", "nothing to change");
      const current = await getLink(ctx.db, accountId, request.params.id);
      const supplier = await getSupplier(ctx.db, accountId, current.supplierId);
      const { cost, ...terms } = request.body;
      const costMinor = minorOf(cost, supplier.currency, "cost");
      const link = await updateLink(ctx.db, accountId, current.id, {
        ...terms,
        ...(costMinor !== undefined ? { costMinor } : {}),
      });
      const skus = await productSkus(ctx.db, accountId, [link.productId]);
      return linkView(link, skus.get(link.productId), supplier.currency);
    },
  );

  app.delete(
    "/supplier-links/:id",
    {
      config: { minRole: "admin" },
      schema: {
        tags: ["suppliers"],
        operationId: "deleteSupplierLink",
        summary: "Remove a product link (an automatic one too)",
        params: idParams,
        response: { 204: noContent, ...problems({ 404: ["supplier_link_not_found"] }) },
      },
    },
    async (request, reply) => {
      await deleteLink(ctx.db, principalOf(request).accountId, request.params.id);
      return reply.code(204).send();
    },
  );
}
