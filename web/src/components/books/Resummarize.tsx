import { useState } from "react";
import { client, unwrap } from "../../api/client.ts";
import type { PostingOutcomes } from "../../api/types.ts";
import { ErrorBox } from "../ErrorBox.tsx";
import { explainBooksError } from "./books-advice.ts";
import { Progress } from "./Progress.tsx";
import { periodRange, useBooksProgress } from "./useBooksProgress.ts";

type Result = { periodKey: string; generation: number; outcomes: (keyof PostingOutcomes)[] };

/**
 * R-ORD-4's re-summarise for one summary: confirm (it deletes the receipt in QuickBooks), then
 * watch the period's document go from pending to posted while the request runs.
 */
export function Resummarize(props: {
  summaryId: string;
  channelConnectionId: string;
  periodKey: string;
  onDone: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<unknown>();
  const watch = useBooksProgress(
    running ? { connectionId: props.channelConnectionId, ...periodRange(props.periodKey) } : null,
  );

  const run = async () => {
    setConfirming(false);
    setError(undefined);
    setResult(null);
    setRunning(true);
    try {
      setResult(
        await unwrap(
          client.POST("/api/v1/books/summaries/{id}/resummarize", {
            params: { path: { id: props.summaryId } },
          }),
        ),
      );
      props.onDone();
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
    }
  };

  const docs = watch.progress?.documents;
  const stage = !docs
    ? "Deleting the receipt in the books…"
    : docs.posting > 0
      ? "Posting the new summary…"
      : docs.pending > 0
        ? "Rebuilding the summary from the period's orders…"
        : "Finishing…";
  return (
    <div>
      {!confirming && !running && (
        <button type="button" onClick={() => setConfirming(true)}>
          Re-summarise
        </button>
      )}
      {confirming && (
        <div className="confirm confirm-danger" role="alertdialog" aria-label="Re-summarise">
          <p>
            Delete this summary (in the books too) and build it again from the period's current orders? Late
            orders are added; nothing is posted twice.
          </p>
          <button type="button" className="primary" onClick={run}>
            Delete and rebuild
          </button>{" "}
          <button type="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      )}
      {running && <Progress label="Re-summarise progress" done={0} total={null} text={stage} />}
      <ErrorBox error={error} explain={explainBooksError} />
      {result && (
        <p className="ok-note" role="status">
          Re-summarised {result.periodKey} (version {result.generation}):{" "}
          {result.outcomes.join(", ") || "nothing to post"}.
        </p>
      )}
    </div>
  );
}
