import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Connector, ConnectorClients, ConnectorEnv } from "./contract.ts";
import { withPlatformClients } from "./registry.ts";

type Counted = ConnectorClients & { opened: string[] };

/** A connector that records, per hub state, which credentials opened a session. */
function recordingConnector(platform: string, keepsState: boolean) {
  const seen: (ConnectorClients | undefined)[] = [];
  const connector: Connector<string, Counted> = {
    platform,
    displayName: platform,
    capabilities: { feeds: [], webhooks: false, compareAndSet: false, bulkExport: false, maxStockBatch: 1 },
    credentials: z.string(),
    describeCredentials: (token) => ({ token }),
    connect(token, env) {
      env.clients?.opened.push(token);
      seen.push(env.clients);
      return { validate: async () => ({ label: token }) };
    },
  };
  if (keepsState) {
    connector.createClients = () => {
      const opened: string[] = [];
      return {
        opened,
        get size() {
          return opened.length;
        },
        clear: () => opened.splice(0),
      };
    };
  }
  return { connector: connector as Connector<unknown>, seen };
}

const env: ConnectorEnv = { logger: pino({ level: "silent" }), allowPrivateUrls: false };

describe("withPlatformClients", () => {
  it("gives each hub its own state for a connector that keeps one, and passes it to every session", () => {
    const books = recordingConnector("books", true);
    const registry = { books: books.connector };
    const hubA = withPlatformClients(registry);
    const hubB = withPlatformClients(registry);

    hubA.connectors.books!.connect("a-1", env);
    hubA.connectors.books!.connect("a-2", env);
    hubB.connectors.books!.connect("b-1", env);

    expect((hubA.clients.books as Counted).opened).toEqual(["a-1", "a-2"]);
    expect((hubB.clients.books as Counted).opened).toEqual(["b-1"]);
    expect(books.seen).toEqual([hubA.clients.books, hubA.clients.books, hubB.clients.books]);
    hubA.clients.books!.clear();
    expect(hubA.clients.books!.size).toBe(0);
    expect(hubB.clients.books!.size).toBe(1);
  });

  it("leaves a connector without state as it is, and its sessions without env.clients", () => {
    const shop = recordingConnector("shop", false);
    const hub = withPlatformClients({ shop: shop.connector });
    expect(hub.connectors.shop).toBe(shop.connector);
    expect(hub.clients).toEqual({});
    hub.connectors.shop!.connect("s-1", env);
    expect(shop.seen).toEqual([undefined]);
  });
});
