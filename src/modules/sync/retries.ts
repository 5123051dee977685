import { PlatformDeferred } from "../../connectors/contract.ts";
import type { AppContext } from "../../context.ts";
import { productsBySku } from "../catalog/index.ts";
import {
  getConnectionById,
  openSession,
  raiseIssue,
  resolveIssue,
  type SyncIssue,
} from "../connections/index.ts";
import { processChannelOrder } from "./channel-order.ts";
import { queueFeedRun } from "./feed-runner.ts";
import { retryHistoryCutoff } from "./history.ts";
import { enqueueOne } from "./outbox.ts";
import { kickDrain } from "./pump.ts";

/**
 * Gives one issue's subject another go — by itself for `retry` items, or when a person presses
 * replay after fixing the cause. Success resolves the issue; failure counts an attempt. A platform
 * that defers the call (rate limit, outage) leaves the issue as it was, for the next tick.
 */
export async function retrySubject(
  ctx: AppContext,
  issue: SyncIssue,
  trigger: "retry" | "manual",
): Promise<void> {
  const connection = await getConnectionById(ctx.db, issue.connectionId);
  if (!connection) return;
  const base = {
    accountId: issue.accountId,
    connectionId: issue.connectionId,
    feedKind: issue.feedKind,
    subjectType: issue.subjectType,
    subjectId: issue.subjectId,
  };
  try {
    switch (issue.subjectType) {
      case "order": {
        const session = openSession(ctx, connection);
        const order = session.getOrder ? await session.getOrder(issue.subjectId) : null;
        if (!order) {
          await resolveIssue(
            ctx.db,
            connection.id,
            "order",
            issue.subjectId,
            "order no longer exists on the platform",
          );
          return;
        }
        const historyBefore = await retryHistoryCutoff(ctx.db, issue);
        await processChannelOrder(ctx, connection, order, {
          feedKind: issue.feedKind,
          ...(historyBefore ? { historyBefore } : {}),
        });
        return;
      }
      case "sku": {
        const product = (await productsBySku(ctx.db, connection.accountId, [issue.subjectId])).get(
          issue.subjectId,
        );
        if (product)
          await enqueueOne(ctx.db, {
            accountId: connection.accountId,
            connectionId: connection.id,
            kind: "stock",
            subjectId: product.id,
            sku: product.sku,
          });
        await resolveIssue(ctx.db, connection.id, "sku", issue.subjectId, `queued again (${trigger})`);
        await kickDrain(ctx, connection.id);
        return;
      }
      case "shipment":
        await enqueueOne(ctx.db, {
          accountId: connection.accountId,
          connectionId: connection.id,
          kind: "fulfillment",
          subjectId: issue.subjectId,
        });
        await kickDrain(ctx, connection.id);
        return;
      case "connection":
        await kickDrain(ctx, connection.id);
        return;
      default:
        await resolveIssue(
          ctx.db,
          connection.id,
          issue.subjectType,
          issue.subjectId,
          `feed run queued (${trigger})`,
        );
        await queueFeedRun(ctx, {
          accountId: connection.accountId,
          connectionId: connection.id,
          kind: issue.feedKind,
          trigger,
          full: true,
        });
    }
  } catch (error) {
    if (error instanceof PlatformDeferred) return;
    await raiseIssue(ctx.db, {
      ...base,
      severity: "retry",
      code: issue.code,
      message: `${issue.message.replace(/ \(gave up.*$/, "")} — retry failed: ${(error as Error).message}`,
    });
  }
}
