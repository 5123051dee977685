import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { isUniqueViolation } from "../../db/sql.ts";
import { inTransaction } from "../../db/tx.ts";
import { AppError, conflict, notFound } from "../../lib/errors.ts";
import { stockLevels, warehouses } from "./schema.ts";

export type Warehouse = typeof warehouses.$inferSelect;

export const DEFAULT_WAREHOUSE_NAME = "Default";

/** Every account gets one warehouse at creation (R-INV-2). */
export async function createDefaultWarehouse(tx: Db, accountId: string): Promise<void> {
  await tx
    .insert(warehouses)
    .values({ accountId, name: DEFAULT_WAREHOUSE_NAME, isDefault: true })
    .onConflictDoNothing();
}

export async function listWarehouses(db: Db, accountId: string): Promise<Warehouse[]> {
  return db
    .select()
    .from(warehouses)
    .where(eq(warehouses.accountId, accountId))
    .orderBy(asc(warehouses.createdAt));
}

export async function getWarehouse(db: Db, accountId: string, id: string): Promise<Warehouse> {
  const [row] = await db
    .select()
    .from(warehouses)
    .where(and(eq(warehouses.accountId, accountId), eq(warehouses.id, id)));
  if (!row) throw notFound("warehouse");
  return row;
}

export async function defaultWarehouse(db: Db, accountId: string): Promise<Warehouse> {
  const [row] = await db
    .select()
    .from(warehouses)
    .where(and(eq(warehouses.accountId, accountId), eq(warehouses.isDefault, true)));
  if (row) return row;
  // Accounts created before warehouses existed get theirs on first use.
  await createDefaultWarehouse(db, accountId);
  return defaultWarehouse(db, accountId);
}

/** The given warehouse (checked to belong to the account) or the account's default one. */
export async function resolveWarehouse(
  db: Db,
  accountId: string,
  id: string | undefined | null,
): Promise<Warehouse> {
  return id ? getWarehouse(db, accountId, id) : defaultWarehouse(db, accountId);
}

export async function createWarehouse(
  db: Db,
  accountId: string,
  input: { name: string; countsForAvailability?: boolean },
): Promise<Warehouse> {
  try {
    const [row] = await db
      .insert(warehouses)
      .values({
        accountId,
        name: input.name.trim(),
        countsForAvailability: input.countsForAvailability ?? true,
      })
      .returning();
    return row!;
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict("warehouse_name_taken", `a warehouse named "${input.name}" already exists`);
    throw error;
  }
}

export async function updateWarehouse(
  db: Db,
  accountId: string,
  id: string,
  input: { name?: string; countsForAvailability?: boolean; isDefault?: boolean },
): Promise<Warehouse> {
  return inTransaction(db, async (tx) => {
    const current = await getWarehouse(tx, accountId, id);
    if (input.isDefault === false && current.isDefault) {
      throw new AppError(
        "unexpected_state",
        "default_required",
        "make another warehouse the default instead",
      );
    }
    if (input.isDefault) {
      await tx
        .update(warehouses)
        .set({ isDefault: false })
        .where(and(eq(warehouses.accountId, accountId), ne(warehouses.id, id)));
    }
    const changes = {
      ...(input.name !== undefined ? { name: input.name.trim() } : {}),
      ...(input.countsForAvailability !== undefined
        ? { countsForAvailability: input.countsForAvailability }
        : {}),
      ...(input.isDefault ? { isDefault: true } : {}),
    };
    // An empty patch is a no-op; Drizzle refuses an update with nothing to set.
    if (Object.keys(changes).length === 0) return current;
    try {
      const [row] = await tx.update(warehouses).set(changes).where(eq(warehouses.id, id)).returning();
      return row!;
    } catch (error) {
      if (isUniqueViolation(error))
        throw conflict("warehouse_name_taken", `a warehouse named "${input.name}" already exists`);
      throw error;
    }
  });
}

/** Deletes an empty, non-default warehouse; one holding or reserving stock is refused. */
export async function deleteWarehouse(db: Db, accountId: string, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const current = await getWarehouse(tx, accountId, id);
    if (current.isDefault) {
      throw new AppError("unexpected_state", "default_warehouse", "the default warehouse cannot be deleted");
    }
    const [held] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(stockLevels)
      .where(
        and(
          eq(stockLevels.warehouseId, id),
          sql`(${stockLevels.onHand} <> 0 or ${stockLevels.reserved} <> 0)`,
        ),
      );
    if ((held?.n ?? 0) > 0) {
      throw new AppError(
        "unexpected_state",
        "warehouse_has_stock",
        `warehouse "${current.name}" still holds stock of ${held!.n} products`,
      );
    }
    await tx.delete(stockLevels).where(eq(stockLevels.warehouseId, id));
    try {
      await tx.delete(warehouses).where(eq(warehouses.id, id));
    } catch (error) {
      const e = error as { code?: string; cause?: { code?: string } };
      if (e.code === "23503" || e.cause?.code === "23503") {
        throw new AppError(
          "unexpected_state",
          "warehouse_in_use",
          `warehouse "${current.name}" has stock history or orders`,
        );
      }
      throw error;
    }
  });
}
