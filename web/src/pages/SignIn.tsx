import { type FormEvent, useState } from "react";
import { client, setCsrfToken, unwrap } from "../api/client.ts";
import { ErrorBox } from "../components/ErrorBox.tsx";

/** Sign-in, or the first-run setup form while the hub has no user yet. */
export function SignIn(props: { setupNeeded: boolean; onSignedIn: () => void }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const field = (name: string) => String(form.get(name) ?? "");
    setBusy(true);
    setError(undefined);
    try {
      const result = props.setupNeeded
        ? await unwrap(
            client.POST("/api/v1/setup", {
              body: {
                accountName: field("accountName"),
                email: field("email"),
                password: field("password"),
              },
            }),
          )
        : await unwrap(
            client.POST("/api/v1/auth/login", {
              body: {
                email: field("email"),
                password: field("password"),
              },
            }),
          );
      setCsrfToken(result.csrfToken);
      props.onSignedIn();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="signin">
      <form className="card" onSubmit={submit}>
        <h1>Stockwire</h1>
        <p className="muted">
          {props.setupNeeded
            ? "Welcome. Create your account and its owner to get started."
            : "Sign in to your inventory hub."}
        </p>
        {props.setupNeeded && (
          <label>
            Business name
            <input name="accountName" required autoComplete="organization" />
          </label>
        )}
        <label>
          E-mail
          <input name="email" type="email" required autoComplete="username" />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            required
            minLength={props.setupNeeded ? 10 : undefined}
            autoComplete={props.setupNeeded ? "new-password" : "current-password"}
          />
        </label>
        <ErrorBox error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {props.setupNeeded ? "Create account" : "Sign in"}
        </button>
      </form>
    </div>
  );
}
