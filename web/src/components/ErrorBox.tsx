import { ApiError, errorMessage } from "../api/client.ts";

export type Advice = { what: string; next: string };
/** Turns a hub problem (its stable code and detail) into merchant words, when it knows the case. */
export type Explain = (error: ApiError) => Advice | undefined;

/**
 * The dashboard's one way to show an error: the problem's detail (with advice in merchant words
 * when the page knows the code), each failing field, and the problem's title and stable code
 * underneath so support can be told exactly what the hub said.
 */
export function ErrorBox(props: { error: unknown; explain?: Explain }) {
  if (!props.error) return null;
  const problem = props.error instanceof ApiError ? props.error : undefined;
  const advice = problem ? props.explain?.(problem) : undefined;
  const detail = capitalise(errorMessage(props.error));
  const fields = problem?.problem.errors ?? [];
  return (
    <div className={advice ? "problem" : "problem error"} role="alert">
      {advice ? (
        <>
          <p>
            <strong>{advice.what}</strong>
          </p>
          <p>What to do: {advice.next}</p>
          <p className="detail">Stockwire said: {detail}</p>
        </>
      ) : (
        <p>{detail}</p>
      )}
      {fields.length > 0 && (
        <ul className="field-errors">
          {fields.map((f) => (
            <li key={`${f.path}-${f.message}`}>
              <code>{f.path || "(body)"}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
      {problem && problem.status !== 0 && (
        <p className="detail muted">
          {problem.problem.title ?? `HTTP ${problem.status}`} · <code>{problem.code}</code>
        </p>
      )}
    </div>
  );
}

function capitalise(text: string): string {
  // A detail that starts with a field's name ("understockDays must …") keeps the name as it is.
  const sentence = /^[a-z]+[A-Z0-9_]/.test(text) ? text : text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
