import { useEffect, useState } from "react";
import { api } from "../../api.ts";
import type { AlertPreview } from "../../types.ts";

const DEBOUNCE_MS = 350;

/** Renders the draft on the hub as it is typed (debounced): the same checks Save applies. */
export function useAlertPreview(draft: { eventType: string; condition: unknown; template: string }) {
  const [preview, setPreview] = useState<AlertPreview | null>(null);
  const [error, setError] = useState<unknown>();
  const key = JSON.stringify(draft);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the serialised draft.
  useEffect(() => {
    if (!draft.eventType || !draft.template.trim()) {
      setPreview(null);
      setError(undefined);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      api
        .post<AlertPreview>("/api/v1/custom-alerts/preview", {
          eventType: draft.eventType,
          template: draft.template,
          ...(draft.condition === null ? {} : { condition: draft.condition }),
        })
        .then(
          (p) => {
            if (!live) return;
            setPreview(p);
            setError(undefined);
          },
          (e: unknown) => live && setError(e),
        );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return { preview, error };
}
