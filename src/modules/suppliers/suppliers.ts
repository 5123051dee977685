import { and, asc, eq, gt, or, sql } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { isUniqueViolation, pgArray } from "../../db/sql.ts";
import { conflict, invalid, notFound } from "../../lib/errors.ts";
import { isCurrencyCode } from "../../lib/money.ts";
import { suppliers } from "./schema.ts";

export type Supplier = typeof suppliers.$inferSelect;

export type SupplierInput = {
  name: string;
  email?: string | null | undefined;
  currency: string;
  defaultLeadTimeDays?: number | null | undefined;
  minimumOrderMinor?: number | null | undefined;
  notes?: string | null | undefined;
};

function checkCurrency(currency: string): void {
  if (!isCurrencyCode(currency))
    throw invalid("currency_invalid", `"${currency}" is not an ISO 4217 currency code`);
}

export async function createSupplier(db: Db, accountId: string, input: SupplierInput): Promise<Supplier> {
  checkCurrency(input.currency);
  try {
    const [row] = await db
      .insert(suppliers)
      .values({
        accountId,
        name: input.name.trim(),
        email: input.email ?? null,
        currency: input.currency,
        defaultLeadTimeDays: input.defaultLeadTimeDays ?? null,
        minimumOrderMinor: input.minimumOrderMinor ?? null,
        notes: input.notes ?? null,
      })
      .returning();
    return row!;
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict("supplier_name_taken", `a supplier named "${input.name}" already exists`);
    throw error;
  }
}

export async function updateSupplier(
  db: Db,
  accountId: string,
  id: string,
  changes: Partial<SupplierInput>,
): Promise<Supplier> {
  if (changes.currency !== undefined) checkCurrency(changes.currency);
  try {
    const [row] = await db
      .update(suppliers)
      .set({ ...changes, ...(changes.name ? { name: changes.name.trim() } : {}), updatedAt: new Date() })
      .where(and(eq(suppliers.accountId, accountId), eq(suppliers.id, id)))
      .returning();
    if (!row) throw notFound("supplier");
    return row;
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict("supplier_name_taken", `a supplier named "${changes.name}" already exists`);
    throw error;
  }
}

/** A row others still point at: 23503, or 23001 for a `restrict` reference, the cause walked as drizzle wraps it. */
function isForeignKeyViolation(error: unknown): boolean {
  for (let e = error; typeof e === "object" && e !== null; e = (e as { cause?: unknown }).cause) {
    const { code } = e as { code?: unknown };
    if (code === "23503" || code === "23001") return true;
  }
  return false;
}

/** Removes a supplier with its links and stock; one with purchase orders is kept for their history (409). */
export async function deleteSupplier(db: Db, accountId: string, id: string): Promise<void> {
  let deleted: { id: string }[];
  try {
    deleted = await db
      .delete(suppliers)
      .where(and(eq(suppliers.accountId, accountId), eq(suppliers.id, id)))
      .returning({ id: suppliers.id });
  } catch (error) {
    if (isForeignKeyViolation(error))
      throw conflict("supplier_has_purchase_orders", "a supplier with purchase orders cannot be deleted");
    throw error;
  }
  if (deleted.length === 0) throw notFound("supplier");
}

export async function getSupplier(db: Db, accountId: string, id: string): Promise<Supplier> {
  const [row] = await db
    .select()
    .from(suppliers)
    .where(and(eq(suppliers.accountId, accountId), eq(suppliers.id, id)));
  if (!row) throw notFound("supplier");
  return row;
}

/** The supplier of that name (exact, trimmed), or undefined. */
export async function findSupplierByName(
  db: Db,
  accountId: string,
  name: string,
): Promise<Supplier | undefined> {
  const [row] = await db
    .select()
    .from(suppliers)
    .where(and(eq(suppliers.accountId, accountId), eq(suppliers.name, name.trim())));
  return row;
}

/** One page by name, then id; `limit + 1` rows so the caller can tell whether another page follows. */
export async function listSuppliers(
  db: Db,
  accountId: string,
  page: { limit: number; after?: { v: string; id: string } | undefined },
): Promise<Supplier[]> {
  const after = page.after;
  return db
    .select()
    .from(suppliers)
    .where(
      and(
        eq(suppliers.accountId, accountId),
        after
          ? or(gt(suppliers.name, after.v), and(eq(suppliers.name, after.v), gt(suppliers.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(asc(suppliers.name), asc(suppliers.id))
    .limit(page.limit + 1);
}

/** Suppliers by id, for readers that hold ids from another table (names on the product page). */
export async function suppliersById(
  db: Db,
  accountId: string,
  ids: string[],
): Promise<Map<string, Supplier>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(suppliers)
    .where(
      and(
        eq(suppliers.accountId, accountId),
        sql`${suppliers.id} = any(${pgArray([...new Set(ids)])}::uuid[])`,
      ),
    );
  return new Map(rows.map((r) => [r.id, r]));
}
