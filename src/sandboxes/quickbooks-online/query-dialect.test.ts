import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuickBooksOnlineSandbox } from "./index.ts";
import {
  FIRST_INVENTORY_ITEM_ID,
  qboApi,
  salesLine,
  startTestSandbox,
  type TestApi,
} from "./test-helpers.ts";

/** What real QuickBooks accepts in queries and answers besides the documented grammar (issue 19). */
let sandbox: QuickBooksOnlineSandbox;
let api: TestApi;

beforeAll(async () => {
  sandbox = await startTestSandbox({ items: 12 });
  api = qboApi(sandbox);
});

afterAll(async () => {
  await sandbox.close();
});

function queryUrl(statement: string): URL {
  const url = new URL(`${sandbox.url}/v3/company/${sandbox.realmId}/query`);
  url.searchParams.set("query", statement);
  url.searchParams.set("minorversion", "75");
  return url;
}

const bearer = () => ({ authorization: `Bearer ${sandbox.initialTokens.accessToken}` });

describe("query dialect", () => {
  it("matches entity names without case and answers under QuickBooks' spelling", async () => {
    const lower = await api.query("select * from item where type = 'Inventory' maxresults 5");
    expect(lower.status).toBe(200);
    expect(lower.body.QueryResponse?.Item).toHaveLength(5);
    const shouting = await api.query("SELECT COUNT(*) FROM ITEM");
    expect(shouting.body.QueryResponse).toEqual({ totalCount: 14 });
    expect((await api.query("select * from salesreceipt")).status).toBe(200);
  });

  it("takes MAXRESULTS and STARTPOSITION in either order, but each only once", async () => {
    const maxFirst = await api.query("SELECT * FROM Item MAXRESULTS 5 STARTPOSITION 3");
    const startFirst = await api.query("SELECT * FROM Item STARTPOSITION 3 MAXRESULTS 5");
    expect(maxFirst.status).toBe(200);
    expect(maxFirst.body.QueryResponse).toMatchObject({ startPosition: 3, maxResults: 5 });
    expect(maxFirst.body.QueryResponse?.Item).toEqual(startFirst.body.QueryResponse?.Item);
    const twice = await api.query("SELECT * FROM Item MAXRESULTS 5 MAXRESULTS 6");
    expect(twice.status).toBe(400);
    expect(twice.body.Fault?.Error[0]?.code).toBe("4000");
  });

  it("POST /query takes the statement in the URL with an empty text/plain or JSON body", async () => {
    for (const contentType of ["text/plain", "application/json", "application/text"]) {
      const response = await fetch(queryUrl("select * from Item maxresults 2"), {
        method: "POST",
        headers: { ...bearer(), accept: "application/json", "content-type": contentType },
        body: "",
      });
      expect(response.status, contentType).toBe(200);
      const body = (await response.json()) as { QueryResponse: { Item: unknown[] } };
      expect(body.QueryResponse.Item).toHaveLength(2);
    }
    const inBody = await fetch(
      queryUrl("")
        .toString()
        .replace(/query=&/, ""),
      {
        method: "POST",
        headers: { ...bearer(), accept: "application/json", "content-type": "application/text" },
        body: "SELECT COUNT(*) FROM Item",
      },
    );
    expect(await inBody.json()).toMatchObject({ QueryResponse: { totalCount: 14 } });
  });

  it("transaction queries carry totalCount for the page; name lists and COUNT(*) as QuickBooks answers", async () => {
    for (let i = 0; i < 3; i += 1) {
      const posted = await api.post("invoice", {
        CustomerRef: { value: "1" },
        Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 1, 10)],
      });
      expect(posted.status).toBe(200);
    }
    const page = await api.query("SELECT * FROM Invoice STARTPOSITION 1 MAXRESULTS 2");
    expect(page.body.QueryResponse).toMatchObject({ startPosition: 1, maxResults: 2, totalCount: 2 });
    expect((await api.query("SELECT COUNT(*) FROM Invoice")).body.QueryResponse).toEqual({ totalCount: 3 });
    const items = await api.query("SELECT * FROM Item MAXRESULTS 2");
    expect(items.body.QueryResponse).not.toHaveProperty("totalCount");
  });
});

describe("response details", () => {
  it("every answer carries intuit_tid shaped 1-<8 hex>-<24 hex>", async () => {
    const ok = await api.get(`item/${FIRST_INVENTORY_ITEM_ID}`);
    const fault = await api.query("SELECT * FROM Nothing");
    for (const response of [ok, fault]) {
      expect(response.headers.get("intuit_tid")).toMatch(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    }
  });

  it("error entries carry element: the field when the fault names one, else empty", async () => {
    const missing = await api.post("invoice", { Line: [salesLine(FIRST_INVENTORY_ITEM_ID, 1, 10)] });
    expect(missing.body.Fault?.Error[0]).toMatchObject({ code: "2020", element: "CustomerRef" });
    const badQuery = await api.query("SELECT * FROM Nothing");
    expect(badQuery.body.Fault?.Error[0]).toMatchObject({ code: "4001", element: "" });
  });
});
