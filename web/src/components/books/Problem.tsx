import { ApiError, errorMessage } from "../../api.ts";

export type Advice = { what: string; next: string };
/** Turns a hub error (its stable code and message) into merchant words, when it knows the case. */
export type Explain = (error: ApiError) => Advice | undefined;

/**
 * An error in words a merchant understands, with what to do next; the hub's own message stays
 * underneath so support can be told exactly what it said.
 */
export function Problem(props: { error: unknown; explain?: Explain }) {
  if (!props.error) return null;
  const advice = props.error instanceof ApiError ? props.explain?.(props.error) : undefined;
  const detail = errorMessage(props.error);
  return (
    <div className="problem" role="alert">
      {advice ? (
        <>
          <p>
            <strong>{advice.what}</strong>
          </p>
          <p>What to do: {advice.next}</p>
          <p className="detail">Stockwire said: {capitalise(detail)}</p>
        </>
      ) : (
        <p>{capitalise(detail)}</p>
      )}
    </div>
  );
}

function capitalise(text: string): string {
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
