import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { WebhookNotice } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import { problems } from "../../http/openapi.ts";
import { isUuid } from "../../lib/ids.ts";
import {
  findListingByInventoryItem,
  listingsByVariant,
  normaliseSku,
  notePlatformQuantity,
} from "../catalog/index.ts";
import {
  type Connection,
  credentialsOf,
  getConnectionById,
  markDisconnected,
  openSession,
  recordSyncLog,
} from "../connections/index.ts";
import { channelAvailability } from "../inventory/index.ts";
import { allotmentReached, findOrderId } from "../orders/index.ts";
import { processChannelOrder } from "./channel-order.ts";
import { queueFeedRun } from "./feed-runner.ts";
import { kickConnection } from "./lanes.ts";
import { enqueueOne } from "./outbox.ts";
import { nudgePumps } from "./pump.ts";
import { webhookParams, webhookPayload, webhookReceivedResponse } from "./response-schemas.ts";
import { webhookInbox } from "./schema.ts";

/** Processes one connection's received webhooks in order (inbox.ts); one waits per connection. */
export const INBOX_JOB = "sync.inbox";
/** A platform echoing the hub's own push within this window is not an outside change. */
const ECHO_WINDOW_MS = 10 * 60 * 1000;

function headerMap(raw: Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v[0] : v]),
  );
}

/**
 * `POST /webhooks/:platform/:connectionId`: verified on the raw body (401, nothing stored, when the
 * signature is wrong or the connector refuses the delivery), de-duplicated on the platform's event
 * id and on the signed body itself (a captured delivery resent under a new event id is a
 * duplicate), stored, answered at once and processed by the connection's inbox job.
 */
export function registerWebhookRoute(app: FastifyInstance, ctx: AppContext): void {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    scope.post<{ Params: { platform: string; connectionId: string } }>(
      "/webhooks/:platform/:connectionId",
      {
        config: { public: true },
        schema: {
          operationId: "receiveWebhook",
          tags: ["webhooks"],
          summary: "A platform's webhook delivery for one connection (registered by the hub on pairing)",
          description:
            "No sign-in: the platform's signature over the raw body is the authentication. Stored and answered at once; the connection's inbox processes it in order.",
          params: webhookParams,
          body: webhookPayload,
          response: {
            200: webhookReceivedResponse,
            ...problems({
              400: ["bad_webhook"],
              401: ["bad_signature", "webhook_refused"],
              404: ["not_found"],
            }),
          },
        },
      },
      async (request, reply) => {
        const { platform, connectionId } = request.params;
        const connection = isUuid(connectionId) ? await getConnectionById(ctx.db, connectionId) : undefined;
        const connector =
          connection && connection.platform === platform ? ctx.connectors[platform] : undefined;
        if (!connection || !connector?.verifyWebhook || !connector.parseWebhook) {
          return reply.code(404).type("application/problem+json").send({
            type: "https://stockwire.dev/problems/not_found",
            title: "Not Found",
            status: 404,
            detail: "no such webhook endpoint",
            code: "not_found",
          });
        }
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const headers = headerMap(request.headers);
        if (connector.isHandshake?.(headers, raw))
          return reply.code(200).send({ received: true, stored: false });
        if (!connector.verifyWebhook(credentialsOf(ctx, connection), headers, raw, { url: request.url })) {
          request.log.warn({ connectionId }, "webhook with a bad signature refused");
          return reply.code(401).type("application/problem+json").send({
            type: "https://stockwire.dev/problems/bad_signature",
            title: "Unauthorized",
            status: 401,
            detail: "webhook signature does not match",
            code: "bad_signature",
          });
        }
        const refusal = connector.refuseWebhook?.(credentialsOf(ctx, connection), headers, new Date());
        if (refusal) {
          request.log.warn({ connectionId, refusal }, "signed webhook refused");
          return reply.code(401).type("application/problem+json").send({
            type: "https://stockwire.dev/problems/webhook_refused",
            title: "Unauthorized",
            status: 401,
            detail: refusal,
            code: "webhook_refused",
          });
        }
        let notice: WebhookNotice;
        try {
          notice = connector.parseWebhook(headers, raw);
        } catch (error) {
          return reply
            .code(400)
            .type("application/problem+json")
            .send({
              type: "https://stockwire.dev/problems/bad_webhook",
              title: "Bad Request",
              status: 400,
              detail: `webhook body could not be read: ${(error as Error).message}`,
              code: "bad_webhook",
            });
        }
        const [stored] = await ctx.db
          .insert(webhookInbox)
          .values({
            accountId: connection.accountId,
            connectionId,
            eventId: notice.eventId,
            bodySha256: createHash("sha256").update(raw).digest("hex"),
            topic: notice.topic,
            body: raw.toString("utf8"),
            headers: Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined)) as Record<
              string,
              string
            >,
          })
          .onConflictDoNothing()
          .returning({ id: webhookInbox.id });
        if (!stored) return reply.code(200).send({ received: true, duplicate: true });
        await kickConnection(ctx, INBOX_JOB, connectionId);
        return reply.code(200).send({ received: true, duplicate: false });
      },
    );
  });
}

/**
 * A new order while the account's allotment is used up is not imported: the order feed, paused at
 * its watermark, reads it once the allotment is raised. Orders the hub holds still take updates.
 */
