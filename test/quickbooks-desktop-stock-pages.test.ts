import { sql } from "drizzle-orm";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../src/db/rows.ts";
import { applyStockPages, stockPagesWaiting } from "../src/modules/books/web-connector/stock-pages.ts";
import type { Api } from "./helpers/api.ts";
import type { TestHub } from "./helpers/hub.ts";
import { startDesktopHub } from "./helpers/quickbooks-desktop-session.ts";

/**
 * receiveResponseXML stores a stock page and answers; a worker job applies it afterwards (the
 * issue: every SOAP call answers at once, long work never inside a call). The hub here runs no
 * workers, so what the call did on its own is seen before the job runs; the test then runs the
 * job's work itself.
 */
const USER = `wc-pages-${Date.now()}`;
const PASSWORD = "desktop-pages-password";
const SKUS = ["PAGE-1", "PAGE-2"];
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
});

let hub: TestHub;
let api: Api;
let desktop: string;

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

async function soap(method: string, fields: Record<string, string | number>) {
  const inner = Object.entries(fields)
    .map(([k, v]) => `<${k}>${escapeXml(String(v))}</${k}>`)
    .join("");
  const res = await hub.app.inject({
    method: "POST",
    url: "/qbwc",
    headers: {
      "content-type": "text/xml; charset=utf-8",
      soapaction: `"http://developer.intuit.com/${method}"`,
    },
    payload: `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${method} xmlns="http://developer.intuit.com/">${inner}</${method}></soap:Body></soap:Envelope>`,
  });
  expect(res.statusCode, res.body).toBe(200);
  return parser.parse(res.body).Envelope.Body[`${method}Response`][`${method}Result`] as unknown;
}

const send = async (ticket: string) =>
  String(
    (await soap("sendRequestXML", {
      ticket,
      strHCPResponse: "",
      strCompanyFileName: "C:\\Company.qbw",
      qbXMLCountry: "US",
      qbXMLMajorVers: 13,
      qbXMLMinorVers: 0,
    })) ?? "",
  );
const receive = async (ticket: string, response: string) =>
  Number(await soap("receiveResponseXML", { ticket, response, hresult: "", message: "" }));

/** QuickBooks' answer to the first stock queries: both hub items counted, nothing left to iterate. */
function countsResponse(inventoryId: string, assemblyId: string) {
  const ret = (sku: string, i: number, quantity: number) =>
    `<ItemInventoryRet><ListID>80000${i}-1</ListID><TimeModified>2026-01-05T10:00:00+00:00</TimeModified><Name>${sku}</Name><FullName>${sku}</FullName><IsActive>true</IsActive><QuantityOnHand>${quantity}</QuantityOnHand></ItemInventoryRet>`;
  return `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><ItemInventoryQueryRs requestID="${inventoryId}" statusCode="0" statusSeverity="Info" statusMessage="Status OK" iteratorRemainingCount="0" iteratorID="{it-1}">${ret(SKUS[0]!, 1, 7)}${ret(SKUS[1]!, 2, 9)}</ItemInventoryQueryRs><ItemInventoryAssemblyQueryRs requestID="${assemblyId}" statusCode="1" statusSeverity="Info" statusMessage="A query request did not find a matching object in QuickBooks" iteratorRemainingCount="0" iteratorID="{it-2}"/></QBXMLMsgsRs></QBXML>`;
}

const onHand = async (sku: string) => (await api.get(`/api/v1/products/${sku}`)).body.onHand as number;
const movements = async () =>
  (await api.get("/api/v1/stock/movements?reason=books&limit=100")).body.items as unknown[];
const pages = () =>
  queryRows<{ status: string; moved: number | null }>(
    hub.ctx.db,
    sql`select status, moved from qbwc_stock_pages where connection_id = ${desktop} order by seq`,
  );
const applyJobsQueued = async () => {
  const [row] = await queryRows<{ n: number }>(
    hub.ctx.db,
    sql`select count(*)::int as n from pgboss.job where name = 'books.qbwc-stock-pages' and state = 'created'`,
  );
  return row!.n;
};

beforeAll(async () => {
  ({ hub, api, desktop } = await startDesktopHub({ username: USER, password: PASSWORD, skus: SKUS }));
  const chosen = await api.put("/api/v1/inventory-source", { source: "books", connectionId: desktop });
  expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
}, 120_000);
afterAll(() => hub?.close());

describe("QuickBooks Desktop stock pages: stored in the call, applied by a job", () => {
  it("answers receiveResponseXML before the page is applied, and a page applied twice changes nothing", async () => {
    const auth = (await soap("authenticate", { strUserName: USER, strPassword: PASSWORD })) as {
      string: unknown[];
    };
    const ticket = String(auth.string[0]);
    expect(auth.string[1] ?? "").toBe("");
    const request = parser.parse(await send(ticket)).QBXML.QBXMLMsgsRq;
    const inventoryId = request.ItemInventoryQueryRq["@requestID"] as string;
    const assemblyId = request.ItemInventoryAssemblyQueryRq["@requestID"] as string;

    const percent = await receive(ticket, countsResponse(inventoryId, assemblyId));
    // The call has answered, the session done with QuickBooks: the counts are stored and the job
    // queued, nothing applied yet.
    expect(percent).toBe(100);
    expect(await pages()).toEqual([{ status: "received", moved: null }]);
    expect(await stockPagesWaiting(hub.ctx.db, desktop)).toBe(1);
    expect(await applyJobsQueued()).toBe(1);
    expect(await onHand(SKUS[0]!)).toBe(50);
    expect(await movements()).toEqual([]);

    // The job's work: the page becomes on-hand.
    expect(await applyStockPages(hub.ctx, desktop)).toBe(1);
    expect(await pages()).toEqual([{ status: "applied", moved: 2 }]);
    expect(await stockPagesWaiting(hub.ctx.db, desktop)).toBe(0);
    expect(await onHand(SKUS[0]!)).toBe(7);
    expect(await onHand(SKUS[1]!)).toBe(9);
    expect(await movements()).toHaveLength(2);

    // Applied again (a job retried after it had done the work): the movements' keys replay.
    await hub.ctx.db.execute(
      sql`update qbwc_stock_pages set status = 'received' where connection_id = ${desktop}`,
    );
    expect(await applyStockPages(hub.ctx, desktop)).toBe(1);
    expect(await onHand(SKUS[0]!)).toBe(7);
    expect(await movements()).toHaveLength(2);
    expect(await pages()).toEqual([{ status: "applied", moved: 0 }]);
  });
});
