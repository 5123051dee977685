import { z } from "zod";
import { AppError } from "../../lib/errors.ts";
import type { WebhookNotice } from "../contract.ts";
import { headerValue, verifyBodyHmac } from "../http/index.ts";
import type { QuickBooksCredentials } from "./credentials.ts";

/** `intuit-signature` = base64(HMAC-SHA256(raw body, verifier token)) (§7.7), compared in constant time. */
export function verifyQuickBooksWebhook(
  credentials: QuickBooksCredentials,
  headers: Record<string, string | undefined>,
  rawBody: Buffer,
): boolean {
  return verifyBodyHmac({
    secret: credentials.verifierToken,
    rawBody,
    signature: headerValue(headers, "intuit-signature"),
    encoding: "base64",
  });
}

const cloudEvent = z.looseObject({
  id: z.string(),
  type: z.string(),
  time: z.string().optional(),
  intuitentityid: z.string().optional(),
  intuitaccountid: z.string().optional(),
});
const legacyBody = z.looseObject({
  eventNotifications: z.array(
    z.looseObject({
      realmId: z.string(),
      dataChangeEvent: z.looseObject({
        entities: z.array(
          z.looseObject({
            name: z.string(),
            id: z.string(),
            operation: z.string(),
            lastUpdated: z.string().optional(),
          }),
        ),
      }),
    }),
  ),
});

/** One entity change; a QuickBooks POST may carry several (and several realms). */
export type QuickBooksChange = WebhookNotice & { realmId: string | null; entity: string; operation: string };

function kindOf(entity: string): WebhookNotice["kind"] {
  // Item changes carry QtyOnHand: sales documents move it too, but each also fires an Item event.
  return entity.toLowerCase() === "item" ? "inventory" : "other";
}

function dateOr(text: string | undefined, fallback: Date): Date {
  const at = text ? new Date(text) : fallback;
  return Number.isNaN(at.getTime()) ? fallback : at;
}

/** Every change in a verified body, CloudEvents (array) or legacy `eventNotifications`. */
export function parseQuickBooksChanges(rawBody: Buffer, received: Date = new Date()): QuickBooksChange[] {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString("utf8"));
  } catch {
    throw new AppError("invalid_data", "invalid_webhook", "QuickBooks webhook body is not JSON");
  }
  const events = z.array(cloudEvent).safeParse(json);
  if (events.success) {
    return events.data.map((event) => {
      // type: qbo.<entity>.<operation>.v1
      const [, entity = "", operation = ""] = event.type.split(".");
      return {
        eventId: event.id,
        topic: event.type,
        kind: kindOf(entity),
        objectId: event.intuitentityid ?? null,
        occurredAt: dateOr(event.time, received),
        realmId: event.intuitaccountid ?? null,
        entity,
        operation,
      };
    });
  }
  const legacy = legacyBody.safeParse(json);
  if (legacy.success) {
    return legacy.data.eventNotifications.flatMap((notification) =>
      notification.dataChangeEvent.entities.map((change) => ({
        // Legacy notifications carry no id: entity, id, operation and time identify one.
        eventId: `${notification.realmId}:${change.name}:${change.id}:${change.operation}:${change.lastUpdated ?? ""}`,
        topic: `${change.name.toLowerCase()}.${change.operation.toLowerCase()}`,
        kind: kindOf(change.name),
        objectId: change.id,
        occurredAt: dateOr(change.lastUpdated, received),
        realmId: notification.realmId,
        entity: change.name,
        operation: change.operation,
      })),
    );
  }
  throw new AppError(
    "invalid_data",
    "invalid_webhook",
    "QuickBooks webhook body is neither CloudEvents nor eventNotifications",
  );
}

/**
 * The contract's one notice per webhook: the first inventory change if there is one, else the
 * first change. Callers that need every change (one POST can carry many) use parseQuickBooksChanges.
 */
export function parseQuickBooksWebhook(
  _headers: Record<string, string | undefined>,
  rawBody: Buffer,
): WebhookNotice {
  const changes = parseQuickBooksChanges(rawBody);
  const pick = changes.find((change) => change.kind === "inventory") ?? changes[0];
  if (!pick) throw new AppError("invalid_data", "invalid_webhook", "QuickBooks webhook carries no changes");
  const { realmId: _realm, entity: _entity, operation: _operation, ...notice } = pick;
  return notice;
}
