import { afterEach, describe, expect, it } from "vitest";
import { type FakeService, qwcFor, startFakeService } from "./fake-qbwc-service.ts";
import { parseQwc, QwcError } from "./qwc.ts";
import { qbxml, testCompany } from "./test-helpers.ts";
import { type ConnectorSwitches, WebConnector } from "./web-connector.ts";
import { child, parseXml, textOf } from "./xml.ts";

const PASSWORD = "correct horse battery";
let service: FakeService;

afterEach(async () => {
  await service?.close();
});

async function setUp(password = PASSWORD) {
  service = await startFakeService(PASSWORD);
  const { app, company } = testCompany();
  const switches: ConnectorSwitches = { companyClosed: false, dropAfterSend: 0 };
  const connector = new WebConnector({
    qwc: parseQwc(qwcFor(service.url)),
    password,
    app,
    switches,
    companyFile: "C:\\Company.QBW",
    noOpPauseMs: 10,
  });
  return { connector, switches, company, app };
}

const methods = () => service.calls.map((c) => c.method);
const sale = (requestID: string, sku: string) =>
  `<SalesReceiptAddRq requestID="${requestID}"><SalesReceiptAdd><CustomerRef><FullName>Cash Customer</FullName></CustomerRef>` +
  `<SalesReceiptLineAdd><ItemRef><FullName>${sku}</FullName></ItemRef><Quantity>1</Quantity><Rate>5.00</Rate></SalesReceiptLineAdd>` +
  `</SalesReceiptAdd></SalesReceiptAddRq>`;