async function overAllotment(ctx: AppContext, connection: Connection, platformOrderId: string) {
  if (!(await allotmentReached(ctx.db, connection.accountId))) return false;
  return !(await findOrderId(ctx.db, connection.accountId, connection.id, platformOrderId));
}

/** Applies one stored webhook. Out-of-order deliveries are safe: order imports ignore older updates. */
export async function processWebhook(ctx: AppContext, inboxId: string): Promise<void> {
  const [item] = await ctx.db.select().from(webhookInbox).where(eq(webhookInbox.id, inboxId));
  if (item?.status !== "received") return;
  const connection = await getConnectionById(ctx.db, item.connectionId);
  const connector = connection ? ctx.connectors[connection.platform] : undefined;
  if (!connection || !connector?.parseWebhook) return;
  const notice = connector.parseWebhook(item.headers, Buffer.from(item.body, "utf8"));
  let status: "processed" | "ignored" = "processed";
  if (notice.kind === "order" || notice.kind === "refund") {
    const session = openSession(ctx, connection);
    const order =
      notice.kind === "order" && notice.order
        ? notice.order
        : notice.objectId && session.getOrder
          ? await session.getOrder(notice.objectId)
          : null;
    if (order && (await overAllotment(ctx, connection, order.platformOrderId))) status = "ignored";
    else if (order) await processChannelOrder(ctx, connection, order, { feedKind: "new-orders" });
    else status = "ignored";
  } else if (notice.kind === "product") {
    if (await catalogueMustFollow(ctx, connection.id, notice)) {
      await queueFeedRun(ctx, {
        accountId: connection.accountId,
        connectionId: connection.id,
        kind: "new-products",
        trigger: "webhook",
      });
    } else status = "ignored";
  } else if (notice.kind === "inventory" && notice.level) {
    status = (await outsideStockChange(ctx, connection, notice)) ? "processed" : "ignored";
  } else if (notice.kind === "uninstalled") {
    const reason = "the app was uninstalled from the store: pair it again with new credentials";
    status = (await markDisconnected(ctx.db, connection, reason)) ? "processed" : "ignored";
  } else {
    status = "ignored";
  }
  await ctx.db
    .update(webhookInbox)
    .set({ status, processedAt: new Date() })
    .where(and(eq(webhookInbox.id, inboxId)));
  // A webhook is the fast path: its stock change goes out now, not at the pump's next interval.
  if (status === "processed") nudgePumps(ctx);
}

/**
 * Whether a product event needs the new-products feed: yes unless the payload lists its variants and
 * every one is already listed here under the same SKU and inventory item. Platforms announce each
 * stock change as a product update too; at one order a second those would otherwise queue a
 * catalogue read each, for nothing the new-products feed would change.
 */
async function catalogueMustFollow(
  ctx: AppContext,
  connectionId: string,
  notice: WebhookNotice,
): Promise<boolean> {
  if (!notice.variants || notice.variants.length === 0) return true;
  const listed = await listingsByVariant(
    ctx.db,
    connectionId,
    notice.variants.map((v) => v.platformVariantId),
  );
  return notice.variants.some((v) => {
    const listing = listed.get(v.platformVariantId);
    const sku = v.sku === null ? null : normaliseSku(v.sku);
    return (
      !listing ||
      !sku?.ok ||
      sku.sku !== listing.sku ||
      (listing.inventoryItemId ?? null) !== v.inventoryItemId
    );
  });
}

/** A stock level changed on the platform: an echo of our own push is ignored; anything else is logged and, if asked, corrected. */
async function outsideStockChange(
  ctx: AppContext,
  connection: NonNullable<Awaited<ReturnType<typeof getConnectionById>>>,
  notice: WebhookNotice,
): Promise<boolean> {
  const level = notice.level!;
  const listing = await findListingByInventoryItem(ctx.db, connection.id, level.inventoryItemId);
  if (!listing) return false;
  const recent =
    listing.lastPushedAt && notice.occurredAt.getTime() - listing.lastPushedAt.getTime() < ECHO_WINDOW_MS;
  if (listing.lastPushedQuantity === level.quantity && recent) return false;
  await notePlatformQuantity(ctx.db, connection.id, listing.productId, level.quantity);
  // The platform now shows what the hub wants it to (its own order moved the stock, as the hub's
  // record did): in step, so nothing to log or correct; the note above keeps compare-and-set right.
  const wanted = (await channelAvailability(ctx.db, connection.accountId, [listing.productId])).get(
    listing.productId,
  );
  if (Math.max(0, wanted ?? 0) === level.quantity) return false;
  await recordSyncLog(ctx.db, [
    {
      accountId: connection.accountId,
      connectionId: connection.id,
      sku: listing.sku,
      direction: "pull",
      quantity: level.quantity,
      result: "ok",
      severity: "info",
      reason: `changed on ${connection.name} outside the hub`,
    },
  ]);
  if (connection.mode === "live" && connection.settings.correctDrift) {
    await enqueueOne(ctx.db, {
      accountId: connection.accountId,
      connectionId: connection.id,
      kind: "stock",
      subjectId: listing.productId,
      sku: listing.sku,
    });
  }
  return true;
}
