import { createRequire } from "node:module";
import OAuthClient from "intuit-oauth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuickBooksOnlineSandbox } from "./index.ts";
import { FIRST_INVENTORY_ITEM_ID, salesLine, startTestSandbox } from "./test-helpers.ts";

/**
 * Contract suite: the sandbox driven by clients nobody here wrote, unmodified. node-quickbooks only
 * gets its per-instance `endpoint` (and the static TOKEN_URL its refresh uses) pointed at the sandbox.
 */
// node-quickbooks is CommonJS (`module.exports = QuickBooks`) but its typings declare a default
// export, which Node's ESM interop does not give; the class is loaded with require (see README).
type QuickBooksClass = typeof import("node-quickbooks").default;
const QuickBooks: QuickBooksClass = createRequire(import.meta.url)("node-quickbooks");

let sandbox: QuickBooksOnlineSandbox;
const ITEMS = 23; // + the two seeded service items: 25 rows, so pages of 10 end on a short page

beforeAll(async () => {
  sandbox = await startTestSandbox({ items: ITEMS });
});

afterAll(async () => {
  await sandbox.close();
});

function connect(accessToken = sandbox.initialTokens.accessToken): InstanceType<QuickBooksClass> {
  const qbo = new QuickBooks(
    sandbox.clientId,
    sandbox.clientSecret,
    accessToken,
    false,
    sandbox.realmId,
    true,
    false,
    "75",
    "2.0",
    sandbox.initialTokens.refreshToken,
  );
  qbo.endpoint = `${sandbox.url}/v3/company/`;
  return qbo;
}

type Callback = (err: unknown, data?: unknown) => void;

/** node-quickbooks is callback-based; its error argument is the QuickBooks body (or an axios error). */
function call<T>(run: (done: Callback) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    run((err, data) => {
      if (!err) return resolve(data as T);
      // An HTTP failure comes as an axios error; the QuickBooks body is its response data.
      const response = (err as { response?: { data?: unknown } }).response;
      reject(response?.data ?? err);
    });
  });
}

interface Row {
  Id: string;
  SyncToken: string;
  Name?: string;
  QtyOnHand?: number;
}

interface FaultBody {
  Fault?: { Error: Array<{ code: string; element?: string }>; type: string };
}

