import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { credentialFields } from "../credential-fields.ts";
import type { Connection, Platform } from "../types.ts";
import { ErrorBox } from "./common.tsx";

/** Pairs a platform: the hub checks the credentials with the platform and never shows them again. */
export function PairForm(props: { platform: Platform; onPaired: (c: Connection) => void }) {
  const fields = credentialFields[props.platform.platform];
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? "").trim();
    setError(undefined);
    let credentials: Record<string, unknown>;
    if (fields) {
      credentials = {};
      for (const f of fields) if (value(f.name) !== "") credentials[f.name] = value(f.name);
    } else {
      try {
        credentials = JSON.parse(value("credentialsJson") || "{}");
      } catch {
        return setError(new Error("Credentials must be a JSON object."));
      }
    }
    setBusy(true);
    try {
      const created = await api.post<Connection>("/api/v1/connections", {
        platform: props.platform.platform,
        name: value("name"),
        credentials,
      });
      props.onPaired(created);
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
      {fields?.map((f) => (
        <label key={f.name}>
          {f.label}
          {f.optional && <span className="muted small"> (optional)</span>}
          <input
            name={f.name}
            type={f.secret ? "password" : "text"}
            required={!f.optional}
            placeholder={f.hint}
            defaultValue={f.initial?.()}
            autoComplete="off"
          />
        </label>
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
