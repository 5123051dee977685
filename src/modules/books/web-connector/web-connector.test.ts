import { readFileSync } from "node:fs";
import { and, eq } from "drizzle-orm";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Api } from "../../../../test/helpers/api.ts";
import { createTenant, type TestHub } from "../../../../test/helpers/hub.ts";
import { startDesktopHub } from "../../../../test/helpers/quickbooks-desktop-session.ts";
import { connectionHealth } from "../../sync/index.ts";
import { getPosting } from "../ledger.ts";
import { booksPostings, qbwcRequests } from "../schema.ts";
import { watchWebConnectors } from "./watch.ts";

/** The hub as the Web Connector's SOAP service, spoken to with hand-written envelopes over inject. */
const CAPTURE = "/work/shared/fixtures/real/quickbooks-desktop/qbwc_qbxml_sales_receipt_add_rs.xml";
const PASSWORD = "desktop-pass-123";
const USER = `wc-${Date.now()}`;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  removeNSPrefix: true,
  parseTagValue: false,
});

let hub: TestHub;
let api: Api;
let owner: Record<string, string>;
let desktop: string;
let shop: string;
let orderSeq = 0;

const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

async function soap(method: string, fields: Record<string, string | number> = {}) {
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
  const result = parser.parse(res.body).Envelope.Body[`${method}Response`][`${method}Result`];
  return result as unknown;
}

async function authenticate(password = PASSWORD): Promise<[string, string]> {
  const result = (await soap("authenticate", { strUserName: USER, strPassword: password })) as {
    string: unknown[];
  };
  return result.string.map((s) => (typeof s === "string" ? s : "")) as [string, string];
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

/** Request ids of a qbXML request document by request element. */
function requestIds(qbxml: string): Record<string, string[]> {
  const msgs = parser.parse(qbxml).QBXML.QBXMLMsgsRq as Record<string, unknown>;
  const ids: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(msgs)) {
    if (name.startsWith("@")) continue;
    ids[name] = (Array.isArray(value) ? value : [value]).map(
      (v) => (v as Record<string, string>)["@requestID"]!,
    );
  }
  return ids;
}
const messageSetAttrs = (qbxml: string) => {
  const msgs = parser.parse(qbxml).QBXML.QBXMLMsgsRq as Record<string, string>;
  return { onError: msgs["@onError"], newId: msgs["@newMessageSetID"], oldId: msgs["@oldMessageSetID"] };
};

/** QuickBooks' answer: the customer exists (3100) and the real SalesReceiptAddRs capture for the receipt. */
function answer(customerRequestId: string, receiptRequestId: string): string {
  const capture = readFileSync(CAPTURE, "utf8").replace(
    /requestID="[^"]*"/,
    `requestID="${receiptRequestId}"`,
  );
  return capture.replace(
    "<QBXMLMsgsRs>",
    `<QBXMLMsgsRs><CustomerAddRs requestID="${customerRequestId}" statusCode="3100" statusSeverity="Error" statusMessage="The name &quot;x&quot; of the list element is already in use."/>`,
  );
}

