import { type ConnectorSession, PlatformDeferred } from "../../../connectors/contract.ts";
import type { AppContext } from "../../../context.ts";
import { type Connection, raiseIssue, recordPreviews, resolveIssue } from "../../connections/index.ts";
import { shipmentForChannel } from "../../orders/index.ts";
import { confirmRows, deferRows, dropRows, dueRows, postponeRows } from "../outbox.ts";

/**
 * Sends the hub's shipments (carrier, tracking) to the channel the order came from. A send the
 * platform client deferred stops the drain, leaving the row due for when the platform allows.
 */
export async function drainFulfillments(
  ctx: AppContext,
  connection: Connection,
  session: ConnectorSession,
  deadline: number,
): Promise<{ sent: number; more: boolean; retryAfterMs?: number }> {
  let sent = 0;
  while (Date.now() < deadline) {
    const rows = await dueRows(ctx.db, connection.id, "fulfillment", 20);
    if (rows.length === 0) return { sent, more: false };
    for (const row of rows) {
      const shipment = await shipmentForChannel(ctx.db, connection.accountId, row.subjectId);
      if (!shipment || shipment.platformShipmentId || shipment.connectionId !== connection.id) {
        await dropRows(ctx.db, [row]);
        continue;
      }
      const input = {
        platformOrderId: shipment.platformOrderId,
        lines: shipment.lines
          .filter((l) => l.platformLineId)
          .map((l) => ({ platformLineId: l.platformLineId!, quantity: l.quantity })),
        carrier: shipment.carrier,
        trackingNumber: shipment.trackingNumber,
        trackingUrl: shipment.trackingUrl,
        notifyCustomer: true,
      };
      if (connection.mode === "shadow") {
        await recordPreviews(ctx.db, connection.accountId, connection.id, [
          {
            kind: "shipping-confirmation",
            subject: shipment.orderNumber,
            description: `would mark order ${shipment.orderNumber} shipped on ${connection.name}${shipment.trackingNumber ? ` with tracking ${shipment.trackingNumber}` : ""}`,
            payload: input,
          },
        ]);
        await confirmRows(ctx.db, [row]);
        continue;
      }
      try {
        await session.createFulfillment!(input);
        await confirmRows(ctx.db, [row]);
        await resolveIssue(ctx.db, connection.id, "shipment", row.subjectId, "sent");
        sent += 1;
      } catch (error) {
        const message = (error as Error).message;
        const deferred = error instanceof PlatformDeferred ? error : undefined;
        if (deferred) await postponeRows(ctx.db, [row], deferred.retryAfterMs, message);
        else await deferRows(ctx.db, [row], message);
        // A rate limit is the platform pacing the hub, not a problem to report.
        if (deferred?.reason !== "rate-limit")
          await raiseIssue(ctx.db, {
            accountId: connection.accountId,
            connectionId: connection.id,
            feedKind: "shipping-confirmation",
            subjectType: "shipment",
            subjectId: row.subjectId,
            severity: "retry",
            code: "fulfillment_failed",
            message: `shipment of order ${shipment.orderNumber} could not be sent to ${connection.name}: ${message}`,
          });
        if (deferred) return { sent, more: true, retryAfterMs: deferred.retryAfterMs };
      }
    }
  }
  return { sent, more: (await dueRows(ctx.db, connection.id, "fulfillment", 1)).length > 0 };
}
