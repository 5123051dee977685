import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkWebConnectorPassword, webConnectorCredentialsSchema } from "./credentials.ts";
import { buildQwc } from "./qwc.ts";
import { readSoapCall, SoapCallError, soapFault, soapResult } from "./soap.ts";
import { webConnectorWsdl } from "./wsdl.ts";
import { child, parseXml, textOf } from "./xml.ts";

const INTUIT_WSDL =
  "/work/shared/fixtures/real/quickbooks-desktop/QBWebConnectorSvc_intuit_troubleshoot.wsdl";
const call = (method: string, inner: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><${method} xmlns="http://developer.intuit.com/">${inner}</${method}></soap:Body></soap:Envelope>`;

describe("SOAP calls", () => {
  it("reads each call's parameters, ints as numbers and the qbXML response as text", () => {
    expect(readSoapCall(call("serverVersion", ""))).toEqual({ method: "serverVersion" });
    expect(
      readSoapCall(call("authenticate", "<strUserName>u</strUserName><strPassword>p&amp;w</strPassword>")),
    ).toEqual({
      method: "authenticate",
      username: "u",
      password: "p&w",
    });
    expect(
      readSoapCall(
        call(
          "sendRequestXML",
          "<ticket>t</ticket><strHCPResponse/><strCompanyFileName>C:\\a.qbw</strCompanyFileName><qbXMLCountry>US</qbXMLCountry><qbXMLMajorVers>16</qbXMLMajorVers><qbXMLMinorVers>0</qbXMLMinorVers>",
        ),
      ),
    ).toMatchObject({ method: "sendRequestXML", ticket: "t", companyFile: "C:\\a.qbw", major: 16, minor: 0 });
    const response = readSoapCall(
      call(
        "receiveResponseXML",
        "<ticket>t</ticket><response>&lt;QBXML&gt;&lt;/QBXML&gt;</response><hresult/><message/>",
      ),
    );
    expect(response).toMatchObject({
      method: "receiveResponseXML",
      response: "<QBXML></QBXML>",
      hresult: "",
    });
  });

  it("refuses unknown calls, bodies with several calls and bad ints", () => {
    expect(() => readSoapCall(call("dropTables", ""))).toThrow(SoapCallError);
    expect(() => readSoapCall(call("sendRequestXML", "<qbXMLMajorVers>x</qbXMLMajorVers>"))).toThrow(/s:int/);
    expect(() => readSoapCall("<a><b></a>")).toThrow(/not well-formed/);
  });

  it("answers with the WSDL's result elements and faults without internals", () => {
    const auth = parseXml(soapResult("authenticate", ["t-1", "none"]));
    const result = child(
      child(child(child(auth, "Envelope"), "Body"), "authenticateResponse"),
      "authenticateResult",
    );
    expect(child(result, "string")).toEqual(["t-1", "none"]);
    expect(soapResult("receiveResponseXML", 42)).toContain(
      "<receiveResponseXMLResult>42</receiveResponseXMLResult>",
    );
    expect(soapResult("sendRequestXML", "<QBXML/>")).toContain("&lt;QBXML/&gt;");
    const fault = child(child(child(parseXml(soapFault("bad <xml>", true)), "Envelope"), "Body"), "Fault");
    expect(textOf(child(fault, "faultcode"))).toBe("soap:Client");
    expect(textOf(child(fault, "faultstring"))).toBe("bad <xml>");
  });
});

describe("WSDL and .qwc", () => {
  it("declares the same operations and soapActions as Intuit's WSDL", () => {
    const actions = (text: string) => [...text.matchAll(/soapAction="([^"]+)"/g)].map((m) => m[1]).sort();
    const intuit = readFileSync(INTUIT_WSDL, "utf8");
    const ours = webConnectorWsdl("https://hub.example.com/qbwc");
    expect(new Set(actions(ours))).toEqual(new Set(actions(intuit)));
    expect(ours).toContain('<soap:address location="https://hub.example.com/qbwc"/>');
    expect(() => parseXml(ours)).not.toThrow();
  });

  it("writes the .qwc elements the Web Connector reads", () => {
    const qwc = child(
      parseXml(
        buildQwc({
          appName: "Stockwire",
          appUrl: "https://hub.example.com/qbwc",
          appSupport: "https://hub.example.com/",
          description: "d",
          username: "wc",
          ownerId: "57F3B9B1-86F1-4FCC-B1EE-566DE1813D20",
          fileId: "90A44FB5-33D9-4815-AC85-BC87A7E7D1EB",
          runEveryMinutes: 15,
        }),
      ),
      "QBWCXML",
    );
    const f = (name: string) => textOf(child(qwc, name));
    expect([f("AppURL"), f("UserName"), f("OwnerID"), f("QBType"), f("IsReadOnly")]).toEqual([
      "https://hub.example.com/qbwc",
      "wc",
      "{57F3B9B1-86F1-4FCC-B1EE-566DE1813D20}",
      "QBFS",
      "false",
    ]);
    expect(textOf(child(child(qwc, "Scheduler"), "RunEveryNMinutes"))).toBe("15");
  });
});

describe("credentials", () => {
  it("keeps only an scrypt hash and checks the password against it", async () => {
    const stored = webConnectorCredentialsSchema.parse({ username: "wc", password: "long-enough-1" });
    expect(JSON.stringify(stored)).not.toContain("long-enough-1");
    expect(stored.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await checkWebConnectorPassword(stored, "long-enough-1")).toBe(true);
    expect(await checkWebConnectorPassword(stored, "long-enough-2")).toBe(false);
    expect(webConnectorCredentialsSchema.safeParse({ username: "wc", password: "short" }).success).toBe(
      false,
    );
  });
});
