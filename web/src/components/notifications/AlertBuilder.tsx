import { type FormEvent, useRef, useState } from "react";
import { client, unwrap } from "../../api/client.ts";
import type { AlertEvent, AlertEventType, CustomAlert } from "../../api/types.ts";
import { dateTime } from "../../format.ts";
import { type Advice, ErrorBox, type Explain } from "../ErrorBox.tsx";
import { ConditionBuilder } from "./ConditionBuilder.tsx";
import { type Condition, fromLogic, toLogic } from "./condition.ts";
import { useAlertPreview } from "./useAlertPreview.ts";

const ORDER_EVENTS = ["order.imported", "order.backordered"];
const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

/** What the hub's alert codes (docs/error-codes.md) mean for the merchant writing one. */
const adviceByCode: Record<string, Advice> = {
  template_field_unknown: {
    what: "The message names a field this event does not have.",
    next: "pick the field from the list under the message.",
  },
  condition_field_unknown: {
    what: "The condition names a field this event does not have.",
    next: "choose each condition field again from its list (the list follows the event).",
  },
  condition_invalid: {
    what: "The condition is not one Stockwire can read.",
    next: "correct the JSON, or clear it and build the condition with rows.",
  },
  template_invalid: {
    what: "The message is not a template Stockwire can read.",
    next: "check that every {{ has its }} and every {% if %} its {% endif %}.",
  },
  template_render_failed: {
    what: "The message could not be filled in with the latest event.",
    next: "simplify the message (fewer filters or loops) until the preview shows it.",
  },
  recipients_missing: {
    what: "The alert has nobody to tell.",
    next: "tick the account owner, or add an e-mail address or a webhook.",
  },
};
const explain: Explain = (e) => adviceByCode[e.code];