describe("the Web Connector session runner", () => {
  it("runs a session call by call and hands QuickBooks' answers back", async () => {
    const { connector, company } = await setUp();
    service.queue.push(qbxml(sale("1", "SKU-0001")), qbxml(sale("2", "SKU-0002")));
    const record = await connector.runSession();
    expect(record.outcome).toBe("done");
    expect(methods()).toEqual([
      "serverVersion",
      "clientVersion",
      "authenticate",
      "sendRequestXML",
      "receiveResponseXML",
      "sendRequestXML",
      "receiveResponseXML",
      "closeConnection",
    ]);
    const [firstSend, secondSend] = service.calls.filter((c) => c.method === "sendRequestXML");
    expect(firstSend?.params).toMatchObject({
      ticket: "ticket-1",
      qbXMLMajorVers: "16",
      qbXMLMinorVers: "0",
    });
    expect(firstSend?.params.strHCPResponse).toContain("<SupportedQBXMLVersion>13.0</SupportedQBXMLVersion>");
    expect(secondSend?.params.strHCPResponse).toBe("");
    const received = service.calls.find((c) => c.method === "receiveResponseXML")?.params.response ?? "";
    const rs = child(child(parseXml(received).root, "QBXMLMsgsRs")!, "SalesReceiptAddRs")!;
    expect(rs.attrs).toMatchObject({ requestID: "1", statusCode: "0" });
    expect(textOf(child(rs, "SalesReceiptRet")!, "TxnID")).toBeTruthy();
    expect(company.liveTxns("SalesReceipt")).toHaveLength(2);
    expect(record.rounds.map((r) => r.percent)).toEqual([50, 100]);
  });

  it("stops right after authenticate when the password is wrong (nvu)", async () => {
    const { connector } = await setUp("wrong password!");
    const record = await connector.runSession();
    expect(record.outcome).toBe("nvu");
    expect(methods()).toEqual(["serverVersion", "clientVersion", "authenticate"]);
  });

  it("closes at once when the service has nothing to do (none)", async () => {
    const { connector } = await setUp();
    service.authStatus = "none";
    expect((await connector.runSession()).outcome).toBe("none");
    expect(methods().slice(2)).toEqual(["authenticate", "closeConnection"]);
  });

  it("waits and asks again when getLastError answers NoOp", async () => {
    const { connector } = await setUp();
    service.queue.push("", qbxml(sale("1", "SKU-0003")));
    service.lastErrors.push("NoOp");
    const record = await connector.runSession();
    expect(record.outcome).toBe("done");
    expect(record.noOps).toBe(1);
    expect(methods().slice(3)).toEqual([
      "sendRequestXML",
      "getLastError",
      "sendRequestXML",
      "receiveResponseXML",
      "closeConnection",
    ]);
  });

  it("reports connectionError when the company is closed, and touches nothing", async () => {
    const { connector, switches, company } = await setUp();
    switches.companyClosed = true;
    service.queue.push(qbxml(sale("1", "SKU-0001")));
    const record = await connector.runSession();
    expect(record.outcome).toBe("company_closed");
    expect(methods().slice(3)).toEqual(["connectionError", "closeConnection"]);
    expect(service.calls[3]?.params).toMatchObject({ ticket: "ticket-1", hresult: "0x80040408" });
    expect(company.liveTxns()).toHaveLength(0);
  });

  it("drops a session after sendRequestXML: QuickBooks posted, the hub never hears of it", async () => {
    const { connector, switches, company } = await setUp();
    switches.dropAfterSend = 1;
    service.queue.push(qbxml(sale("1", "SKU-0001"), 'onError="continueOnError" newMessageSetID="m-1"'));
    const dropped = await connector.runSession();
    expect(dropped.outcome).toBe("dropped");
    expect(methods().at(-1)).toBe("sendRequestXML");
    expect(company.liveTxns("SalesReceipt")).toHaveLength(1);

    service.queue.push(qbxml(sale("1", "SKU-0001"), 'onError="continueOnError" oldMessageSetID="m-1"'));
    const resumed = await connector.runSession();
    expect(resumed.outcome).toBe("done");
    expect(resumed.rounds[0]?.replayedMessageSet).toBe("m-1");
    expect(company.liveTxns("SalesReceipt")).toHaveLength(1);
  });

  it("hands receiveResponseXML the HRESULT when QuickBooks cannot parse the request", async () => {
    const { connector } = await setUp();
    service.queue.push("<QBXML>not qbXML");
    const record = await connector.runSession();
    const receive = service.calls.find((c) => c.method === "receiveResponseXML");
    expect(receive?.params).toMatchObject({ response: "", hresult: "0x80040400" });
    expect(record.rounds[0]?.hresult).toBe("0x80040400");
  });

  it("ends the session with the fault when the service answers a SOAP fault", async () => {
    const { connector } = await setUp();
    service.faultOn = "authenticate";
    const record = await connector.runSession();
    expect(record.outcome).toBe("error");
    expect(record.errors[0]).toContain("Server was unable to process request.");
    expect(methods()).toEqual(["serverVersion", "clientVersion", "authenticate"]);
  });
});

describe("reading a .qwc", () => {
  it("takes the AppURL, user, GUIDs and the schedule", () => {
    const qwc = parseQwc(qwcFor("https://hub.example.com/qbwc"));
    expect(qwc).toMatchObject({
      appUrl: "https://hub.example.com/qbwc",
      userName: "stockwire-wc",
      ownerId: "{57F3B9B1-86F1-4FCC-B1EE-566DE1813D20}",
      qbType: "QBFS",
      everySeconds: 900,
      isReadOnly: false,
    });
  });

  it("refuses plain http off localhost, and GUIDs without braces", () => {
    expect(() => parseQwc(qwcFor("http://hub.example.com/qbwc"))).toThrow(QwcError);
    expect(parseQwc(qwcFor("http://localhost:3000/qbwc")).appUrl).toBe("http://localhost:3000/qbwc");
    const bare = qwcFor("https://hub.example.com/qbwc").replace(
      "{57F3B9B1-86F1-4FCC-B1EE-566DE1813D20}",
      "57F3B9B1",
    );
    expect(() => parseQwc(bare)).toThrow(/OwnerID/);
  });
});
