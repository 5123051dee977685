import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { queryRows } from "../../db/rows.ts";
import { chunks, pgArray } from "../../db/sql.ts";
import { AppError } from "../../lib/errors.ts";
import { appendEvents, type NewEvent } from "../events/index.ts";
import { stockChanged, stockOversold } from "./events.ts";
import { type MovementReason, stockLevels, stockMovements } from "./schema.ts";

export type Movement = typeof stockMovements.$inferSelect;

export type MovementInput = {
  accountId: string;
  productId: string;
  sku: string;
  warehouseId: string;
  onHandDelta: number;
  reservedDelta: number;
  reason: MovementReason;
  idempotencyKey: string;
  referenceType?: string;
  referenceId?: string;
  payloadHash?: string;
  note?: string;
  actor?: string;
  /** Products that allow backorders may go below zero available without being flagged. */
  allowBackorder: boolean;
};

export type Level = { onHand: number; reserved: number };
export type LevelKey = { productId: string; warehouseId: string };
export const levelKey = (k: LevelKey) => `${k.productId}/${k.warehouseId}`;

export async function findMovement(
  tx: Db,
  accountId: string,
  idempotencyKey: string,
): Promise<Movement | undefined> {
  const [row] = await tx
    .select()
    .from(stockMovements)
    .where(and(eq(stockMovements.accountId, accountId), eq(stockMovements.idempotencyKey, idempotencyKey)));
  return row;
}

async function findMovements(tx: Db, accountId: string, keys: string[]): Promise<Map<string, Movement>> {
  const out = new Map<string, Movement>();
  for (const chunk of chunks(keys, 1000)) {
    const rows = await tx
      .select()
      .from(stockMovements)
      .where(and(eq(stockMovements.accountId, accountId), inArray(stockMovements.idempotencyKey, chunk)));
    for (const r of rows) out.set(r.idempotencyKey, r);
  }
  return out;
}

/**
 * Locks (product, warehouse) level rows, creating missing ones at zero, in a fixed order so two
 * transactions never wait on each other crosswise. Every movement goes through these locks, so
 * concurrent writers on one SKU serialise instead of losing updates.
 */
export async function lockLevels(tx: Db, accountId: string, keys: LevelKey[]): Promise<Map<string, Level>> {
  const unique = [...new Map(keys.map((k) => [levelKey(k), k])).values()].sort((a, b) =>
    levelKey(a).localeCompare(levelKey(b)),
  );
  const out = new Map<string, Level>();
  for (const chunk of chunks(unique, 1000)) {
    await tx
      .insert(stockLevels)
      .values(chunk.map((k) => ({ accountId, productId: k.productId, warehouseId: k.warehouseId })))
      .onConflictDoNothing();
    // Arrays as single parameters: a long `(a, b) in (…)` list overflows PGlite's parser stack.
    const products = pgArray(chunk.map((k) => k.productId));
    const warehouses = pgArray(chunk.map((k) => k.warehouseId));
    const rows = await queryRows<{
      product_id: string;
      warehouse_id: string;
      on_hand: number;
      reserved: number;
    }>(
      tx,
      sql`select s.product_id, s.warehouse_id, s.on_hand, s.reserved from stock_levels s
          join unnest(${products}::uuid[], ${warehouses}::uuid[]) as k(product_id, warehouse_id)
            on s.product_id = k.product_id and s.warehouse_id = k.warehouse_id
          order by s.product_id, s.warehouse_id for update of s`,
    );
    for (const r of rows) {
      out.set(levelKey({ productId: r.product_id, warehouseId: r.warehouse_id }), {
        onHand: r.on_hand,
        reserved: r.reserved,
      });
    }
  }
  return out;
}

export async function lockLevel(
  tx: Db,
  accountId: string,
  productId: string,
  warehouseId: string,
): Promise<Level> {
  return (await lockLevels(tx, accountId, [{ productId, warehouseId }])).get(
    levelKey({ productId, warehouseId }),
  )!;
}

export type Applied = { movement: Movement; replayed: boolean };

/**
 * Applies ledger movements inside the caller's transaction, in order: level rows and ledger rows
 * change together and each movement writes a `stock.changed` event. A key already used returns
 * the first movement unchanged (`replayed`), which makes every caller idempotent by construction.
 * All rows are written with a handful of statements, whatever the batch size.
 */
