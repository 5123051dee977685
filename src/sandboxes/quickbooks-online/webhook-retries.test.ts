import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type QuickBooksOnlineSandbox, WEBHOOK_RETRY_SCHEDULE_MS, webhookRetryDelayMs } from "./index.ts";
import { FIRST_INVENTORY_ITEM_ID, startTestSandbox } from "./test-helpers.ts";

let sandbox: QuickBooksOnlineSandbox;
let receiver: Server;
let receiverUrl: string;
/** Status the receiver answers for each POST, in order; 200 once the list is used up. */
let answers: number[];
let bodies: string[];

beforeEach(async () => {
  answers = [];
  bodies = [];
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      bodies.push(Buffer.concat(chunks).toString("utf8"));
      response.writeHead(answers.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  // One schedule second is a real millisecond: the 10 s, 20 s, 30 s retries take 60 ms in all.
  sandbox = await startTestSandbox({ webhookBatchMs: 60_000, webhookRetryScale: 0.001 });
});

afterEach(async () => {
  await sandbox.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error("condition not reached");
}

describe("webhook retries", () => {
  it("follows Intuit's published schedule, then every 6 hours", () => {
    expect(WEBHOOK_RETRY_SCHEDULE_MS).toEqual([
      10_000, 20_000, 30_000, 300_000, 1_200_000, 7_200_000, 14_400_000, 21_600_000,
    ]);
    expect([1, 2, 3, 4, 9, 20].map(webhookRetryDelayMs)).toEqual([
      10_000, 20_000, 30_000, 300_000, 21_600_000, 21_600_000,
    ]);
  });

  it("retries an unacknowledged notification with the same body until it is taken, in order", async () => {
    answers = [500, 503, 404];
    sandbox.control.subscribeWebhook({ url: receiverUrl, entities: ["Item"] });
    sandbox.control.editItem({ id: FIRST_INVENTORY_ITEM_ID }, { QtyOnHand: 7 });
    await sandbox.control.flushWebhooks();
    await until(() => sandbox.control.webhookDeliveries().some((d) => d.status === 200));

    const attempts = sandbox.control.webhookDeliveries();
    expect(attempts.map((d) => [d.attempt, d.status, d.retryInMs])).toEqual([
      [1, 500, 10_000],
      [2, 503, 20_000],
      [3, 404, 30_000],
      [4, 200, null],
    ]);
    expect(new Set(bodies).size).toBe(1);
  });

  it("holds later changes until the failing notification is acknowledged", async () => {
    answers = [500];
    sandbox.control.subscribeWebhook({ url: receiverUrl, entities: ["Item"] });
    sandbox.control.editItem({ id: FIRST_INVENTORY_ITEM_ID }, { QtyOnHand: 7 });
    await sandbox.control.flushWebhooks();
    sandbox.control.editItem({ id: FIRST_INVENTORY_ITEM_ID }, { QtyOnHand: 8 });
    expect(await sandbox.control.flushWebhooks()).toEqual([]); // waits behind the retry
    await until(() => sandbox.control.webhookDeliveries().filter((d) => d.status === 200).length === 2);

    const log = sandbox.control.webhookDeliveries();
    expect(log.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 200],
      [1, 200],
    ]);
    expect(log[0]?.body).toBe(log[1]?.body);
    expect(log[2]?.body).not.toBe(log[0]?.body);
  });
});