async function order(placedAt: string, sku: string) {
  orderSeq += 1;
  const res = await api.post("/api/v1/orders", {
    connectionId: shop,
    platformOrderId: `p-${orderSeq}`,
    orderNumber: `#${2000 + orderSeq}`,
    placedAt,
    currency: "USD",
    customer: { name: "Ada Lovelace" },
    lines: [{ sku, quantity: 2, unitPriceMinor: 7500 }],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function summarise(day: string) {
  const res = await api.post("/api/v1/books/sync", { connectionId: shop, from: day, to: day });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { outcomes: Record<string, number> };
}

async function summaryPosting(day: string) {
  const [row] = await hub.ctx.db
    .select()
    .from(booksPostings)
    .where(
      and(eq(booksPostings.booksConnectionId, desktop), eq(booksPostings.subjectId, `${shop}:${day}:USD`)),
    );
  return row!;
}

beforeAll(async () => {
  ({ hub, api, owner, desktop, shop } = await startDesktopHub({
    username: USER,
    password: PASSWORD,
    skus: ["DESK-1", "DESK-2"],
  }));
}, 120_000);
afterAll(async () => {
  await hub?.close();
});

describe("pairing", () => {
  it("stores only a hash of the Web Connector password", async () => {
    const res = await api.get(`/api/v1/connections/${desktop}`);
    expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
    expect(res.body.credentials).toEqual({ username: USER });
  });

  it("refuses a short password, a missing user name and unknown fields as the hub refuses any platform's malformed credentials: 400 naming the field, saving nothing", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ username: "someone", password: "short" }, "credentials.password"],
      [{ password: "long-enough-password" }, "credentials.username"],
      [{ username: "some one", password: "long-enough-password" }, "credentials.username"],
      [{ username: "someone", password: "long-enough-password", extra: 1 }, "credentials.extra"],
    ];
    for (const [credentials, field] of cases) {
      const res = await api.post("/api/v1/connections", {
        platform: "quickbooks-desktop",
        name: "Bad",
        credentials,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body).toMatchObject({ code: "credentials_invalid", field });
      expect(res.body.detail).toContain(field);
    }
    // Any other platform's malformed credentials answer alike (422 is kept for a platform refusing
    // well-formed ones, credentials_rejected, which Desktop cannot do: nothing is reached at pairing).
    const other = await api.post("/api/v1/connections", { platform: "test", name: "Bad", credentials: {} });
    expect(other.status).toBe(400);
    expect(other.body).toMatchObject({ code: "credentials_invalid", field: "credentials.token" });
    const list = await api.get("/api/v1/connections");
    expect(list.body.items.map((c: { name: string }) => c.name)).not.toContain("Bad");
  });

  it("serves a .qwc with the service address, the user and fresh GUIDs on each download", async () => {
    const first = await hub.app.inject({
      method: "GET",
      url: `/api/v1/connections/${desktop}/qwc`,
      headers: owner,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers["content-type"]).toContain("application/xml");
    expect(first.headers["content-disposition"]).toMatch(/^attachment; filename=".+\.qwc"$/);
    const qwc = parser.parse(first.body).QBWCXML;
    expect(qwc.AppURL).toBe("http://localhost:80/qbwc");
    expect(qwc.UserName).toBe(USER);
    expect(qwc.QBType).toBe("QBFS");
    expect(qwc.Scheduler.RunEveryNMinutes).toBe("15");
    expect(qwc.IsReadOnly).toBe("false");
    expect(qwc.AppSupport).toBeTruthy();
    expect(qwc.OwnerID).toMatch(/^\{[0-9A-F-]{36}\}$/);
    const second = parser.parse(
      (await hub.app.inject({ method: "GET", url: `/api/v1/connections/${desktop}/qwc`, headers: owner }))
        .body,
    ).QBWCXML;
    expect(second.OwnerID).not.toBe(qwc.OwnerID);
    expect(second.FileID).not.toBe(qwc.FileID);
    const notDesktop = await api.get(`/api/v1/connections/${shop}/qwc`);
    expect(notDesktop.status).toBe(400);
    expect(notDesktop.body.code).toBe("not_a_web_connector_connection");
    const stranger = await createTenant(hub);
    const other = await hub.app.inject({
      method: "GET",
      url: `/api/v1/connections/${desktop}/qwc`,
      headers: stranger.auth,
    });
    expect(other.statusCode).toBe(404);
  });
});

describe("the SOAP service", () => {
  it("answers serverVersion, clientVersion and the WSDL", async () => {
    expect(await soap("serverVersion")).toMatch(/Stockwire/);
    expect(await soap("clientVersion", { strVersion: "2.3.0.36" })).toBe("");
    const wsdl = await hub.app.inject({ method: "GET", url: "/qbwc?wsdl" });
    expect(wsdl.statusCode).toBe(200);
    const definitions = parser.parse(wsdl.body).definitions;
    expect(definitions["@targetNamespace"]).toBe("http://developer.intuit.com/");
    expect(definitions.service.port.address["@location"]).toBe("http://localhost:80/qbwc");
    const operations = definitions.portType.operation.map((o: Record<string, string>) => o["@name"]);
    expect(operations).toEqual([
      "serverVersion",
      "clientVersion",
      "authenticate",
      "sendRequestXML",
      "receiveResponseXML",
      "connectionError",
      "getLastError",
      "closeConnection",
    ]);
  });

  it("answers a bad password with nvu and no ticket, and a good one with none when nothing is due", async () => {
    expect(await authenticate("wrong-password-1")).toEqual(["", "nvu"]);
    expect((await soap("authenticate", { strUserName: "nobody", strPassword: PASSWORD })) as object).toEqual({
      string: ["", "nvu"],
    });
    const [ticket, status] = await authenticate();
    expect(ticket).toMatch(/^[0-9a-f-]{36}$/);
    expect(status).toBe("none");
    expect(await soap("closeConnection", { ticket })).toMatch(/^OK/);
  });

  it("answers malformed XML and unknown calls with a SOAP fault, never a stack", async () => {
    for (const payload of [
      "<soap:Envelope><soap:Body><authenticate>",
      "not xml at all",
      `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><dropTables/></soap:Body></soap:Envelope>`,
      `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><sendRequestXML><ticket>x</ticket><qbXMLMajorVers>thirteen</qbXMLMajorVers></sendRequestXML></soap:Body></soap:Envelope>`,
    ]) {
      const res = await hub.app.inject({
        method: "POST",
        url: "/qbwc",
        headers: { "content-type": "text/xml" },
        payload,
      });
      expect(res.statusCode).toBe(500);
      expect(res.headers["content-type"]).toContain("text/xml");
      const fault = parser.parse(res.body).Envelope.Body.Fault;
      expect(fault.faultcode).toBe("soap:Client");
      expect(res.body).not.toMatch(/\bat .+\.ts:\d+/);
    }
  });

  it("prepares a daily summary ahead, sends it in sendRequestXML and records the SalesReceiptAddRs as posted", async () => {
    await order("2024-05-02T10:00:00Z", "DESK-1");
    const synced = await summarise("2024-05-02");
    expect(synced.outcomes.queued).toBe(1);
    const [ticket, status] = await authenticate();
    expect(status).toBe("");
    const qbxml = await send(ticket);
    expect(qbxml).toContain('<?qbxml version="13.0"?>');
    const attrs = messageSetAttrs(qbxml);
    expect(attrs.onError).toBe("continueOnError");
    expect(attrs.newId).toMatch(/^[0-9a-f-]{36}$/);
    expect(attrs.oldId).toBeUndefined();
    const receipt = parser.parse(qbxml).QBXML.QBXMLMsgsRq.SalesReceiptAddRq.SalesReceiptAdd;
    // Schema order: CustomerRef, TxnDate, RefNumber, Memo, then the lines.
    expect(Object.keys(receipt)).toEqual([
      "CustomerRef",
      "TxnDate",
      "RefNumber",
      "Memo",
      "SalesReceiptLineAdd",
    ]);
    expect(receipt.TxnDate).toBe("2024-05-02");
    expect(String(receipt.RefNumber).length).toBeLessThanOrEqual(11);
    expect(receipt.Memo).toContain("#2001");
    expect(receipt.SalesReceiptLineAdd.ItemRef.FullName).toBe("DESK-1");
    expect(receipt.SalesReceiptLineAdd.Rate).toBe("75.00");
    const ids = requestIds(qbxml);
    const percent = await receive(ticket, answer(ids.CustomerAddRq![0]!, ids.SalesReceiptAddRq![0]!));
    expect(percent).toBe(100);
    const posting = await summaryPosting("2024-05-02");
    expect(posting).toMatchObject({ status: "posted", docKind: "SalesReceipt", docId: "141CA5-1231522949" });
    expect(posting.docNumber).toBe("16466");
    expect(posting.totalMinor).toBe(15000);
    expect(await soap("getLastError", { ticket })).toBe("");
    expect(await soap("closeConnection", { ticket })).toMatch(/^OK/);
    expect((await authenticate())[1]).toBe("none");
  });

  it("resumes a session dropped after sendRequestXML by asking about the old message set, posting nothing twice", async () => {
    await order("2024-05-03T10:00:00Z", "DESK-2");
    expect((await summarise("2024-05-03")).outcomes.queued).toBe(1);
    const [dropped] = await authenticate();
    const first = await send(dropped);
    const firstIds = requestIds(first);
    // The Web Connector dies here: no receiveResponseXML. Its next run signs in again.
    const [ticket, status] = await authenticate();
    expect(status).toBe("");
    expect(await receive(dropped, "<QBXML/>")).toBeLessThan(0);
    const again = await send(ticket);
    const attrs = messageSetAttrs(again);
    expect(attrs.oldId).toBe(messageSetAttrs(first).newId);
    expect(attrs.newId).not.toBe(attrs.oldId);
    expect(requestIds(again)).toEqual(firstIds);
    const response = answer(firstIds.CustomerAddRq![0]!, firstIds.SalesReceiptAddRq![0]!);
    expect(await receive(ticket, response)).toBe(100);
    const posting = await summaryPosting("2024-05-03");
    expect(posting.status).toBe("posted");
    const documents = await hub.ctx.db
      .select()
      .from(qbwcRequests)
      .where(and(eq(qbwcRequests.postingId, posting.id), eq(qbwcRequests.role, "document")));
    expect(documents).toHaveLength(1);
    // The same answer delivered again changes nothing, and nothing is left to send.
    await receive(ticket, response);
    expect((await getPosting(hub.ctx.db, posting.id))?.postedAt).toEqual(posting.postedAt);
    expect(await send(ticket)).toBe("");
    expect((await authenticate())[1]).toBe("none");
  });

  it("fails the posting and names the SKU when QuickBooks has no such item (3140)", async () => {
    await order("2024-05-04T10:00:00Z", "DESK-1");
    await summarise("2024-05-04");
    const [ticket] = await authenticate();
    const ids = requestIds(await send(ticket));
    const response = `<?xml version="1.0"?><QBXML><QBXMLMsgsRs><CustomerAddRs requestID="${ids.CustomerAddRq![0]}" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><CustomerRet><ListID>1</ListID></CustomerRet></CustomerAddRs><SalesReceiptAddRs requestID="${ids.SalesReceiptAddRq![0]}" statusCode="3140" statusSeverity="Error" statusMessage="There is an invalid reference to QuickBooks Item &quot;DESK-1&quot; in the Sales Receipt line."/></QBXMLMsgsRs></QBXML>`;
    expect(await receive(ticket, response)).toBe(100);
    const posting = await summaryPosting("2024-05-04");
    expect(posting.status).toBe("failed");
    expect(posting.error).toContain("DESK-1");
    const log = await api.get(`/api/v1/sync-log?connectionId=${desktop}&sku=DESK-1`);
    expect(JSON.stringify(log.body)).toContain("no item in QuickBooks");
  });

  it("says NoOp while postings are still being prepared, and refuses qbXML older than 13.0", async () => {
    await order("2024-05-05T10:00:00Z", "DESK-2");
    // A pending ledger row the poster has not prepared yet.
    await hub.ctx.db.insert(booksPostings).values({
      accountId: (await summaryPosting("2024-05-02")).accountId,
      booksConnectionId: desktop,
      channelConnectionId: shop,
      subjectType: "summary",
      subjectId: `${shop}:2024-05-05:USD`,
    });
    const [ticket, status] = await authenticate();
    expect(status).toBe("");
    expect(await send(ticket)).toBe("");
    expect(await soap("getLastError", { ticket })).toBe("NoOp");
    const old = await soap("sendRequestXML", {
      ticket,
      strHCPResponse: "",
      strCompanyFileName: "",
      qbXMLCountry: "US",
      qbXMLMajorVers: 12,
      qbXMLMinorVers: 0,
    });
    expect(old ?? "").toBe("");
    expect(await soap("getLastError", { ticket })).toMatch(/13\.0/);
    expect(await soap("connectionError", { ticket, hresult: "0x80040408", message: "company closed" })).toBe(
      "done",
    );
    expect(await soap("getLastError", { ticket })).toMatch(/ended/);
  });

  it("raises 'the Web Connector has not called in since …' after three silent runs, resolved by the next sign-in", async () => {
    const silentIssues = async () => {
      const res = await api.get(`/api/v1/sync/issues?connectionId=${desktop}&resolved=false`);
      expect(res.status).toBe(200);
      return (res.body.items as { code: string; message: string }[]).filter(
        (i) => i.code === "web_connector_silent",
      );
    };
    // The .qwc downloaded above asked for a run every 15 minutes; 46 minutes of silence is over three.
    expect(await watchWebConnectors(hub.ctx, new Date(Date.now() + 46 * 60_000))).toEqual([desktop]);
    const [issue] = await silentIssues();
    expect(issue?.message).toMatch(/has not called in since \d{4}-/);
    expect(await watchWebConnectors(hub.ctx, new Date())).toEqual([]);
    await authenticate();
    expect(await silentIssues()).toEqual([]);
  });

  it("counts a Web Connector that stopped calling in the hub's stall alarm (sync health, /healthz), by its own schedule", async () => {
    const healthAt = async (minutesAhead: number) => {
      const now = new Date(Date.now() + minutesAhead * 60_000);
      return (await connectionHealth(hub.ctx.db, { now })).find((h) => h.connectionId === desktop)!;
    };
    // It just called in (the sign-in above); 15-minute schedule: 45 minutes of silence are allowed.
    const fresh = await healthAt(0);
    expect(fresh.webConnector.count).toBe(1);
    expect(fresh.stall).toBeNull();
    expect((await healthAt(40)).stall).toBeNull();
    const silent = await healthAt(50);
    expect(silent.stall).toMatchObject({ reason: "web_connector_silent", waiting: 1 });
    expect(silent.stall!.oldestSeconds).toBeGreaterThanOrEqual(50 * 60 - 5);
    expect(silent.stall!.detail).toMatch(/Web Connector has stopped calling in/);
    // A channel of the same account has no Web Connector to wait for.
    const later = await connectionHealth(hub.ctx.db, { now: new Date(Date.now() + 50 * 60_000) });
    const channel = later.find((h) => h.connectionId === shop)!;
    expect(channel.webConnector).toEqual({ count: 0, oldestSeconds: 0 });
    expect(channel.stall?.reason).not.toBe("web_connector_silent");
    const health = await api.get("/api/v1/sync/health");
    expect(health.status, JSON.stringify(health.body)).toBe(200);
    expect(
      health.body.items.find((h: { connectionId: string }) => h.connectionId === desktop).webConnector.count,
    ).toBe(1);
    // In test mode nothing is expected of the Web Connector.
    expect((await api.post(`/api/v1/connections/${desktop}/mode`, { mode: "test" })).status).toBe(200);
    expect((await healthAt(50)).stall).toBeNull();
    expect((await api.post(`/api/v1/connections/${desktop}/mode`, { mode: "live" })).status).toBe(200);
  });
});
