import jsonLogic from "json-logic-js";
import type { Db } from "../../db/engine.ts";
import { invalid } from "../../lib/errors.ts";
import { listEvents } from "../events/index.ts";
import { type AlertEventType, type AlertField, alertFieldRoots, alertFields } from "./alert-fields.ts";
import { conditionHolds } from "./custom-alerts.ts";
import { logicVars } from "./logic-vars.ts";
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
  const fields = alertFieldRoots(draft.eventType);
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
    return {
      sample: true,
      event: null,
      matches: null,
      message: render(placeholders(alertFields(draft.eventType))),
    };
  }
  return {
    sample: false,
    event: { id: event.id, createdAt: event.createdAt.toISOString(), payload: event.payload },
    matches: conditionHolds({ condition: draft.condition ?? null }, event.payload),
    message: render(event.payload),
  };
}

/** `[name]` in place of each field, nested as the event's payload is (`counts.new` inside `counts`). */
function placeholders(fields: AlertField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { name } of fields) {
    const path = name.split(".");
    let at = out;
    for (const key of path.slice(0, -1)) {
      at[key] ??= {};
      at = at[key] as Record<string, unknown>;
    }
    at[path.at(-1)!] = `[${name}]`;
  }
  return out;
}
