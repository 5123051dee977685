import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf } from "../../http/auth.ts";
import { problems } from "../../http/openapi.ts";
import { cursorShapes, decodeCursor, encodeCursor, pageQuery } from "../../http/pagination.ts";
import { getProductBySku, importProducts, listingsOfProduct, parseProductCsv } from "../catalog/index.ts";
import { recordImportedQuantities } from "./import-quantities.ts";
import { listProductsWithStock, stockStatuses } from "./product-list.ts";
import { getProductResponse, listProductsResponse } from "./response-schemas.ts";
import { listMovements, stockOfProduct } from "./stock.ts";

/**
 * The product routes that combine the catalogue with stock (an import's quantities, the list with
 * stock totals and status, a product's page with stock per warehouse): here, because inventory
 * builds on the catalogue and the catalogue knows nothing of stock.
 */

const importReport = z.object({
  imported: z.number().int(),
  updated: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), sku: z.string(), error: z.string() })),
});

const skuParams = z.object({ sku: z.string().min(1).max(255) });

export function registerProductStockRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    "/products/import",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "importProducts",
        tags: ["products"],
        summary: "Import products from JSON or CSV",
        description:
          'Body: `{"products":[{"sku","name",…}]}` as application/json, or text/csv with a header line. ' +
          "Rows are validated one by one; bad rows are reported in `rejected` (row = array index for JSON, " +
          "line number for CSV) and the good ones are imported. Existing SKUs are updated; fields a row leaves " +
          "out keep their values. `price`/`cost` are decimal text in `currency`; `quantity` sets on-hand in the default warehouse.",
        body: z.union([
          z.object({ products: z.array(z.record(z.string(), z.unknown())).max(50_000) }),
          z.string(),
        ]),
        response: {
          200: importReport,
          ...problems({ 400: ["csv_unreadable", "csv_empty", "csv_sku_column_missing"] }),
        },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const body = request.body;
      const options = { recordQuantities: recordImportedQuantities, source: "api" };
      if (typeof body === "string") {
        const csv = parseProductCsv(body);
        const report = await importProducts(ctx.db, accountId, csv.records, {
          ...options,
          rowNumbers: csv.lines,
        });
        const rejected = [...csv.rejected, ...report.rejected].sort((a, b) => a.row - b.row);
        return { imported: report.imported, updated: report.updated, rejected };
      }
      const report = await importProducts(ctx.db, accountId, body.products, options);
      return { imported: report.imported, updated: report.updated, rejected: report.rejected };
    },
  );

  app.get(
    "/products",
    {
      schema: {
        operationId: "listProducts",
        tags: ["products"],
        summary: "Products with stock totals; search by SKU, name or barcode",
        querystring: pageQuery.extend({
          q: z.string().max(200).optional(),
          sku: z.string().max(255).optional(),
          archived: z
            .enum(["true", "false"])
            .transform((v) => v === "true")
            .optional(),
          stockStatus: z.enum(stockStatuses).optional(),
        }),
        response: { 200: listProductsResponse, ...problems({ 400: ["invalid_cursor"] }) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const { limit, cursor, ...filter } = request.query;
      const after = decodeCursor(cursor, cursorShapes.skuAndUuid);
      const rows = await listProductsWithStock(ctx.db, accountId, {
        ...filter,
        limit,
        ...(after ? { afterSku: after.v } : {}),
      });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return {
        items,
        nextCursor: rows.length > limit && last ? encodeCursor({ v: last.sku, id: last.id }) : null,
      };
    },
  );

  app.get(
    "/products/:sku",
    {
      schema: {
        operationId: "getProduct",
        tags: ["products"],
        summary: "A product with stock per warehouse, listings and recent movements",
        params: skuParams,
        response: { 200: getProductResponse, ...problems({ 404: ["product_not_found"] }) },
      },
    },
    async (request) => {
      const { accountId } = principalOf(request);
      const product = await getProductBySku(ctx.db, accountId, request.params.sku);
      const stock = await stockOfProduct(ctx.db, accountId, product.id);
      return {
        id: product.id,
        sku: product.sku,
        name: product.name,
        groupKey: product.groupKey,
        options: product.options,
        barcode: product.barcode,
        weightGrams: product.weightGrams,
        priceMinor: product.priceMinor,
        costMinor: product.costMinor,
        currency: product.currency,
        images: product.images,
        archived: product.archived,
        leadTimeDays: product.leadTimeDays,
        lowStockThreshold: product.lowStockThreshold,
        allowBackorder: product.allowBackorder,
        createdAt: product.createdAt.toISOString(),
        updatedAt: product.updatedAt.toISOString(),
        onHand: stock.onHand,
        reserved: stock.reserved,
        available: stock.available,
        channelAvailable: stock.channelAvailable,
        warehouses: stock.warehouses,
        listings: (await listingsOfProduct(ctx.db, accountId, product.id)).map((l) => ({
          id: l.id,
          connectionId: l.connectionId,
          platformProductId: l.platformProductId,
          platformVariantId: l.platformVariantId,
          inventoryItemId: l.inventoryItemId,
          locationId: l.locationId,
          lastPushedQuantity: l.lastPushedQuantity,
          lastPushedAt: l.lastPushedAt?.toISOString() ?? null,
        })),
        recentMovements: await listMovements(ctx.db, accountId, { productId: product.id, limit: 20 }),
        // What modules above inventory add (suppliers' stock and links), gathered at wiring.
        ...Object.assign(
          {},
          ...(await Promise.all(ctx.productPageParts.map((part) => part(ctx.db, accountId, product.id)))),
        ),
      };
    },
  );
}
