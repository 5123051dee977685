import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialsFor, startCompany } from "../../../test/helpers/quickbooks-session.ts";
import { type QuickBooksOnlineSandbox, signIntuitWebhook } from "../../sandboxes/quickbooks-online/index.ts";
import { quickBooksOnlineConnector } from "./index.ts";
import { parseQuickBooksChanges } from "./webhooks.ts";

let sandbox: QuickBooksOnlineSandbox;
let receiver: Server;
let received: { headers: Record<string, string | undefined>; body: Buffer }[] = [];
let receiverUrl = "";

beforeAll(async () => {
  sandbox = await startCompany({ webhookBatchMs: 10_000 });
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers: Record<string, string | undefined> = {};
      for (const [key, value] of Object.entries(req.headers))
        headers[key] = Array.isArray(value) ? value[0] : value;
      received.push({ headers, body: Buffer.concat(chunks) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/qbo`;
});
afterAll(async () => {
  await sandbox.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function deliver(format: "cloudevents" | "legacy") {
  received = [];
  const { id } = sandbox.control.subscribeWebhook({ url: receiverUrl, format });
  sandbox.control.editItem({ id: "3" }, { QtyOnHand: 9 });
  await sandbox.control.flushWebhooks();
  sandbox.control.unsubscribeWebhook(id);
  const [delivery] = received;
  if (!delivery) throw new Error("no delivery");
  return delivery;
}

describe("QuickBooks webhooks", () => {
  const connector = quickBooksOnlineConnector;

  it("verifies intuit-signature over the raw body and refuses a bad one", async () => {
    const credentials = credentialsFor(sandbox);
    const delivery = await deliver("cloudevents");
    expect(connector.verifyWebhook?.(credentials, delivery.headers, delivery.body)).toBe(true);
    const tampered = Buffer.from(delivery.body.toString().replace('"3"', '"4"'));
    expect(connector.verifyWebhook?.(credentials, delivery.headers, tampered)).toBe(false);
    expect(
      connector.verifyWebhook?.({ ...credentials, verifierToken: "other" }, delivery.headers, delivery.body),
    ).toBe(false);
    expect(connector.verifyWebhook?.(credentials, {}, delivery.body)).toBe(false);
    const { verifierToken: _none, ...noToken } = credentials;
    expect(connector.verifyWebhook?.(noToken, delivery.headers, delivery.body)).toBe(false);
  });

  it("parses a CloudEvents delivery into an inventory notice for the item", async () => {
    const delivery = await deliver("cloudevents");
    const notice = connector.parseWebhook?.(delivery.headers, delivery.body);
    expect(notice).toMatchObject({ kind: "inventory", objectId: "3", topic: "qbo.item.updated.v1" });
    expect(notice?.occurredAt).toBeInstanceOf(Date);
  });

  it("parses the legacy eventNotifications format", async () => {
    const delivery = await deliver("legacy");
    expect(connector.verifyWebhook?.(credentialsFor(sandbox), delivery.headers, delivery.body)).toBe(true);
    const notice = connector.parseWebhook?.(delivery.headers, delivery.body);
    expect(notice).toMatchObject({ kind: "inventory", objectId: "3", topic: "item.update" });
  });

  it("reads every change of a multi-entity body, other entities as kind other", () => {
    const body = JSON.stringify({
      eventNotifications: [
        {
          realmId: sandbox.realmId,
          dataChangeEvent: {
            entities: [
              {
                name: "SalesReceipt",
                id: "145",
                operation: "Create",
                lastUpdated: "2026-01-02T10:00:00.000Z",
              },
              { name: "Item", id: "3", operation: "Update", lastUpdated: "2026-01-02T10:00:01.000Z" },
            ],
          },
        },
      ],
    });
    expect(
      connector.verifyWebhook?.(
        credentialsFor(sandbox),
        { "intuit-signature": signIntuitWebhook(body, sandbox.verifierToken) },
        Buffer.from(body),
      ),
    ).toBe(true);
    const changes = parseQuickBooksChanges(Buffer.from(body));
    expect(changes.map((c) => [c.kind, c.entity, c.objectId, c.realmId])).toEqual([
      ["other", "SalesReceipt", "145", sandbox.realmId],
      ["inventory", "Item", "3", sandbox.realmId],
    ]);
    expect(() => connector.parseWebhook?.({}, Buffer.from("{}"))).toThrow(/neither CloudEvents/);
  });
});
