import { afterEach, describe, expect, it } from "vitest";
import { createRng } from "./prng.ts";
import { hmacBase64 } from "./signing.ts";
import { startReceiver } from "./test-receiver.ts";
import { type OutgoingWebhook, WebhookDispatcher } from "./webhooks.ts";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function setup(retryDelaysMs: number[] = []) {
  const receiver = await startReceiver();
  const settled: { id: string; ok: boolean }[] = [];
  const dispatcher = new WebhookDispatcher({
    rng: createRng(1),
    retryDelaysMs,
    onSettled: (webhook, ok) => settled.push({ id: webhook.eventId, ok }),
  });
  closers.push(receiver.close, async () => dispatcher.stop());
  const webhook = (n: number): OutgoingWebhook => {
    const body = JSON.stringify({ n });
    return {
      subscriptionId: "1",
      topic: "order.created",
      url: `${receiver.url}/hook`,
      body,
      eventId: `e${n}`,
      headers: { "Content-Type": "application/json", "X-Signature": hmacBase64("sha256", "s3cret", body) },
    };
  };
  return { receiver, dispatcher, settled, webhook };
}

describe("WebhookDispatcher", () => {
  it("delivers the body and headers the platform built, in order per endpoint", async () => {
    const { receiver, dispatcher, webhook } = await setup();
    for (const n of [1, 2, 3]) dispatcher.send(webhook(n));
    await dispatcher.whenIdle();
    expect(receiver.received.map((r) => JSON.parse(r.body).n)).toEqual([1, 2, 3]);
    const first = receiver.received[0];
    expect(first?.headers["x-signature"]).toBe(hmacBase64("sha256", "s3cret", first?.body ?? ""));
  });

  it("retries a failed delivery on the schedule and reports the outcome once", async () => {
    const { receiver, dispatcher, settled, webhook } = await setup([5, 5]);
    let calls = 0;
    receiver.answerWith(() => (++calls < 3 ? 500 : 200));
    dispatcher.send(webhook(1));
    await dispatcher.whenIdle();
    expect(dispatcher.deliveries().map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    expect(settled).toEqual([{ id: "e1", ok: true }]);
  });

  it("gives up after the last retry and reports the failure", async () => {
    const { receiver, dispatcher, settled, webhook } = await setup([5]);
    receiver.answerWith(503);
    dispatcher.send(webhook(1));
    await dispatcher.whenIdle();
    expect(receiver.received).toHaveLength(2);
    expect(settled).toEqual([{ id: "e1", ok: false }]);
  });

  it("asks headersFor for each attempt's headers when the platform signs attempts anew", async () => {
    const receiver = await startReceiver();
    const dispatcher = new WebhookDispatcher({
      rng: createRng(1),
      retryDelaysMs: [5],
      headersFor: (webhook, attempt) => ({ ...webhook.headers, "X-Attempt": String(attempt) }),
    });
    closers.push(receiver.close, async () => dispatcher.stop());
    receiver.answerWith(() => (receiver.received.length < 2 ? 500 : 200));
    dispatcher.send({
      subscriptionId: "1",
      topic: "t",
      url: receiver.url,
      body: "{}",
      eventId: "e",
      headers: {},
    });
    await dispatcher.whenIdle();
    expect(receiver.received.map((r) => r.headers["x-attempt"])).toEqual(["1", "2"]);
    expect(dispatcher.deliveries().map((d) => d.headers["X-Attempt"])).toEqual(["1", "2"]);
  });

  it("sends duplicates with the same event id, drops when told, shuffles when told", async () => {
    const { receiver, dispatcher, webhook } = await setup();
    dispatcher.mode = { duplicate: true, outOfOrder: false, drop: false };
    dispatcher.send(webhook(1));
    await dispatcher.whenIdle();
    expect(receiver.received.map((r) => r.body)).toEqual([webhook(1).body, webhook(1).body]);
    expect(dispatcher.deliveries().map((d) => d.duplicate)).toEqual([false, true]);

    dispatcher.mode = { duplicate: false, outOfOrder: false, drop: true };
    dispatcher.send(webhook(2));
    await dispatcher.whenIdle();
    expect(receiver.received).toHaveLength(2);
    expect(dispatcher.deliveries({ topic: "order.created" }).at(-1)).toMatchObject({
      dropped: true,
      eventId: "e2",
    });

    dispatcher.mode = { duplicate: false, outOfOrder: true, drop: false };
    const numbers = Array.from({ length: 8 }, (_, i) => i + 10);
    for (const n of numbers) dispatcher.send(webhook(n));
    await dispatcher.whenIdle();
    const shuffled = receiver.received.slice(2).map((r) => JSON.parse(r.body).n);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(numbers);
    expect(shuffled).not.toEqual(numbers);
  });
});
