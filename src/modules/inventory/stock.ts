import { and, asc, desc, eq, gte, inArray, lt, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { chunks } from "../../db/sql.ts";
import { productSkus, productsBySku } from "../catalog/index.ts";
import { type MovementReason, stockLevels, stockMovements, warehouses } from "./schema.ts";

export type WarehouseStock = {
  warehouseId: string;
  warehouseName: string;
  countsForAvailability: boolean;
  onHand: number;
  reserved: number;
  available: number;
};

export type StockSummary = {
  onHand: number;
  reserved: number;
  available: number;
  /** Available in the warehouses that count toward what channels may sell. */
  channelAvailable: number;
  warehouses: WarehouseStock[];
};

/** Stock of one product: totals and every warehouse of the account (zero where it has none). */
export async function stockOfProduct(db: Db, accountId: string, productId: string): Promise<StockSummary> {
  const rows = await db
    .select({
      warehouseId: warehouses.id,
      warehouseName: warehouses.name,
      countsForAvailability: warehouses.countsForAvailability,
      onHand: sql<number>`coalesce(${stockLevels.onHand}, 0)`,
      reserved: sql<number>`coalesce(${stockLevels.reserved}, 0)`,
    })
    .from(warehouses)
    .leftJoin(
      stockLevels,
      and(eq(stockLevels.warehouseId, warehouses.id), eq(stockLevels.productId, productId)),
    )
    .where(eq(warehouses.accountId, accountId))
    .orderBy(asc(warehouses.createdAt));
  const list = rows.map((r) => ({
    ...r,
    onHand: Number(r.onHand),
    reserved: Number(r.reserved),
    available: Number(r.onHand) - Number(r.reserved),
  }));
  const sum = (f: (w: WarehouseStock) => number, only = list) => only.reduce((n, w) => n + f(w), 0);
  return {
    onHand: sum((w) => w.onHand),
    reserved: sum((w) => w.reserved),
    available: sum((w) => w.available),
    channelAvailable: sum(
      (w) => w.available,
      list.filter((w) => w.countsForAvailability),
    ),
    warehouses: list,
  };
}

/** What channels may sell per product: available summed over the warehouses that count. */
export async function channelAvailability(
  db: Db,
  accountId: string,
  productIds: string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>(productIds.map((id) => [id, 0]));
  for (const chunk of chunks(productIds, 1000)) {
    const rows = await db
      .select({
        productId: stockLevels.productId,
        available: sql<number>`sum(${stockLevels.onHand} - ${stockLevels.reserved})::int`,
      })
      .from(stockLevels)
      .innerJoin(warehouses, eq(warehouses.id, stockLevels.warehouseId))
      .where(
        and(
          eq(stockLevels.accountId, accountId),
          eq(warehouses.countsForAvailability, true),
          inArray(stockLevels.productId, chunk),
        ),
      )
      .groupBy(stockLevels.productId);
    for (const r of rows) out.set(r.productId, Number(r.available));
  }
  return out;
}

export type MovementView = {
  id: number;
  sku: string;
  productId: string;
  warehouseId: string;
  onHandDelta: number;
  reservedDelta: number;
  onHandAfter: number;
  reservedAfter: number;
  availableAfter: number;
  reason: MovementReason;
  referenceType: string | null;
  referenceId: string | null;
  idempotencyKey: string;
  oversold: boolean;
  note: string | null;
  actor: string | null;
  createdAt: string;
};

export type MovementFilter = {
  sku?: string;
  productId?: string;
  warehouseId?: string;
  reason?: MovementReason;
  from?: Date;
  to?: Date;
  beforeId?: number;
  limit: number;
};

/** Ledger rows newest first; `beforeId` pages backwards. SKUs come from the catalogue. */
export async function listMovements(db: Db, accountId: string, f: MovementFilter): Promise<MovementView[]> {
  let productId = f.productId;
  if (f.sku) {
    const bySku = (await productsBySku(db, accountId, [f.sku])).get(f.sku);
    if (!bySku || (productId && productId !== bySku.id)) return [];
    productId = bySku.id;
  }
  const rows = await db
    .select()
    .from(stockMovements)
    .where(
      and(
        eq(stockMovements.accountId, accountId),
        productId ? eq(stockMovements.productId, productId) : undefined,
        f.warehouseId ? eq(stockMovements.warehouseId, f.warehouseId) : undefined,
        f.reason ? eq(stockMovements.reason, f.reason) : undefined,
        f.from ? gte(stockMovements.createdAt, f.from) : undefined,
        f.to ? lte(stockMovements.createdAt, f.to) : undefined,
        f.beforeId ? lt(stockMovements.id, f.beforeId) : undefined,
      ),
    )
    .orderBy(desc(stockMovements.id))
    .limit(f.limit);
  const skus = await productSkus(
    db,
    accountId,
    rows.map((m) => m.productId),
  );
  return rows.map((m) => movementView(m, skus.get(m.productId) ?? ""));
}

export function movementView(m: typeof stockMovements.$inferSelect, sku: string): MovementView {
  return {
    id: m.id,
    sku,
    productId: m.productId,
    warehouseId: m.warehouseId,
    onHandDelta: m.onHandDelta,
    reservedDelta: m.reservedDelta,
    onHandAfter: m.onHandAfter,
    reservedAfter: m.reservedAfter,
    availableAfter: m.onHandAfter - m.reservedAfter,
    reason: m.reason,
    referenceType: m.referenceType,
    referenceId: m.referenceId,
    idempotencyKey: m.idempotencyKey,
    oversold: m.oversold,
    note: m.note,
    actor: m.actor,
    createdAt: m.createdAt.toISOString(),
  };
}