export async function applyMovements(tx: Db, accountId: string, inputs: MovementInput[]): Promise<Applied[]> {
  if (inputs.length === 0) return [];
  const keys = inputs.map((i) => i.idempotencyKey);
  if (new Set(keys).size !== keys.length)
    throw new AppError("invalid_data", "duplicate_movement_key", "a batch used one idempotency key twice");
  const levels = await lockLevels(tx, accountId, inputs);
  // Looked up after locking: a writer with the same key that held the lock has committed by now.
  const earlier = await findMovements(tx, accountId, keys);
  const fresh = inputs.filter((i) => !earlier.has(i.idempotencyKey));
  const rows: (typeof stockMovements.$inferInsert)[] = [];
  const events: NewEvent[] = [];
  for (const input of fresh) {
    const level = levels.get(levelKey(input))!;
    const onHand = level.onHand + input.onHandDelta;
    const reserved = level.reserved + input.reservedDelta;
    if (reserved < 0) {
      throw new AppError(
        "unexpected_state",
        "reservation_underflow",
        `reserved stock of ${input.sku} would go below zero`,
      );
    }
    const availableBefore = level.onHand - level.reserved;
    const availableAfter = onHand - reserved;
    const oversold = !input.allowBackorder && availableAfter < 0 && availableAfter < availableBefore;
    level.onHand = onHand;
    level.reserved = reserved;
    rows.push({
      accountId,
      productId: input.productId,
      warehouseId: input.warehouseId,
      onHandDelta: input.onHandDelta,
      reservedDelta: input.reservedDelta,
      onHandAfter: onHand,
      reservedAfter: reserved,
      reason: input.reason,
      referenceType: input.referenceType ?? null,
      referenceId: input.referenceId ?? null,
      idempotencyKey: input.idempotencyKey,
      payloadHash: input.payloadHash ?? null,
      oversold,
      note: input.note ?? null,
      actor: input.actor ?? null,
    });
    const payload = {
      sku: input.sku,
      productId: input.productId,
      warehouseId: input.warehouseId,
      reason: input.reason,
      onHandDelta: input.onHandDelta,
      reservedDelta: input.reservedDelta,
      onHand,
      reserved,
      available: availableAfter,
      idempotencyKey: input.idempotencyKey,
    };
    events.push(stockChanged.of({ accountId, subject: input.sku, payload }));
    if (oversold) events.push(stockOversold.of({ accountId, subject: input.sku, payload }));
  }
  const written = new Map<string, Movement>();
  for (const chunk of chunks(rows, 1000)) {
    for (const m of await tx.insert(stockMovements).values(chunk).returning())
      written.set(m.idempotencyKey, m);
  }
  await writeLevels(tx, fresh, levels);
  await appendEvents(tx, events);
  return inputs.map((i) => {
    const first = earlier.get(i.idempotencyKey);
    return first
      ? { movement: first, replayed: true }
      : { movement: written.get(i.idempotencyKey)!, replayed: false };
  });
}

async function writeLevels(tx: Db, changed: LevelKey[], levels: Map<string, Level>): Promise<void> {
  const touched = [...new Map(changed.map((k) => [levelKey(k), k])).values()];
  for (const chunk of chunks(touched, 1000)) {
    const products = pgArray(chunk.map((k) => k.productId));
    const warehouses = pgArray(chunk.map((k) => k.warehouseId));
    const onHand = pgArray(chunk.map((k) => levels.get(levelKey(k))!.onHand));
    const reserved = pgArray(chunk.map((k) => levels.get(levelKey(k))!.reserved));
    await tx.execute(sql`update stock_levels s set on_hand = v.on_hand, reserved = v.reserved, updated_at = now()
      from unnest(${products}::uuid[], ${warehouses}::uuid[], ${onHand}::int[], ${reserved}::int[])
        as v(product_id, warehouse_id, on_hand, reserved)
      where s.product_id = v.product_id and s.warehouse_id = v.warehouse_id`);
  }
}

export async function applyMovement(tx: Db, input: MovementInput): Promise<Applied> {
  return (await applyMovements(tx, input.accountId, [input]))[0]!;
}

/** Sum of the ledger for one level — what `stock_levels` must always equal (used by checks and tests). */
export async function ledgerTotals(db: Db, productId: string, warehouseId: string): Promise<Level> {
  const [row] = await db
    .select({
      onHand: sql<number>`coalesce(sum(${stockMovements.onHandDelta}), 0)::int`,
      reserved: sql<number>`coalesce(sum(${stockMovements.reservedDelta}), 0)::int`,
    })
    .from(stockMovements)
    .where(and(eq(stockMovements.productId, productId), eq(stockMovements.warehouseId, warehouseId)));
  return row ?? { onHand: 0, reserved: 0 };
}
