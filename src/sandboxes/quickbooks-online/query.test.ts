import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuickBooksOnlineSandbox } from "./index.ts";
import { qboApi, startTestSandbox, type TestApi, type TestEntity } from "./test-helpers.ts";

let sandbox: QuickBooksOnlineSandbox;
let api: TestApi;

beforeAll(async () => {
  sandbox = await startTestSandbox({ items: 50 });
  api = qboApi(sandbox);
});

afterAll(async () => {
  await sandbox.close();
});

function items(body: { QueryResponse?: { [name: string]: unknown } }): TestEntity[] {
  const list = body.QueryResponse?.Item;
  return Array.isArray(list) ? list : [];
}

describe("GET /query", () => {
  it("pages with 1-based STARTPOSITION and MAXRESULTS, reporting what it returned", async () => {
    const seen: string[] = [];
    for (let start = 1; ; start += 20) {
      const page = await api.query(
        `SELECT * FROM Item WHERE Type = 'Inventory' STARTPOSITION ${start} MAXRESULTS 20`,
      );
      expect(page.status).toBe(200);
      const rows = items(page.body);
      if (rows.length === 0) {
        expect(page.body.QueryResponse).toEqual({});
        break;
      }
      expect(page.body.QueryResponse).toMatchObject({ startPosition: start, maxResults: rows.length });
      seen.push(...rows.map((row) => row.Id));
    }
    expect(seen).toHaveLength(50);
    expect(new Set(seen).size).toBe(50);
  });

  it("counts with COUNT(*) and defaults to 100 rows a page", async () => {
    expect((await api.query("SELECT COUNT(*) FROM Item")).body.QueryResponse).toEqual({ totalCount: 52 });
    expect(items((await api.query("SELECT * FROM Item")).body)).toHaveLength(52);
  });

  it("filters by Sku, Name LIKE, IN and Id, and sorts", async () => {
    const prefixOnly = await api.query("SELECT * FROM Item WHERE Sku = 'SKU-00007'");
    expect(items(prefixOnly.body)).toHaveLength(0);
    const seventh = sandbox.control.findItem({ id: "9" });
    const bySku = items((await api.query(`SELECT * FROM Item WHERE Sku = '${seventh?.Sku}'`)).body);
    expect(bySku.map((row) => row.Id)).toEqual(["9"]);
    const like = items(
      (await api.query("SELECT * FROM Item WHERE Sku LIKE 'SKU-0001%' ORDERBY Sku DESC")).body,
    );
    const expected = Array.from({ length: 10 }, (_, i) => `SKU-000${19 - i}`);
    expect(like.map((row) => row.Sku?.slice(0, 9))).toEqual(expected);
    const inList = items((await api.query("SELECT * FROM Item WHERE Id IN ('3', '4', '99')")).body);
    expect(inList.map((row) => row.Id)).toEqual(["3", "4"]);
    const range = items((await api.query("SELECT * FROM Item WHERE Id > '50' ORDERBY Id DESC")).body);
    expect(range.map((row) => row.Id)).toEqual(["52", "51"]);
  });

  it("filters on Metadata.LastUpdatedTime with an offset", async () => {
    const since = new Date(Date.now() - 5_000).toISOString();
    sandbox.control.editItem({ id: "10" }, { QtyOnHand: 77 });
    const changed = items(
      (await api.query(`SELECT * FROM Item WHERE Metadata.LastUpdatedTime >= '${since}'`)).body,
    );
    expect(changed.map((row) => [row.Id, row.QtyOnHand])).toEqual([["10", 77]]);
  });

  it("hides inactive items unless the query asks about Active", async () => {
    sandbox.control.editItem({ id: "11" }, { Active: false });
    const active = items((await api.query("SELECT * FROM Item WHERE Id = '11'")).body);
    expect(active).toHaveLength(0);
    const either = items(
      (await api.query("SELECT * FROM Item WHERE Id = '11' AND Active IN (true, false)")).body,
    );
    expect(either.map((row) => row.Active)).toEqual([false]);
  });

  it("answers QueryValidationError (4001) for unknown properties and MAXRESULTS over 1000", async () => {
    const unknown = await api.query("SELECT * FROM Item WHERE Colour = 'red'");
    expect(unknown.status).toBe(400);
    expect(unknown.body.Fault?.Error[0]).toMatchObject({
      code: "4001",
      Detail: "QueryValidationError: property 'Colour' is not queryable",
    });
    expect((await api.query("SELECT * FROM Item MAXRESULTS 1001")).body.Fault?.Error[0]?.code).toBe("4001");
    expect((await api.query("SELECT * FROM Items")).body.Fault?.Error[0]?.code).toBe("4001");
    expect(
      (await api.query("SELECT * FROM Item WHERE Name = 'x' OR Id = '1'")).body.Fault?.Error[0]?.code,
    ).toBe("4000");
  });

  it("reads CompanyInfo by realm id", async () => {
    const response = await api.get(`companyinfo/${sandbox.realmId}`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ CompanyInfo: { CompanyName: "Stockwire Sandbox Company" } });
  });

  it("takes the statement as an application/text body on POST", async () => {
    const response = await fetch(`${sandbox.url}/v3/company/${sandbox.realmId}/query?minorversion=75`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${sandbox.initialTokens.accessToken}`,
        accept: "application/json",
        "content-type": "application/text",
      },
      body: "SELECT COUNT(*) FROM Customer",
    });
    expect(await response.json()).toMatchObject({ QueryResponse: { totalCount: 5 } });
  });
});
