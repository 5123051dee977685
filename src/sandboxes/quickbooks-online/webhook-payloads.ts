import { createHash, randomUUID } from "node:crypto";
import type { ChangeOperation, EntityChange, EntityName } from "./types.ts";

/**
 * Intuit moved webhooks to CloudEvents (mandatory from 31 Jul 2026 after the 15 May 2026 deadline
 * was extended); the legacy `eventNotifications` envelope is still produced on request.
 */
export type WebhookFormat = "cloudevents" | "legacy";

/** Entities Intuit sends notifications for, among those this sandbox serves. */
export const WEBHOOK_ENTITIES: ReadonlySet<EntityName> = new Set([
  "Account",
  "Customer",
  "Item",
  "SalesReceipt",
  "Invoice",
  "RefundReceipt",
  "CreditMemo",
]);

const CLOUD_EVENT_VERB: Record<ChangeOperation, string> = {
  Create: "created",
  Update: "updated",
  Delete: "deleted",
  Void: "voided",
  Merge: "merged",
};

export function cloudEventsPayload(realmId: string, changes: readonly EntityChange[]): unknown[] {
  const source = `intuit.${createHash("sha256").update(realmId).digest("base64")}`;
  return changes.map((change) => ({
    specversion: "1.0",
    id: randomUUID(),
    source,
    type: `qbo.${change.entity.toLowerCase()}.${CLOUD_EVENT_VERB[change.operation]}.v1`,
    datacontenttype: "application/json",
    time: new Date(change.at).toISOString(),
    intuitentityid: change.id,
    intuitaccountid: realmId,
    data: {},
  }));
}

export function legacyPayload(realmId: string, changes: readonly EntityChange[]): unknown {
  return {
    eventNotifications: [
      {
        realmId,
        dataChangeEvent: {
          entities: changes.map((change) => ({
            name: change.entity,
            id: change.id,
            operation: change.operation,
            lastUpdated: new Date(change.at).toISOString(),
          })),
        },
      },
    ],
  };
}
