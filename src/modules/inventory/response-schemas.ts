import { z } from "zod";

/** What this module's routes answer: Fastify serialises each reply through these, so a field not listed here never leaves the hub. */

export const listProductsResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      sku: z.string(),
      name: z.string(),
      groupKey: z.string().nullable(),
      options: z.record(z.string(), z.string()),
      barcode: z.string().nullable(),
      priceMinor: z.number().nullable(),
      currency: z.string().nullable(),
      archived: z.boolean(),
      leadTimeDays: z.number().nullable(),
      lowStockThreshold: z.number().nullable(),
      onHand: z.number(),
      reserved: z.number(),
      available: z.number(),
      stockStatus: z.enum(["out", "in_stock", "low"]),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/**
 * Loose: modules after inventory add sections to a product's page (`HubModule.productPage`), which
 * inventory cannot name; the fields it answers itself are listed.
 */
export const getProductResponse = z
  .object({
    id: z.string(),
    sku: z.string(),
    name: z.string(),
    groupKey: z.string().nullable(),
    options: z.record(z.string(), z.string()),
    barcode: z.string().nullable(),
    weightGrams: z.number().nullable(),
    priceMinor: z.number().nullable(),
    costMinor: z.number().nullable(),
    currency: z.string().nullable(),
    images: z.array(z.string()),
    archived: z.boolean(),
    leadTimeDays: z.number().nullable(),
    lowStockThreshold: z.number().nullable(),
    allowBackorder: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
    onHand: z.number(),
    reserved: z.number(),
    available: z.number(),
    channelAvailable: z.number(),
    warehouses: z.array(
      z.object({
        warehouseId: z.string(),
        warehouseName: z.string(),
        countsForAvailability: z.boolean(),
        onHand: z.number(),
        reserved: z.number(),
        available: z.number(),
      }),
    ),
    listings: z.array(
      z.object({
        id: z.string(),
        connectionId: z.string(),
        platformProductId: z.string().nullable(),
        platformVariantId: z.string().nullable(),
        inventoryItemId: z.string().nullable(),
        locationId: z.string().nullable(),
        lastPushedQuantity: z.number().nullable(),
        lastPushedAt: z.string().nullable(),
      }),
    ),
    recentMovements: z.array(
      z.object({
        id: z.number(),
        sku: z.string(),
        productId: z.string(),
        warehouseId: z.string(),
        onHandDelta: z.number(),
        reservedDelta: z.number(),
        onHandAfter: z.number(),
        reservedAfter: z.number(),
        availableAfter: z.number(),
        reason: z.enum([
          "set",
          "order",
          "ship",
          "cancel",
          "refund-restock",
          "return",
          "adjustment",
          "import",
          "purchase-receipt",
          "transfer",
          "books",
        ]),
        referenceType: z.string().nullable(),
        referenceId: z.string().nullable(),
        idempotencyKey: z.string(),
        oversold: z.boolean(),
        note: z.string().nullable(),
        actor: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
    // Parts modules above inventory add to the page (ctx.productPageParts): suppliers' today.
    supplierStock: z
      .array(
        z.object({
          supplierId: z.string(),
          supplier: z.string(),
          quantity: z.number(),
          cost: z.number().nullable(),
          currency: z.string(),
          reportedAt: z.string(),
        }),
      )
      .optional(),
    supplierLinks: z
      .array(
        z.object({
          id: z.string(),
          supplierId: z.string(),
          supplier: z.string().nullable(),
          supplierSku: z.string(),
          cost: z.number().nullable(),
          leadTimeDays: z.number().nullable(),
          minOrderQuantity: z.number(),
          orderMultiple: z.number(),
          preferred: z.boolean(),
          origin: z.string(),
        }),
      )
      .optional(),
    /** Units on sent purchase orders not yet received (suppliers' part). */
    onOrder: z.number().optional(),
  })
  .loose();

export const listWarehousesResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      isDefault: z.boolean(),
      countsForAvailability: z.boolean(),
      createdAt: z.string(),
    }),
  ),
});

export const createWarehouseResponse = z.object({
  id: z.string(),
  name: z.string(),
  isDefault: z.boolean(),
  countsForAvailability: z.boolean(),
  createdAt: z.string(),
});

export const getWarehouseResponse = createWarehouseResponse;

export const updateWarehouseResponse = createWarehouseResponse;

export const adjustStockResponse = z.object({
  replayed: z.boolean(),
  movement: z.object({
    id: z.number(),
    sku: z.string(),
    productId: z.string(),
    warehouseId: z.string(),
    onHandDelta: z.number(),
    reservedDelta: z.number(),
    onHandAfter: z.number(),
    reservedAfter: z.number(),
    availableAfter: z.number(),
    reason: z.enum([
      "set",
      "order",
      "ship",
      "cancel",
      "refund-restock",
      "return",
      "adjustment",
      "import",
      "purchase-receipt",
      "transfer",
      "books",
    ]),
    referenceType: z.string().nullable(),
    referenceId: z.string().nullable(),
    idempotencyKey: z.string(),
    oversold: z.boolean(),
    note: z.string().nullable(),
    actor: z.string().nullable(),
    createdAt: z.string(),
  }),
});

export const transferStockResponse = z.object({
  replayed: z.boolean(),
  movements: z.array(
    z.object({
      id: z.number(),
      sku: z.string(),
      productId: z.string(),
      warehouseId: z.string(),
      onHandDelta: z.number(),
      reservedDelta: z.number(),
      onHandAfter: z.number(),
      reservedAfter: z.number(),
      availableAfter: z.number(),
      reason: z.enum([
        "set",
        "order",
        "ship",
        "cancel",
        "refund-restock",
        "return",
        "adjustment",
        "import",
        "purchase-receipt",
        "transfer",
        "books",
      ]),
      referenceType: z.string().nullable(),
      referenceId: z.string().nullable(),
      idempotencyKey: z.string(),
      oversold: z.boolean(),
      note: z.string().nullable(),
      actor: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

export const listStockMovementsResponse = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      sku: z.string(),
      productId: z.string(),
      warehouseId: z.string(),
      onHandDelta: z.number(),
      reservedDelta: z.number(),
      onHandAfter: z.number(),
      reservedAfter: z.number(),
      availableAfter: z.number(),
      reason: z.enum([
        "set",
        "order",
        "ship",
        "cancel",
        "refund-restock",
        "return",
        "adjustment",
        "import",
        "purchase-receipt",
        "transfer",
        "books",
      ]),
      referenceType: z.string().nullable(),
      referenceId: z.string().nullable(),
      idempotencyKey: z.string(),
      oversold: z.boolean(),
      note: z.string().nullable(),
      actor: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  nextCursor: z.string().nullable(),
});
