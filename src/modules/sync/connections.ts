import { and, asc, eq } from "drizzle-orm";
import type { ConnectorSession } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/engine.ts";
import { inTransaction } from "../../db/tx.ts";
import { AppError, conflict, invalid, notFound } from "../../lib/errors.ts";
import { appendEvents } from "../events/events.ts";
import { getWarehouse } from "../inventory/warehouses.ts";
import { ensureFeeds } from "./feeds.ts";
import { queueHeldStock } from "./go-live.ts";
import {
  advanceOnboarding,
  type OnboardingOptions,
  onboardingOptionsSchema,
  planOnboarding,
} from "./onboarding.ts";
import {
  type ConnectionMode,
  type ConnectionSettings,
  connectionModeChanges,
  connections,
} from "./schema.ts";

export type Connection = typeof connections.$inferSelect;

export function connectionView(c: Connection) {
  return {
    id: c.id,
    platform: c.platform,
    name: c.name,
    mode: c.mode,
    label: c.label,
    credentials: c.credentialsHint,
    settings: c.settings,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}
export type ConnectionView = ReturnType<typeof connectionView>;

function connectorFor(ctx: AppContext, platform: string) {
  const connector = ctx.connectors[platform];
  if (!connector) {
    throw invalid(`unknown platform "${platform}"; known: ${Object.keys(ctx.connectors).sort().join(", ")}`);
  }
  return connector;
}

/**
 * Sessions per connection and credentials version, so every feed and drain of a connection in
 * this process shares one rate budget (orders before stock before catalogue) instead of each
 * believing it has the platform's whole allowance.
 */
const sessions = new Map<string, ConnectorSession>();

/** A live session with the platform, saving rotated credentials (OAuth refresh) as they change. */
export function openSession(ctx: AppContext, connection: Connection): ConnectorSession {
  const key = `${connection.id}:${connection.credentialsSealed}`;
  const cached = sessions.get(key);
  if (cached) return cached;
  for (const k of sessions.keys()) if (k.startsWith(`${connection.id}:`)) sessions.delete(k);
  const connector = connectorFor(ctx, connection.platform);
  const credentials = JSON.parse(ctx.secretBox.open(connection.credentialsSealed)) as unknown;
  const session = connector.connect(credentials, {
    logger: ctx.logger.child({ connection: connection.id, platform: connection.platform }),
    allowPrivateUrls: ctx.config.allowPrivateUrls,
    ...(ctx.resolveHost ? { resolveHost: ctx.resolveHost } : {}),
    saveCredentials: async (next) => {
      await ctx.db
        .update(connections)
        .set({ credentialsSealed: ctx.secretBox.seal(JSON.stringify(next)), updatedAt: new Date() })
        .where(eq(connections.id, connection.id));
    },
  });
  sessions.set(key, session);
  return session;
}

export function credentialsOf(ctx: AppContext, connection: Connection): unknown {
  return JSON.parse(ctx.secretBox.open(connection.credentialsSealed));
}

/** Checks credentials' shape, then against the platform itself; returns the parsed credentials and label. */
async function validateCredentials(ctx: AppContext, platform: string, raw: unknown) {
  const connector = connectorFor(ctx, platform);
  const parsed = connector.credentials.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw invalid(`credentials.${first.path.join(".")}: ${first.message}`);
  }
  const session = connector.connect(parsed.data, {
    logger: ctx.logger.child({ platform }),
    allowPrivateUrls: ctx.config.allowPrivateUrls,
    ...(ctx.resolveHost ? { resolveHost: ctx.resolveHost } : {}),
  });
  try {
    const { label } = await session.validate();
    return { credentials: parsed.data, label, hint: connector.describeCredentials(parsed.data) };
  } catch (error) {
    throw new AppError(
      "unexpected_state",
      "credentials_rejected",
      `${connector.displayName} refused the credentials: ${(error as Error).message}`,
    );
  }
}

/** Settings may name only the account's own warehouses; any other id is a 404 before anything is saved. */
async function checkSettingIds(db: Db, accountId: string, settings: ConnectionSettings | undefined) {
  for (const warehouseId of new Set(Object.values(settings?.locationWarehouses ?? {}))) {
    await getWarehouse(db, accountId, warehouseId);
  }
}

export type CreateConnectionInput = {
  platform: string;
  name: string;
  credentials: unknown;
  settings?: ConnectionSettings;
  /** The onboarding chain to queue (all steps by default); `false` pairs a bare connection. */
  onboarding?: OnboardingOptions | false;
};

export async function createConnection(
  ctx: AppContext,
  accountId: string,
  input: CreateConnectionInput,
  actor: string,
) {
  await checkSettingIds(ctx.db, accountId, input.settings);
  const checked = await validateCredentials(ctx, input.platform, input.credentials);
  const connector = connectorFor(ctx, input.platform);
  const created = await inTransaction(ctx.db, async (tx) => {
    const [existing] = await tx
      .select({ id: connections.id })
      .from(connections)
      .where(and(eq(connections.accountId, accountId), eq(connections.name, input.name)));
    if (existing)
      throw conflict("connection_name_taken", `a connection named "${input.name}" already exists`);
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
    await ensureFeeds(tx, row!, connector.capabilities.feeds);
    await planOnboarding(
      tx,
      row!,
      connector.capabilities.feeds,
      input.onboarding ?? onboardingOptionsSchema.parse({}),
    );
    await appendEvents(tx, [
      {
        accountId,
        type: "connection.created",
        subject: row!.id,
        payload: { connectionId: row!.id, platform: row!.platform, actor },
      },
    ]);
    return row!;
  });
  await advanceOnboarding(ctx, created.id);
  return created;
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
    const [row] = await ctx.db
      .update(connections)
      .set({
        ...(input.name ? { name: input.name } : {}),
        ...(input.settings ? { settings: { ...current.settings, ...input.settings } } : {}),
        ...(checked
          ? {
              credentialsSealed: ctx.secretBox.seal(JSON.stringify(checked.credentials)),
              credentialsHint: checked.hint,
              label: checked.label,
            }
          : {}),
        updatedAt: new Date(),
      })
      .where(eq(connections.id, id))
      .returning();
    return row!;
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    if (e.code === "23505" || e.cause?.code === "23505")
      throw conflict("connection_name_taken", `a connection named "${input.name}" already exists`);
    throw error;
  }
}

export async function deleteConnection(db: Db, accountId: string, id: string): Promise<void> {
  await getConnection(db, accountId, id);
  await db.delete(connections).where(and(eq(connections.accountId, accountId), eq(connections.id, id)));
}

/** Switches test / shadow / live, recording who did it and when (R-CON-3). */
export async function setConnectionMode(
  db: Db,
  accountId: string,
  id: string,
  mode: ConnectionMode,
  actor: string,
) {
  return inTransaction(db, async (tx) => {
    const current = await getConnection(tx, accountId, id);
    if (current.mode === mode) return { connection: current, changed: false, queuedPushes: 0 };
    await tx
      .insert(connectionModeChanges)
      .values({ accountId, connectionId: id, fromMode: current.mode, toMode: mode, actor });
    const [row] = await tx
      .update(connections)
      .set({ mode, updatedAt: new Date() })
      .where(eq(connections.id, id))
      .returning();
    await appendEvents(tx, [
      {
        accountId,
        type: "connection.mode_changed",
        subject: id,
        payload: { connectionId: id, from: current.mode, to: mode, actor },
      },
    ]);
    const queuedPushes = mode === "live" ? await queueHeldStock(tx, accountId, id) : 0;
    return { connection: row!, changed: true, queuedPushes };
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
