import type { Clock } from "./clock.ts";
import { faults } from "./faults.ts";
import { kindForResource } from "./kinds/index.ts";
import { formatDateTime } from "./qbo-time.ts";
import type { EntityStore } from "./store.ts";

/** Published ChangeDataCapture limits: 30 days back at most, 1,000 objects per response across all entities. */
export const CDC_LOOKBACK_MS = 30 * 86_400_000;
export const CDC_MAX_OBJECTS = 1000;

export function changeDataCapture(
  store: EntityStore,
  clock: Clock,
  entities: string | undefined,
  changedSince: string | undefined,
): { CDCResponse: Array<{ QueryResponse: Array<Record<string, unknown>> }> } {
  if (!entities) throw faults.requiredParam("entities");
  if (!changedSince) throw faults.requiredParam("changedSince");
  const sinceMs = Date.parse(changedSince);
  if (Number.isNaN(sinceMs)) throw faults.invalidProperty("changedSince");
  if (clock.now() - sinceMs > CDC_LOOKBACK_MS) {
    throw faults.unsupportedOperation(
      `Operation cdc with changedSince date ${changedSince} which is older than fixed days is not supported.`,
    );
  }
  const kinds = entities
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) => {
      const kind = kindForResource(name);
      if (!kind) throw faults.invalidProperty(`entities:${name}`);
      return kind;
    });
  let budget = CDC_MAX_OBJECTS;
  // Past the cap the rest is simply missing, as in QBO: callers must narrow the window.
  const QueryResponse = kinds.map((kind) => {
    const rows = store.changedSince(kind.name, sinceMs).slice(0, budget);
    budget -= rows.length;
    if (rows.length === 0) return {};
    const objects = rows.map((row) =>
      row.kind === "live"
        ? row.entity
        : {
            domain: "QBO",
            status: "Deleted",
            Id: row.tombstone.Id,
            MetaData: { LastUpdatedTime: formatDateTime(row.ms) },
          },
    );
    return { [kind.name]: objects, startPosition: 1, maxResults: objects.length, totalCount: objects.length };
  });
  return { CDCResponse: [{ QueryResponse }] };
}
