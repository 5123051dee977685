import type { OutgoingWebhook, WebhookDispatcher } from "../webhooks.ts";
import type { StoreEvent, StoreSubscription } from "./records.ts";
import type { CommerceStore } from "./store.ts";

/** How a platform turns store events into its webhooks. */
export interface EmitterPlan<S> {
  /** The topics an event is delivered under, each with its body (built only when someone subscribes). */
  topics(event: StoreEvent<S>): readonly { readonly topic: string; readonly body: () => string | null }[];
  /** Whether a subscription's topic covers `topic` (wildcards, say). Default equality. */
  matches?(subscription: StoreSubscription, topic: string): boolean;
  /** The signed request for one subscription. */
  outgoing(subscription: StoreSubscription, topic: string, body: string): OutgoingWebhook;
  /** Headers per attempt, for platforms that sign each attempt anew. */
  headersFor?(webhook: OutgoingWebhook, attempt: number): Readonly<Record<string, string>>;
  /** Consecutive failed webhooks (after their retries) that disable a subscription. */
  readonly failuresToDisable: number;
}

/**
 * Sends a webhook per active subscription on each event's topics through the kit dispatcher;
 * a subscription whose deliveries keep failing is disabled, as platforms do.
 */
export function emitStoreWebhooks<S>(
  store: CommerceStore<S>,
  dispatcher: WebhookDispatcher,
  plan: EmitterPlan<S>,
): void {
  const matches = plan.matches ?? ((s: StoreSubscription, topic: string) => s.topic === topic);
  store.listen((event) => {
    for (const { topic, body } of plan.topics(event)) {
      const subscriptions = [...store.subscriptions.values()].filter(
        (s) => s.status === "active" && matches(s, topic),
      );
      if (subscriptions.length === 0) continue;
      const payload = body();
      if (payload === null) continue;
      for (const s of subscriptions) dispatcher.send(plan.outgoing(s, topic, payload));
    }
  });
  dispatcher.attach({
    ...(plan.headersFor ? { headersFor: plan.headersFor } : {}),
    onSettled: (webhook, ok) => {
      const subscription = store.subscriptions.get(Number(webhook.subscriptionId));
      if (!subscription) return;
      subscription.failureCount = ok ? 0 : subscription.failureCount + 1;
      if (subscription.failureCount >= plan.failuresToDisable) {
        subscription.status = "disabled";
        subscription.modifiedMs = store.nowMs();
      }
    },
  });
}
