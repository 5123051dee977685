import type { Connector } from "../../src/connectors/contract.ts";
import { quickBooksDesktopConnector } from "../../src/connectors/quickbooks-desktop/index.ts";
import { stockPagesWaiting } from "../../src/modules/books/web-connector/stock-pages.ts";
import { type Api, apiFor } from "./api.ts";
import { createTenant, startTestHub, type TestHub } from "./hub.ts";
import {
  addTestProduct,
  createTestConnector,
  createTestPlatform,
  type TestPlatform,
} from "./test-connector.ts";
import { until } from "./until.ts";

export type DesktopHub = {
  hub: TestHub;
  api: Api;
  /** The tenant owner's auth headers, for requests made without `api` (the .qwc download). */
  owner: Record<string, string>;
  /** The QuickBooks Desktop connection, live. */
  desktop: string;
  /** A live channel connection of the in-process test platform whose sales post to `desktop`. */
  shop: string;
  platform: TestPlatform;
  /** The hub's address when it listens (the sandbox's Web Connector calls it), else null. */
  url: string | null;
};

export type DesktopHubOptions = {
  username: string;
  password: string;
  /** Hub products, each with 50 on hand. */
  skus: readonly string[];
  /** Also listed on the channel, so stock changes reach it. Default none. */
  listedSkus?: readonly string[];
  /** Workers on and listening on 127.0.0.1 (for the Web Connector sandbox); default inject only. */
  listen?: boolean;
};

async function ok(what: string, res: Promise<{ status: number; body: unknown }>) {
  const done = await res;
  if (done.status >= 300) throw new Error(`${what}: ${done.status} ${JSON.stringify(done.body)}`);
  return done.body as Record<string, string>;
}

/**
 * A hub with one tenant, a QuickBooks Desktop connection paired with a Web Connector user and a
 * channel posting its sales to it: what the Web Connector tests (SOAP over inject, the sandbox over
 * HTTP) start from.
 */
export async function startDesktopHub(options: DesktopHubOptions): Promise<DesktopHub> {
  const platform = createTestPlatform();
  for (const sku of options.listedSkus ?? []) addTestProduct(platform, sku, 50);
  const hub = await startTestHub({
    ...(options.listen ? { work: true, env: { STOCKWIRE_ALLOW_PRIVATE_URLS: "1" } } : {}),
    connectors: {
      test: createTestConnector(platform) as Connector<unknown>,
      "quickbooks-desktop": quickBooksDesktopConnector as Connector<unknown>,
    },
  });
  let url: string | null = null;
  if (options.listen) {
    url = await hub.app.listen({ port: 0, host: "127.0.0.1" });
    hub.ctx.config.publicUrl = url;
  }
  const tenant = await createTenant(hub);
  const api = apiFor(hub.app, tenant);
  const products = options.skus.map((sku) => ({ sku, name: sku, quantity: 50 }));
  await ok("import", api.post("/api/v1/products/import", { products }));
  const paired = await ok(
    "pair Desktop",
    api.post("/api/v1/connections", {
      platform: "quickbooks-desktop",
      name: "Desktop books",
      credentials: { username: options.username, password: options.password },
    }),
  );
  const desktop = paired.id!;
  await ok("Desktop live", api.post(`/api/v1/connections/${desktop}/mode`, { mode: "live" }));
  const channel = await ok(
    "pair channel",
    api.post("/api/v1/connections", {
      platform: "test",
      name: "Shop",
      credentials: { token: platform.token },
    }),
  );
  const shop = channel.id!;
  await ok("channel live", api.post(`/api/v1/connections/${shop}/mode`, { mode: "live" }));
  await ok(
    "order settings",
    api.put(`/api/v1/connections/${shop}/order-settings`, { booksConnectionId: desktop }),
  );
  return { hub, api, owner: tenant.auth, desktop, shop, platform, url };
}

/**
 * Waits until the hub's workers have applied every stock page the Web Connector delivered:
 * receiveResponseXML only stores a page, a job sets the counts as on-hand afterwards.
 */
export async function stockPagesApplied(hub: TestHub, connectionId: string): Promise<void> {
  await until(
    "the stock pages to be applied",
    async () => (await stockPagesWaiting(hub.ctx.db, connectionId)) === 0,
  );
}
