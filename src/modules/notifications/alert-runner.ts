import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/engine.ts";
import { listUsers } from "../accounts/index.ts";
import type { DomainEvent } from "../events/index.ts";
import { orderBackordered, orderImported } from "../orders/index.ts";
import { alertEventTypes } from "./alert-fields.ts";
import { conditionHolds } from "./custom-alerts.ts";
import type { NotificationInput } from "./record.ts";
import { customAlerts } from "./schema.ts";
import { renderForDelivery } from "./templates.ts";

const watched = new Set<string>(alertEventTypes);

/** The custom alerts a batch of events sets off, each with the recipients its definition names. */
export async function alertNotifications(tx: Db, batch: DomainEvent[]): Promise<NotificationInput[]> {
  const relevant = batch.filter((e) => watched.has(e.type));
  if (relevant.length === 0) return [];
  const accounts = [...new Set(relevant.map((e) => e.accountId))];
  const alerts = await tx
    .select()
    .from(customAlerts)
    .where(and(inArray(customAlerts.accountId, accounts), eq(customAlerts.enabled, true)));
  if (alerts.length === 0) return [];
  const owners = new Map<string, string | undefined>();
  const out: NotificationInput[] = [];
  for (const e of relevant) {
    for (const alert of alerts) {
      if (alert.accountId !== e.accountId || alert.eventType !== e.type) continue;
      if (!conditionHolds(alert, e.payload)) continue;
      const emails = [...alert.recipients.emails];
      if (alert.recipients.owner) {
        if (!owners.has(e.accountId)) {
          owners.set(e.accountId, (await listUsers(tx, e.accountId)).find((u) => u.role === "owner")?.email);
        }
        const owner = owners.get(e.accountId);
        if (owner) emails.push(owner);
      }
      // The customer of the order: only order events carry the address in their payload.
      if (
        alert.recipients.customer &&
        (orderImported.is(e) || orderBackordered.is(e)) &&
        e.payload.customerEmail
      ) {
        emails.push(e.payload.customerEmail);
      }
      out.push({
        accountId: e.accountId,
        type: "custom_alert",
        vars: {
          alertName: alert.name,
          message: renderForDelivery(alert.template, e.payload),
          event: e.payload,
        },
        connectionId: typeof e.payload.connectionId === "string" ? e.payload.connectionId : null,
        subject: e.subject ?? null,
        eventId: e.id,
        dedupeKey: `alert:${alert.id}:${e.id}`,
        recipients: { emails, webhookIds: alert.recipients.webhookIds },
      });
    }
  }
  return out;
}
