import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type QuickBooksOnlineSandbox, signIntuitWebhook } from "./index.ts";
import { FIRST_INVENTORY_ITEM_ID, qboApi, salesLine, startTestSandbox } from "./test-helpers.ts";

interface Received {
  body: string;
  signature: string | undefined;
}

let sandbox: QuickBooksOnlineSandbox;
let receiver: Server;
let received: Received[];
let receiverUrl: string;

beforeEach(async () => {
  received = [];
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const signature = request.headers["intuit-signature"];
      received.push({
        body: Buffer.concat(chunks).toString("utf8"),
        signature: typeof signature === "string" ? signature : undefined,
      });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/quickbooks`;
  sandbox = await startTestSandbox({ verifierToken: "verifier-under-test", webhookBatchMs: 60_000 });
});

afterEach(async () => {
  await sandbox.close();
  await new Promise((resolve) => receiver.close(resolve));
});

describe("webhooks", () => {
  it("sends signed CloudEvents for a sale and the stock it moved", async () => {
    sandbox.control.subscribeWebhook({ url: receiverUrl });
    const sale = await qboApi(sandbox).post("salesreceipt", {
      Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 1, 9)],
    });
    const [delivery] = await sandbox.control.flushWebhooks();
    expect(delivery?.status).toBe(200);

    expect(received).toHaveLength(1);
    const { body, signature } = received[0] ?? { body: "", signature: undefined };
    const expected = createHmac("sha256", "verifier-under-test").update(body).digest("base64");
    expect(signature).toBe(expected);
    expect(signIntuitWebhook(body, "verifier-under-test")).toBe(signature);
    expect(signIntuitWebhook(body, "some-other-token")).not.toBe(signature);

    const events = JSON.parse(body);
    expect(events).toEqual([
      expect.objectContaining({
        specversion: "1.0",
        type: "qbo.salesreceipt.created.v1",
        intuitentityid: sale.body.SalesReceipt?.Id,
        intuitaccountid: sandbox.realmId,
        datacontenttype: "application/json",
      }),
      expect.objectContaining({ type: "qbo.item.updated.v1", intuitentityid: FIRST_INVENTORY_ITEM_ID }),
    ]);
  });

  it("sends the legacy eventNotifications envelope to subscribers that ask for it", async () => {
    sandbox.control.subscribeWebhook({ url: receiverUrl, format: "legacy", entities: ["Item"] });
    sandbox.control.editItem({ id: FIRST_INVENTORY_ITEM_ID }, { QtyOnHand: 5 });
    await sandbox.control.flushWebhooks();
    expect(JSON.parse(received[0]?.body ?? "{}")).toEqual({
      eventNotifications: [
        {
          realmId: sandbox.realmId,
          dataChangeEvent: {
            entities: [
              {
                name: "Item",
                id: FIRST_INVENTORY_ITEM_ID,
                operation: "Update",
                lastUpdated: expect.any(String),
              },
            ],
          },
        },
      ],
    });
  });

  it("records a delivery the subscriber could not take", async () => {
    sandbox.control.subscribeWebhook({ url: "http://127.0.0.1:9/unreachable" });
    sandbox.control.editItem({ id: FIRST_INVENTORY_ITEM_ID }, { Name: "Renamed by the accountant" });
    const [delivery] = await sandbox.control.flushWebhooks();
    expect(delivery).toMatchObject({ status: null, events: 1 });
    expect(sandbox.control.webhookDeliveries()).toHaveLength(1);
  });
});
