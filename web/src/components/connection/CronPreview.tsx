import { Cron } from "croner";
import cronstrue from "cronstrue";

type Preview = { ok: true; text: string; next: Date[] } | { ok: false; text: string };

/** Reads a cron expression back in words, with the next runs in the feed's time zone. */
export function describeCron(expression: string, timezone: string, outbound = false): Preview {
  const cron = expression.trim();
  if (cron === "")
    return {
      ok: true,
      // Outbound feeds drain the pending queue whenever it holds work; a schedule is optional.
      text: outbound
        ? "No schedule: sends as soon as there is something to send."
        : "No schedule: runs only when you press Run now.",
      next: [],
    };
  try {
    const text = cronstrue.toString(cron, { use24HourTimeFormat: true, verbose: false });
    const next = new Cron(cron, { timezone, paused: true }).nextRuns(3);
    return { ok: true, text, next };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      text: `Not a schedule Stockwire understands (${reason}). Example: "0 * * * *" = every hour.`,
    };
  }
}

export function CronPreview(props: { cron: string; timezone: string; outbound: boolean }) {
  const preview = describeCron(props.cron, props.timezone, props.outbound);
  const at = (d: Date) =>
    d.toLocaleString(undefined, { timeZone: props.timezone, dateStyle: "medium", timeStyle: "short" });
  return (
    <div className={`small ${preview.ok ? "" : "error"}`} data-testid="cron-preview">
      {preview.ok ? <strong>{preview.text}</strong> : preview.text}
      {preview.ok && preview.next.length > 0 && (
        <div className="muted">
          Next ({props.timezone}): {preview.next.map(at).join(" · ")}
        </div>
      )}
    </div>
  );
}
