import { and, asc, eq, ne, sql } from "drizzle-orm";
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/engine.ts";
import { isUniqueViolation } from "../../db/sql.ts";
import { inTransaction } from "../../db/tx.ts";
import { conflict, notFound } from "../../lib/errors.ts";
import { appendEvents } from "../events/index.ts";
import { getWarehouse } from "../inventory/index.ts";
import { type CheckedCredentials, validateCredentials } from "./credentials.ts";
import { connectionCreated, connectionModeChanged } from "./events.ts";
import {
  type Connection,
  type ConnectionMode,
  type ConnectionSettings,
  connectionModeChanges,
  connections,
} from "./schema.ts";

export type { Connection };

export function connectionView(c: Connection) {
  return {
    id: c.id,
    platform: c.platform,
    name: c.name,
    mode: c.mode,
    label: c.label,
    credentials: c.credentialsHint,
    settings: c.settings,
    status: c.disconnectedAt ? ("disconnected" as const) : ("connected" as const),
    disconnectedAt: c.disconnectedAt?.toISOString() ?? null,
    disconnectedReason: c.disconnectedReason,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type ConnectionView = ReturnType<typeof connectionView>;

/** Settings may name only the account's own warehouses; any other id is a 404 before anything is saved. */
async function checkSettingIds(db: Db, accountId: string, settings: ConnectionSettings | undefined) {
  for (const warehouseId of new Set(Object.values(settings?.locationWarehouses ?? {}))) {
    await getWarehouse(db, accountId, warehouseId);
  }
}

/**
 * Refuses credentials whose platform-wide hint (the connector's `uniqueHint`, e.g. the Web
 * Connector user name) another connection of the platform already holds, in any account. Runs in
 * the saving transaction under a lock per platform, so two pairings at once cannot both pass.
 */
async function refuseTakenHint(
  ctx: AppContext,
  tx: Db,
  platform: string,
  hint: Record<string, string>,
  exceptId?: string,
) {
  const unique = ctx.connectors[platform]?.uniqueHint;
  const value = unique ? hint[unique.key] : undefined;
  if (!unique || value === undefined) return;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`connection-hint:${platform}`}))`);
  const [taken] = await tx
    .select({ id: connections.id })
    .from(connections)
    .where(
      and(
        eq(connections.platform, platform),
        sql`${connections.credentialsHint}->>${unique.key} = ${value}`,
        exceptId ? ne(connections.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (taken)
    throw conflict(unique.code, `another connection already uses this ${unique.what}; choose another`);
}

export type NewConnection = {
  platform: string;
  name: string;
  credentials: unknown;
  settings?: ConnectionSettings;
};

/**
 * Checks a new connection before anything is saved: its settings name the account's own
 * warehouses, and the platform accepts its credentials.
 */
export async function checkNewConnection(
  ctx: AppContext,
  accountId: string,
  input: NewConnection,
): Promise<CheckedCredentials> {
  await checkSettingIds(ctx.db, accountId, input.settings);
  return validateCredentials(ctx, input.platform, input.credentials);
}

/**
 * Saves a checked connection in test mode and records `connection.created`. Takes the caller's
 * pairing transaction, so what the connection needs besides (feeds, onboarding) commits with it.
 */
export async function insertConnection(
  ctx: AppContext,
  tx: Db,
  accountId: string,
  input: NewConnection,
  checked: CheckedCredentials,
  actor: string,
): Promise<Connection> {
  const [existing] = await tx
    .select({ id: connections.id })
    .from(connections)
    .where(and(eq(connections.accountId, accountId), eq(connections.name, input.name)));
  if (existing) throw conflict("connection_name_taken", `a connection named "${input.name}" already exists`);
  await refuseTakenHint(ctx, tx, input.platform, checked.hint);
  const [row] = await tx
    .insert(connections)
    .values({
      accountId,
      platform: input.platform,
      name: input.name,
      mode: "test",
      credentialsSealed: ctx.secretBox.seal(JSON.stringify(checked.credentials)),
      credentialsHint: checked.hint,
      label: checked.label,
      settings: input.settings ?? {},
    })
    .returning();
  await appendEvents(tx, [
    connectionCreated.of({
      accountId,
      subject: row!.id,
      payload: { connectionId: row!.id, platform: row!.platform, actor },
    }),
  ]);
  return row!;
}

export async function getConnection(db: Db, accountId: string, id: string): Promise<Connection> {
  const [row] = await db
    .select()
    .from(connections)
    .where(and(eq(connections.accountId, accountId), eq(connections.id, id)));
  if (!row) throw notFound("connection");
  return row;
}

export async function listConnections(db: Db, accountId: string): Promise<Connection[]> {
  return db
    .select()
    .from(connections)
    .where(eq(connections.accountId, accountId))
    .orderBy(asc(connections.createdAt));
}

/** Every account's connections, or one account's: for hub-wide watches such as the stall watch. */
export async function listConnectionsAcrossAccounts(db: Db, accountId?: string): Promise<Connection[]> {
  return db
    .select()
    .from(connections)
    .where(accountId ? eq(connections.accountId, accountId) : undefined);
}

/** Internal lookup for jobs (no account scope: job data carries ids the hub itself wrote). */
export async function getConnectionById(db: Db, id: string): Promise<Connection | undefined> {
  const [row] = await db.select().from(connections).where(eq(connections.id, id));
  return row;
}

export async function updateConnection(
  ctx: AppContext,
  accountId: string,
  id: string,
  input: { name?: string; credentials?: unknown; settings?: ConnectionSettings },
): Promise<Connection> {
  const current = await getConnection(ctx.db, accountId, id);
  await checkSettingIds(ctx.db, accountId, input.settings);
  const checked =
    input.credentials !== undefined
      ? await validateCredentials(ctx, current.platform, input.credentials)
      : undefined;
  try {
    return await inTransaction(ctx.db, async (tx) => {
      if (checked) await refuseTakenHint(ctx, tx, current.platform, checked.hint, id);
      const [row] = await tx
        .update(connections)
        .set({
          ...(input.name ? { name: input.name } : {}),
          ...(input.settings ? { settings: { ...current.settings, ...input.settings } } : {}),
          ...(checked
            ? {
                credentialsSealed: ctx.secretBox.seal(JSON.stringify(checked.credentials)),
                credentialsHint: checked.hint,
                label: checked.label,
                // The platform accepted these credentials, so the hub has access again.
                disconnectedAt: null,
                disconnectedReason: null,
              }
            : {}),
          updatedAt: new Date(),
        })
        .where(eq(connections.id, id))
        .returning();
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict("connection_name_taken", `a connection named "${input.name}" already exists`);
    throw error;
  }
}

export async function deleteConnection(db: Db, accountId: string, id: string): Promise<void> {
  await getConnection(db, accountId, id);
  await db.delete(connections).where(and(eq(connections.accountId, accountId), eq(connections.id, id)));
}

/**
 * Switches test / shadow / live, recording who did it and when (R-CON-3). Called with a
 * transaction it joins it, so a caller can act on the change (go-live) in the same commit.
 */
export async function setConnectionMode(
  db: Db,
  accountId: string,
  id: string,
  mode: ConnectionMode,
  actor: string,
): Promise<{ connection: Connection; changed: boolean }> {
  return inTransaction(db, async (tx) => {
    const current = await getConnection(tx, accountId, id);
    if (current.mode === mode) return { connection: current, changed: false };
    await tx
      .insert(connectionModeChanges)
      .values({ accountId, connectionId: id, fromMode: current.mode, toMode: mode, actor });
    const [row] = await tx
      .update(connections)
      .set({ mode, updatedAt: new Date() })
      .where(eq(connections.id, id))
      .returning();
    await appendEvents(tx, [
      connectionModeChanged.of({
        accountId,
        subject: id,
        payload: { connectionId: id, from: current.mode, to: mode, actor },
      }),
    ]);
    return { connection: row!, changed: true };
  });
}

export async function modeHistory(db: Db, accountId: string, id: string) {
  await getConnection(db, accountId, id);
  const rows = await db
    .select()
    .from(connectionModeChanges)
    .where(and(eq(connectionModeChanges.accountId, accountId), eq(connectionModeChanges.connectionId, id)))
    .orderBy(asc(connectionModeChanges.id));
  return rows.map((r) => ({ from: r.fromMode, to: r.toMode, actor: r.actor, at: r.changedAt.toISOString() }));
}
