import { type FormEvent, useState } from "react";
import { client, type Platform, unwrap } from "../api/client.ts";
import type { Connection } from "../api/types.ts";
import { ErrorBox } from "./ErrorBox.tsx";

/** One property of a platform's credentials JSON Schema (GET /api/v1/platforms), as far as a form reads it. */
type PropertySchema = {
  type?: string;
  title?: string;
  description?: string;
  format?: string;
  enum?: unknown[];
  examples?: unknown[];
  readOnly?: boolean;
};
type Field = { name: string; schema: PropertySchema; required: boolean };

/**
 * The inputs a credentials schema asks for: scalar properties a person types (the hub fills in
 * `readOnly` ones). Undefined when a required property is not a scalar, so the form falls back to JSON.
 */
function fieldsOf(schema: Platform["credentialsSchema"]): Field[] | undefined {
  // The document types a JSON Schema as an open object; these are the keywords read here.
  const { properties = {}, required: names = [] } = schema as {
    properties?: Record<string, PropertySchema>;
    required?: string[];
  };
  const required = new Set(names);
  const fields: Field[] = [];
  for (const [name, property] of Object.entries(properties)) {
    if (property.readOnly) continue;
    const scalar = ["string", "integer", "number", "boolean"].includes(property.type ?? "");
    if (!scalar && required.has(name)) return undefined;
    if (scalar) fields.push({ name, schema: property, required: required.has(name) });
  }
  return fields;
}

/** A typed value for a field, or undefined to leave it out (an empty optional field). */
function typedValue(field: Field, form: FormData): unknown {
  const raw = String(form.get(field.name) ?? "").trim();
  if (field.schema.type === "boolean") return form.get(field.name) === "on" ? true : undefined;
  if (raw === "") return undefined;
  return field.schema.type === "integer" || field.schema.type === "number" ? Number(raw) : raw;
}

function FieldInput({ field }: { field: Field }) {
  const { schema, name, required } = field;
  const label = schema.title ?? name;
  if (schema.type === "boolean")
    return (
      <label>
        <input name={name} type="checkbox" /> {label}
      </label>
    );
  const id = `pair-${name}`;
  const control = schema.enum ? (
    <select id={id} name={name} required={required} defaultValue="">
      {!required && <option value="">—</option>}
      {schema.enum.map((option) => (
        <option key={String(option)} value={String(option)}>
          {String(option)}
        </option>
      ))}
    </select>
  ) : (
    <input
      id={id}
      name={name}
      type={schema.format === "password" ? "password" : schema.type === "string" ? "text" : "number"}
      required={required}
      placeholder={schema.examples?.[0] === undefined ? undefined : String(schema.examples[0])}
      autoComplete="off"
    />
  );
  return (
    <label htmlFor={id}>
      {label}
      {!required && <span className="muted small"> (optional)</span>}
      {control}
      {schema.description && <span className="muted small">{schema.description}</span>}
    </label>
  );
}

/** Pairs a platform: the hub checks the credentials with the platform and never shows them again. */
export function PairForm(props: { platform: Platform; onPaired: (c: Connection) => void }) {
  const fields = fieldsOf(props.platform.credentialsSchema);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setError(undefined);
    let credentials: Record<string, unknown>;
    if (fields) {
      credentials = {};
      for (const field of fields) {
        const value = typedValue(field, form);
        if (value !== undefined) credentials[field.name] = value;
      }
    } else {
      try {
        credentials = JSON.parse(String(form.get("credentialsJson") ?? "").trim() || "{}");
      } catch {
        return setError(new Error("Credentials must be a JSON object."));
      }
    }
    setBusy(true);
    try {
      const created = await unwrap(
        client.POST("/api/v1/connections", {
          body: {
            platform: props.platform.platform,
            name: String(form.get("name") ?? "").trim(),
            credentials,
          },
        }),
      );
      props.onPaired(created as Connection);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form" onSubmit={submit} aria-label={`Connect ${props.platform.displayName}`}>
      <h3>Connect {props.platform.displayName}</h3>
      <label>
        Name
        <input name="name" required defaultValue={props.platform.displayName} />
      </label>
      {fields?.map((field) => (
        <FieldInput key={field.name} field={field} />
      ))}
      {!fields && (
        <label>
          Credentials (JSON)
          <textarea name="credentialsJson" rows={4} />
        </label>
      )}
      <p className="muted small">
        Credentials are checked with {props.platform.displayName}, stored encrypted and never shown again. New
        connections start in test mode: they only read.
      </p>
      <ErrorBox error={error} />
      <button type="submit" className="primary" disabled={busy}>
        {busy ? "Checking…" : "Connect"}
      </button>
    </form>
  );
}
