import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/engine.ts";
import { inTransaction } from "../../db/tx.ts";
import { invalid } from "../../lib/errors.ts";
import { listUsers } from "../accounts/index.ts";
import { getConnection } from "../connections/index.ts";
import {
  ACCOUNT_WIDE,
  type CountPeriod,
  notificationSettings,
  notificationTypeSettings,
  ordersCountPeriods,
} from "./schema.ts";
import { type NotificationType, notificationTypes, switchableTypes } from "./types.ts";

export type TypeSwitches = Partial<Record<NotificationType, boolean>>;

export type NotificationSettingsView = {
  defaultEmail: string | null;
  /** The address used when no default is set: the account owner's. */
  ownerEmail: string | null;
  override: { enabled: boolean; emails: string[] };
  globalOptIn: boolean;
  types: Record<string, boolean>;
  connections: { connectionId: string; types: TypeSwitches; ordersCountPeriod: CountPeriod }[];
};

export type SettingsUpdate = {
  defaultEmail?: string | null | undefined;
  override?: { enabled: boolean; emails: string } | undefined;
  globalOptIn?: boolean | undefined;
  types?: TypeSwitches | undefined;
  connections?:
    | { connectionId: string; types: TypeSwitches; ordersCountPeriod?: CountPeriod | undefined }[]
    | undefined;
};

const email = z.email();

/** Splits a comma-separated list and checks each address; the first bad one is named in the 400. */
export function parseEmailList(list: string): string[] {
  const out: string[] = [];
  for (const raw of list.split(",")) {
    const address = raw.trim();
    if (address === "") continue;
    if (!email.safeParse(address).success) {
      throw invalid("email_invalid", `"${address}" is not an e-mail address`, {
        field: "override.emails",
        value: address,
      });
    }
    if (!out.includes(address.toLowerCase())) out.push(address.toLowerCase());
  }
  return out;
}

export async function getSettings(db: Db, accountId: string): Promise<NotificationSettingsView> {
  const [row] = await db
    .select()
    .from(notificationSettings)
    .where(eq(notificationSettings.accountId, accountId));
  const switches = await db
    .select()
    .from(notificationTypeSettings)
    .where(eq(notificationTypeSettings.accountId, accountId));
  const types: Record<string, boolean> = Object.fromEntries(switchableTypes.map((t) => [t, true]));
  const perConnection = new Map<string, TypeSwitches>();
  for (const s of switches) {
    if (s.connectionId === ACCOUNT_WIDE) types[s.type] = s.enabled;
    else perConnection.set(s.connectionId, { ...perConnection.get(s.connectionId), [s.type]: s.enabled });
  }
  const periods = new Map(
    (await db.select().from(ordersCountPeriods).where(eq(ordersCountPeriods.accountId, accountId))).map(
      (p) => [p.connectionId, p.period],
    ),
  );
  for (const connectionId of periods.keys())
    if (!perConnection.has(connectionId)) perConnection.set(connectionId, {});
  const owner = (await listUsers(db, accountId)).find((u) => u.role === "owner");
  return {
    defaultEmail: row?.defaultEmail ?? null,
    ownerEmail: owner?.email ?? null,
    override: { enabled: row?.overrideEnabled ?? false, emails: row?.overrideEmails ?? [] },
    globalOptIn: row?.globalOptIn ?? false,
    types,
    connections: [...perConnection].map(([connectionId, t]) => ({
      connectionId,
      types: t,
      ordersCountPeriod: periods.get(connectionId) ?? "day",
    })),
  };
}

/** Validates everything first, then writes in one transaction: a bad part saves nothing. */
export async function saveSettings(db: Db, accountId: string, update: SettingsUpdate): Promise<void> {
  const overrideEmails = update.override ? parseEmailList(update.override.emails) : undefined;
  if (update.override?.enabled && overrideEmails?.length === 0) {
    throw invalid("override_emails_missing", "override is ticked but lists no address", {
      field: "override.emails",
    });
  }
  for (const c of update.connections ?? []) await getConnection(db, accountId, c.connectionId);
  const rows = [
    ...Object.entries(update.types ?? {}).map(([type, enabled]) => ({
      connectionId: ACCOUNT_WIDE,
      type,
      enabled,
    })),
    ...(update.connections ?? []).flatMap((c) =>
      Object.entries(c.types).map(([type, enabled]) => ({ connectionId: c.connectionId, type, enabled })),
    ),
  ].filter(
    (r): r is { connectionId: string; type: string; enabled: boolean } => typeof r.enabled === "boolean",
  );
  await inTransaction(db, async (tx) => {
    const values = {
      ...(update.defaultEmail !== undefined
        ? { defaultEmail: update.defaultEmail?.toLowerCase() ?? null }
        : {}),
      ...(update.override ? { overrideEnabled: update.override.enabled, overrideEmails } : {}),
      ...(update.globalOptIn !== undefined ? { globalOptIn: update.globalOptIn } : {}),
    };
    await tx
      .insert(notificationSettings)
      .values({ accountId, ...values })
      .onConflictDoUpdate({
        target: notificationSettings.accountId,
        set: { ...values, updatedAt: new Date() },
      });
    for (const c of update.connections ?? []) {
      if (!c.ordersCountPeriod) continue;
      await tx
        .insert(ordersCountPeriods)
        .values({ accountId, connectionId: c.connectionId, period: c.ordersCountPeriod })
        .onConflictDoUpdate({
          target: ordersCountPeriods.connectionId,
          set: { period: c.ordersCountPeriod },
        });
    }
    for (const r of rows) {
      await tx
        .insert(notificationTypeSettings)
        .values({ accountId, ...r })
        .onConflictDoUpdate({
          target: [
            notificationTypeSettings.accountId,
            notificationTypeSettings.connectionId,
            notificationTypeSettings.type,
          ],
          set: { enabled: r.enabled },
        });
    }
  });
}

/**
 * Whether a type is recorded: global types need the opt-in; standard ones are on unless switched
 * off for the connection, or (with no connection switch) account-wide. Custom alerts always are.
 */
export async function isTypeEnabled(
  db: Db,
  accountId: string,
  type: NotificationType,
  connectionId: string | null,
): Promise<boolean> {
  const group = notificationTypes[type].group;
  if (group === "custom") return true;
  if (group === "global") {
    const [row] = await db
      .select({ on: notificationSettings.globalOptIn })
      .from(notificationSettings)
      .where(eq(notificationSettings.accountId, accountId));
    return row?.on ?? false;
  }
  const scopes = connectionId ? [connectionId, ACCOUNT_WIDE] : [ACCOUNT_WIDE];
  const rows = await db
    .select()
    .from(notificationTypeSettings)
    .where(
      and(
        eq(notificationTypeSettings.accountId, accountId),
        eq(notificationTypeSettings.type, type),
        inArray(notificationTypeSettings.connectionId, scopes),
      ),
    );
  const own =
    rows.find((r) => r.connectionId === connectionId) ?? rows.find((r) => r.connectionId === ACCOUNT_WIDE);
  return own?.enabled ?? true;
}

/** Where the account's e-mail goes: the override list when ticked, else the default, else the owner. */
export async function accountEmailRecipients(db: Db, accountId: string): Promise<string[]> {
  const s = await getSettings(db, accountId);
  if (s.override.enabled && s.override.emails.length > 0) return s.override.emails;
  const fallback = s.defaultEmail ?? s.ownerEmail;
  return fallback ? [fallback] : [];
}