describe("node-quickbooks against the sandbox", () => {
  it("lists with fetchAll, paging to the end with its lower-case `select * from item`", async () => {
    const qbo = connect();
    const all = await call<{ QueryResponse: { Item: Row[]; maxResults: number } }>((done) =>
      qbo.findItems({ fetchAll: true }, done),
    );
    expect(all.QueryResponse.Item).toHaveLength(ITEMS + 2);

    const paged = await call<{ QueryResponse: { Item: Row[] } }>((done) =>
      qbo.findItems(
        [
          { field: "fetchAll", value: true },
          { field: "limit", value: 10 },
        ],
        done,
      ),
    );
    const ids = paged.QueryResponse.Item.map((row) => row.Id);
    expect(ids).toHaveLength(ITEMS + 2);
    expect(new Set(ids).size).toBe(ITEMS + 2);

    const counted = await call<{ QueryResponse: { totalCount: number } }>((done) =>
      qbo.findItems({ count: true }, done),
    );
    expect(counted.QueryResponse.totalCount).toBe(ITEMS + 2);
  });

  it("reads, creates, and refuses a sparse update with a stale SyncToken (5010)", async () => {
    const qbo = connect();
    const company = await call<{ CompanyName: string }>((done) => qbo.getCompanyInfo(sandbox.realmId, done));
    expect(company.CompanyName).toBe("Stockwire Sandbox Company");

    const receipt = await call<Row & { TotalAmt: number }>((done) =>
      qbo.createSalesReceipt({ Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 2, 5)] }, done),
    );
    expect(receipt.TotalAmt).toBe(10);

    // Read after the sale: selling the item moved its stock and so its SyncToken.
    const item = await call<Row>((done) => qbo.getItem(FIRST_INVENTORY_ITEM_ID, done));
    expect(item.Id).toBe(FIRST_INVENTORY_ITEM_ID);

    const renamed = await call<Row>((done) =>
      qbo.updateItem(
        { Id: item.Id, SyncToken: item.SyncToken, Name: "Renamed through node-quickbooks" },
        done,
      ),
    );
    expect(renamed.Name).toBe("Renamed through node-quickbooks");
    const stale = await call<Row>((done) =>
      qbo.updateItem({ Id: item.Id, SyncToken: item.SyncToken, Name: "Stale rename" }, done),
    ).catch((error: unknown) => error as FaultBody);
    expect((stale as FaultBody).Fault?.Error[0]?.code).toBe("5010");
  });

  it("runs a batch and a CDC call", async () => {
    const qbo = connect();
    const batch = await call<{ BatchItemResponse: Array<{ bId: string } & Record<string, unknown>> }>(
      (done) =>
        qbo.batch(
          [
            { bId: "q", Query: "select * from Item maxresults 3" },
            { bId: "c", operation: "create", Customer: { DisplayName: "Batch Customer" } },
          ] as never,
          done,
        ),
    );
    const byId = new Map(batch.BatchItemResponse.map((item) => [item.bId, item]));
    expect(byId.get("q")).toMatchObject({ QueryResponse: { Item: expect.any(Array) } });
    expect(byId.get("c")).toMatchObject({ Customer: { DisplayName: "Batch Customer" } });

    const since = new Date(Date.parse(sandbox.control.now()) - 3_600_000);
    const cdc = await call<{ CDCResponse: Array<{ QueryResponse: Array<Record<string, unknown>> }> }>(
      (done) => qbo.changeDataCapture(["Customer", "Item"], since, done),
    );
    const buckets = cdc.CDCResponse[0]?.QueryResponse ?? [];
    const customers = buckets.find((bucket) => "Customer" in bucket)?.Customer as Row[] | undefined;
    expect(customers?.map((row) => row.Id)).toContain(
      (byId.get("c")?.Customer as Row | undefined)?.Id ?? "missing",
    );
  });

  it("refreshes with node-quickbooks' own refreshAccessToken and keeps calling", async () => {
    const qbo = connect();
    const tokenUrl = QuickBooks.TOKEN_URL;
    QuickBooks.TOKEN_URL = `${sandbox.url}/oauth2/v1/tokens/bearer`;
    try {
      const refreshed = await call<{ access_token: string; refresh_token: string }>((done) =>
        qbo.refreshAccessToken(done),
      );
      expect(refreshed.access_token).not.toBe(sandbox.initialTokens.accessToken);
      expect(qbo.token).toBe(refreshed.access_token);
      const item = await call<Row>((done) => qbo.getItem(FIRST_INVENTORY_ITEM_ID, done));
      expect(item.Id).toBe(FIRST_INVENTORY_ITEM_ID);
    } finally {
      QuickBooks.TOKEN_URL = tokenUrl;
    }
  });
});

describe("intuit-oauth against the sandbox", () => {
  it("refreshes the pair, and node-quickbooks calls with the new access token", async () => {
    const oauth = new OAuthClient({
      environment: "sandbox",
      clientId: sandbox.clientId,
      clientSecret: sandbox.clientSecret,
      redirectUri: "http://127.0.0.1:9/callback",
      token: {
        token_type: "bearer",
        access_token: sandbox.initialTokens.accessToken,
        // The pair the previous test rotated is still valid for 24 h, as at Intuit.
        refresh_token: sandbox.initialTokens.refreshToken,
        expires_in: sandbox.initialTokens.expiresIn,
        x_refresh_token_expires_in: sandbox.initialTokens.xRefreshTokenExpiresIn,
        realmId: sandbox.realmId,
        createdAt: Date.now(),
      },
    }).setAuthorizeURLs({
      authorizeEndpoint: `${sandbox.url}/connect/oauth2`,
      tokenEndpoint: `${sandbox.url}/oauth2/v1/tokens/bearer`,
      revokeEndpoint: `${sandbox.url}/v2/oauth2/tokens/revoke`,
      userInfoEndpoint: `${sandbox.url}/v1/openid_connect/userinfo`,
    });
    await oauth.refresh();
    const { access_token: accessToken } = oauth.getToken();
    expect(accessToken).not.toBe(sandbox.initialTokens.accessToken);
    const items = await call<{ QueryResponse: { Item: Row[] } }>((done) =>
      connect(accessToken).findItems({ Type: "Inventory", limit: 5 }, done),
    );
    expect(items.QueryResponse.Item).toHaveLength(5);
  });
});
