import type { AppContext } from "../../context.ts";
import type { Db } from "../../db/engine.ts";
import { consumeEvents, type DomainEvent } from "../events/index.ts";
import { orderImported, orderStatusChanged, refundRecorded } from "../orders/index.ts";
import { alertNotifications } from "./alert-runner.ts";
import { connectionNames, lowStockNotifications, notificationsForEvent } from "./event-rules.ts";
import { achievedGoals } from "./goals.ts";
import { type NotificationInput, recordNotification } from "./record.ts";

export const NOTIFY_CONSUMER = "notifications";

/** Events after which goal progress may have moved. */
const GOAL_EVENTS = new Set<string>([orderImported.type, orderStatusChanged.type, refundRecorded.type]);

/** Everything one batch of events raises: standard types, low stock, custom alerts, goals. */
export async function notificationsForBatch(tx: Db, batch: DomainEvent[]): Promise<NotificationInput[]> {
  // History is not news (sync/history.ts): what a backfill brought from before the hub was
  // watching raises no refund, alert or goal notification of its own; its backfill summary speaks
  // for it. Low stock still reads every stock change: it is about the level now, not the order.
  const news = batch.filter((e) => e.payload.historical !== true);
  const names = new Map<string, Map<string, string>>();
  const out: NotificationInput[] = [];
  for (const e of news) {
    if (!names.has(e.accountId)) names.set(e.accountId, await connectionNames(tx, e.accountId));
    out.push(...notificationsForEvent(e, names.get(e.accountId)!));
  }
  out.push(...(await lowStockNotifications(tx, batch)));
  out.push(...(await alertNotifications(tx, news)));
  const goalAccounts = [...new Set(news.filter((e) => GOAL_EVENTS.has(e.type)).map((e) => e.accountId))];
  out.push(...(await achievedGoals(tx, goalAccounts)));
  return out;
}

/**
 * Turns new events into notifications and queued deliveries in one transaction with the cursor
 * move: a crash replays the batch, and the dedupe keys make the replay record nothing twice.
 */
export async function consumeNotificationEvents(ctx: AppContext): Promise<number> {
  return consumeEvents(
    ctx.db,
    NOTIFY_CONSUMER,
    async (tx, batch) => {
      for (const input of await notificationsForBatch(tx, batch)) await recordNotification(tx, input);
    },
    { limit: 500 },
  );
}
