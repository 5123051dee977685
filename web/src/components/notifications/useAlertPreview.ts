import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { client, unwrap } from "../../api/client.ts";
import type { AlertEventType } from "../../api/types.ts";

const DEBOUNCE_MS = 350;

type Draft = { eventType: string; condition: unknown; template: string };

/** Renders the draft on the hub as it is typed (debounced): the same checks Save applies. */
export function useAlertPreview(draft: Draft) {
  const [settled, setSettled] = useState<Draft>(draft);
  const key = JSON.stringify(draft);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the serialised draft.
  useEffect(() => {
    const timer = setTimeout(() => setSettled(draft), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key]);
  const ready = Boolean(draft.eventType && draft.template.trim());
  const preview = useQuery({
    queryKey: ["custom-alerts", "preview", settled],
    queryFn: () =>
      unwrap(
        client.POST("/api/v1/custom-alerts/preview", {
          body: {
            // Chosen from the hub's own list of events.
            eventType: settled.eventType as AlertEventType,
            template: settled.template,
            ...(settled.condition === null ? {} : { condition: settled.condition }),
          },
        }),
      ),
    enabled: Boolean(settled.eventType && settled.template.trim()),
    placeholderData: keepPreviousData,
    retry: false,
  });
  return { preview: ready ? (preview.data ?? null) : null, error: ready ? preview.error : undefined };
}