/** R-NOT-5: event, condition, message template with the event's fields, recipients; a live preview. */
export function AlertBuilder(props: {
  events: AlertEvent[];
  webhooks: { id: string; url: string }[];
  editing: CustomAlert | null;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const e = props.editing;
  const [name, setName] = useState(e?.name ?? "");
  const [eventType, setEventType] = useState(e?.eventType ?? props.events[0]?.type ?? "");
  const parsed = fromLogic(e?.condition ?? null);
  const [condition, setCondition] = useState<Condition>(parsed ?? { join: "and", rows: [] });
  // A condition written by a script (not the builder's rows) is edited as JSON.
  const [rawCondition, setRawCondition] = useState(parsed ? null : JSON.stringify(e?.condition, null, 2));
  const [template, setTemplate] = useState(e?.template ?? "");
  const [emails, setEmails] = useState(e?.recipients.emails.join(", ") ?? "");
  const [owner, setOwner] = useState(e?.recipients.owner ?? true);
  const [customer, setCustomer] = useState(e?.recipients.customer ?? false);
  const [webhookIds, setWebhookIds] = useState<string[]>(e?.recipients.webhookIds ?? []);
  const [enabled, setEnabled] = useState(e?.enabled ?? true);
  const [error, setError] = useState<unknown>();
  const templateBox = useRef<HTMLTextAreaElement>(null);

  const event = props.events.find((ev) => ev.type === eventType);
  const fields = event?.fields ?? [];
  let logic: unknown = toLogic(condition);
  let rawError: string | null = null;
  if (rawCondition !== null) {
    try {
      logic = rawCondition.trim() ? JSON.parse(rawCondition) : null;
    } catch {
      rawError = "The condition is not valid JSON.";
    }
  }
  const live = useAlertPreview({ eventType, condition: rawError ? null : logic, template });
  const badEmails = emails
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s && !EMAIL.test(s));

  const insertField = (field: string) => {
    const box = templateBox.current;
    const at = box?.selectionStart ?? template.length;
    setTemplate(`${template.slice(0, at)}{{ ${field} }}${template.slice(at)}`);
    box?.focus();
  };
  const save = async (ev: FormEvent) => {
    ev.preventDefault();
    setError(undefined);
    const body = {
      name: name.trim(),
      // Chosen from the hub's own list of events.
      eventType: eventType as AlertEventType,
      ...(logic === null ? {} : { condition: logic }),
      template,
      recipients: { emails, owner, customer: customer && ORDER_EVENTS.includes(eventType), webhookIds },
      enabled,
    };
    try {
      if (e)
        await unwrap(
          client.PUT("/api/v1/custom-alerts/{id}", { params: { path: { id: e.id } }, body: body }),
        );
      else await unwrap(client.POST("/api/v1/custom-alerts", { body: body }));
      props.onSaved();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <form className="form" aria-label="Custom alert" onSubmit={save}>
      <div className="grid-form">
        <label>
          Name
          <input required maxLength={200} value={name} onChange={(x) => setName(x.target.value)} />
        </label>
        <label>
          Event
          <select value={eventType} onChange={(x) => setEventType(x.target.value)}>
            {props.events.map((ev) => (
              <option key={ev.type} value={ev.type}>
                {ev.type}
              </option>
            ))}
          </select>
        </label>
        <label className="switch">
          <input type="checkbox" checked={enabled} onChange={(x) => setEnabled(x.target.checked)} /> Enabled
        </label>
      </div>
      {rawCondition === null ? (
        <ConditionBuilder
          fields={fields}
          fieldTypes={event?.fieldTypes ?? {}}
          value={condition}
          onChange={setCondition}
        />
      ) : (
        <label>
          Condition (json-logic)
          <textarea rows={4} value={rawCondition} onChange={(x) => setRawCondition(x.target.value)} />
          {rawError && <span className="error-text small">{rawError}</span>}
        </label>
      )}
      <label>
        Message
        <textarea
          ref={templateBox}
          rows={3}
          required
          maxLength={5000}
          aria-label="Message template"
          placeholder="Order {{ orderNumber }} is over 100"
          value={template}
          onChange={(x) => setTemplate(x.target.value)}
        />
      </label>
      <fieldset className="chips" aria-label="Fields of this event">
        <legend className="muted small">Insert a field:</legend>
        {fields.map((f) => (
          <button type="button" key={f} onClick={() => insertField(f)}>
            {f}
          </button>
        ))}
      </fieldset>
      <section aria-label="Preview" className="card">
        <h3>Preview</h3>
        {!template.trim() && <p className="muted small">Write a message to see it rendered.</p>}
        <ErrorBox error={live.error} explain={explain} />
        {live.preview && !live.error && (
          <>
            <div className="preview-box" data-testid="alert-preview">
              {live.preview.message}
            </div>
            <p className="muted small">
              {live.preview.sample
                ? "No such event has happened yet: each field shows as [field]."
                : `From the latest ${eventType} event (${dateTime(live.preview.event?.createdAt)}): ${
                    live.preview.matches
                      ? "the condition holds, so it would alert."
                      : "the condition does not hold, so it would not alert."
                  }`}
            </p>
          </>
        )}
      </section>
      <fieldset className="card">
        <legend>Tell</legend>
        <label className="switch">
          <input type="checkbox" checked={owner} onChange={(x) => setOwner(x.target.checked)} /> The account
          owner
        </label>
        {ORDER_EVENTS.includes(eventType) && (
          <label className="switch">
            <input type="checkbox" checked={customer} onChange={(x) => setCustomer(x.target.checked)} /> The
            customer who placed the order
          </label>
        )}
        <label>
          E-mail addresses (comma-separated)
          <input
            value={emails}
            aria-invalid={badEmails.length > 0}
            onChange={(x) => setEmails(x.target.value)}
          />
          {badEmails.length > 0 && (
            <span className="error-text small">Not an e-mail address: {badEmails.join(", ")}</span>
          )}
        </label>
        {props.webhooks.map((w) => (
          <label key={w.id} className="switch">
            <input
              type="checkbox"
              checked={webhookIds.includes(w.id)}
              onChange={(x) =>
                setWebhookIds((ids) => (x.target.checked ? [...ids, w.id] : ids.filter((i) => i !== w.id)))
              }
            />{" "}
            Webhook {w.url}
          </label>
        ))}
      </fieldset>
      <ErrorBox error={error} explain={explain} />
      <div className="row">
        <button type="submit" className="primary" disabled={badEmails.length > 0 || rawError !== null}>
          {e ? "Save alert" : "Create alert"}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
