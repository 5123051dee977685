import { and, desc, eq, inArray } from "drizzle-orm";
import jsonLogic from "json-logic-js";
import type { Db } from "../../db/engine.ts";
import { AppError, invalid, notFound } from "../../lib/errors.ts";
import { listEvents } from "../events/index.ts";
import { type AlertEventType, alertFieldRoots } from "./alert-fields.ts";
import { logicVars } from "./logic-vars.ts";
import { type CustomAlertRecipients, customAlerts, notificationWebhooks } from "./schema.ts";
import { parseEmailList } from "./settings.ts";
import { renderForDelivery, templateRoots } from "./templates.ts";

export type CustomAlert = typeof customAlerts.$inferSelect;
export type CustomAlertInput = {
  name: string;
  eventType: AlertEventType;
  condition?: unknown;
  template: string;
  recipients: {
    emails?: string | undefined;
    owner?: boolean | undefined;
    customer?: boolean | undefined;
    webhookIds?: string[] | undefined;
  };
  enabled?: boolean | undefined;
};

/** Checks the condition and template against the event's fields; every problem is a 400 naming it. */
async function validate(db: Db, accountId: string, input: CustomAlertInput): Promise<CustomAlertRecipients> {
  const fields = alertFieldRoots(input.eventType);
  if (input.condition !== undefined && input.condition !== null) {
    if (typeof input.condition !== "boolean" && !jsonLogic.is_logic(input.condition)) {
      throw invalid("condition_invalid", "condition is not a json-logic expression", { field: "condition" });
    }
    const unknown = logicVars(input.condition).filter((v) => !fields.includes(v));
    if (unknown.length > 0) {
      throw invalid(
        "condition_field_unknown",
        `condition reads unknown field(s) of ${input.eventType}: ${unknown.join(", ")}`,
        {
          field: "condition",
          unknown,
          fields,
        },
      );
    }
  }
  const unknownInTemplate = [...new Set(templateRoots(input.template))].filter((v) => !fields.includes(v));
  if (unknownInTemplate.length > 0) {
    throw invalid(
      "template_field_unknown",
      `template reads unknown field(s) of ${input.eventType}: ${unknownInTemplate.join(", ")}`,
      {
        field: "template",
        unknown: unknownInTemplate,
        fields,
      },
    );
  }
  const webhookIds = [...new Set(input.recipients.webhookIds ?? [])];
  if (webhookIds.length > 0) {
    const found = await db
      .select({ id: notificationWebhooks.id })
      .from(notificationWebhooks)
      .where(
        and(eq(notificationWebhooks.accountId, accountId), inArray(notificationWebhooks.id, webhookIds)),
      );
    const missing = webhookIds.filter((id) => !found.some((f) => f.id === id));
    if (missing.length > 0) {
      throw new AppError("not_found", "webhook_not_found", `unknown webhook id(s): ${missing.join(", ")}`, {
        field: "recipients.webhookIds",
      });
    }
  }
  const recipients = {
    emails: parseEmailList(input.recipients.emails ?? ""),
    owner: input.recipients.owner ?? false,
    customer: input.recipients.customer ?? false,
    webhookIds,
  };
  if (
    !recipients.owner &&
    !recipients.customer &&
    recipients.emails.length === 0 &&
    webhookIds.length === 0
  ) {
    throw invalid("recipients_missing", "an alert needs at least one recipient", { field: "recipients" });
  }
  return recipients;
}

export async function createAlert(db: Db, accountId: string, input: CustomAlertInput): Promise<CustomAlert> {
  const recipients = await validate(db, accountId, input);
  const [row] = await db
    .insert(customAlerts)
    .values({
      accountId,
      name: input.name,
      eventType: input.eventType,
      condition: input.condition ?? null,
      template: input.template,
      recipients,
      enabled: input.enabled ?? true,
    })
    .returning();
  return row!;
}

/** Replaces the whole definition (validated like a new one). */
export async function updateAlert(
  db: Db,
  accountId: string,
  id: string,
  input: CustomAlertInput,
): Promise<CustomAlert> {
  await getAlert(db, accountId, id);
  const recipients = await validate(db, accountId, input);
  const [row] = await db
    .update(customAlerts)
    .set({
      name: input.name,
      eventType: input.eventType,
      condition: input.condition ?? null,
      template: input.template,
      recipients,
      enabled: input.enabled ?? true,
    })
    .where(and(eq(customAlerts.accountId, accountId), eq(customAlerts.id, id)))
    .returning();
  return row!;
}

export async function getAlert(db: Db, accountId: string, id: string): Promise<CustomAlert> {
  const [row] = await db
    .select()
    .from(customAlerts)
    .where(and(eq(customAlerts.accountId, accountId), eq(customAlerts.id, id)));
  if (!row) throw notFound("custom_alert");
  return row;
}

export async function listAlerts(db: Db, accountId: string): Promise<CustomAlert[]> {
  return db
    .select()
    .from(customAlerts)
    .where(eq(customAlerts.accountId, accountId))
    .orderBy(desc(customAlerts.createdAt));
}

export async function deleteAlert(db: Db, accountId: string, id: string): Promise<void> {
  await getAlert(db, accountId, id);
  await db.delete(customAlerts).where(and(eq(customAlerts.accountId, accountId), eq(customAlerts.id, id)));
}

/** Whether the alert's condition holds for an event payload (no condition: always). */
export function conditionHolds(
  alert: Pick<CustomAlert, "condition">,
  payload: Record<string, unknown>,
): boolean {
  if (alert.condition === null || alert.condition === undefined) return true;
  return Boolean(jsonLogic.apply(alert.condition, payload));
}

/** Renders the alert against the most recent real event of its type; nothing is sent. */
export async function testAlert(db: Db, accountId: string, id: string) {
  const alert = await getAlert(db, accountId, id);
  const [event] = await listEvents(db, accountId, { types: [alert.eventType], limit: 1 });
  if (!event) return { event: null, matches: false, message: null };
  return {
    event: {
      id: event.id,
      type: event.type,
      createdAt: event.createdAt.toISOString(),
      payload: event.payload,
    },
    matches: conditionHolds(alert, event.payload),
    message: renderForDelivery(alert.template, event.payload),
  };
}
