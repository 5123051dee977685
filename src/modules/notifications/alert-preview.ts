import jsonLogic from "json-logic-js";
import type { Db } from "../../db/engine.ts";
import { invalid } from "../../lib/errors.ts";
import { listEvents } from "../events/events.ts";
import { conditionHolds } from "./custom-alerts.ts";
import { type AlertEventType, alertEvents, logicVars } from "./event-fields.ts";
import { renderLenient, templateRoots } from "./templates.ts";

export type AlertDraft = { eventType: AlertEventType; condition?: unknown; template: string };

export type AlertPreview = {
  /** True when no event of the type has happened yet and each field shows as `[field]`. */
  sample: boolean;
  event: { id: number; createdAt: string; payload: Record<string, unknown> } | null;
  /** Whether the condition holds for the event; null for a sample, where it cannot be judged. */
  matches: boolean | null;
  message: string;
};

/** The same field checks an alert gets on save, so the builder shows the 400 before Save does. */
function checkDraft(draft: AlertDraft): void {
  const fields: readonly string[] = alertEvents[draft.eventType];
  if (draft.condition !== undefined && draft.condition !== null) {
    if (typeof draft.condition !== "boolean" && !jsonLogic.is_logic(draft.condition)) {
      throw invalid("condition_invalid", "condition is not a json-logic expression", { field: "condition" });
    }
    const unknown = logicVars(draft.condition).filter((v) => !fields.includes(v));
    if (unknown.length > 0) {
      throw invalid(
        "condition_field_unknown",
        `condition reads unknown field(s) of ${draft.eventType}: ${unknown.join(", ")}`,
        {
          field: "condition",
          unknown,
          fields,
        },
      );
    }
  }
  const unknown = [...new Set(templateRoots(draft.template))].filter((v) => !fields.includes(v));
  if (unknown.length > 0) {
    throw invalid(
      "template_field_unknown",
      `template reads unknown field(s) of ${draft.eventType}: ${unknown.join(", ")}`,
      {
        field: "template",
        unknown,
        fields,
      },
    );
  }
}

/**
 * Renders an unsaved alert (R-NOT-5's builder) against the account's most recent real event of
 * its type. Sends nothing and stores nothing.
 */
export async function previewAlert(db: Db, accountId: string, draft: AlertDraft): Promise<AlertPreview> {
  checkDraft(draft);
  const [event] = await listEvents(db, accountId, { types: [draft.eventType], limit: 1 });
  const render = (vars: Record<string, unknown>) => {
    try {
      return renderLenient(draft.template, vars);
    } catch (error) {
      throw invalid("template_render_failed", `template does not render: ${(error as Error).message}`, {
        field: "template",
      });
    }
  };
  if (!event) {
    const placeholders = Object.fromEntries(alertEvents[draft.eventType].map((f) => [f, `[${f}]`]));
    return { sample: true, event: null, matches: null, message: render(placeholders) };
  }
  return {
    sample: false,
    event: { id: event.id, createdAt: event.createdAt.toISOString(), payload: event.payload },
    matches: conditionHolds({ condition: draft.condition ?? null }, event.payload),
    message: render(event.payload),
  };
}
