import type { WebConnectorCall, WebConnectorMethod } from "../contract.ts";
import { buildXml, child, parseXml, textOf, type XmlValue } from "./xml.ts";

/** Intuit's WSDL target namespace; soapAction is this plus the method name (§8.2). */
export const QBWC_NAMESPACE = "http://developer.intuit.com/";
const SOAP_ENV = "http://schemas.xmlsoap.org/soap/envelope/";

export const webConnectorMethods = [
  "serverVersion",
  "clientVersion",
  "authenticate",
  "sendRequestXML",
  "receiveResponseXML",
  "connectionError",
  "getLastError",
  "closeConnection",
] as const satisfies readonly WebConnectorMethod[];

/** A call the service cannot read: `client` faults are the caller's (SOAP `soap:Client`). */
export class SoapCallError extends Error {
  override name = "SoapCallError";
}

const isMethod = (name: string): name is WebConnectorMethod =>
  (webConnectorMethods as readonly string[]).includes(name);

function intOf(node: XmlValue | undefined, field: string): number {
  const text = textOf(node).trim();
  if (!/^-?\d{1,9}$/.test(text)) throw new SoapCallError(`${field} must be an integer (s:int)`);
  return Number(text);
}

/**
 * Reads one SOAP 1.1 document/literal call of the Web Connector. Throws `XmlMalformedError` for
 * text that is not XML and `SoapCallError` for XML that is not one of the eight calls.
 */
export function readSoapCall(body: string): WebConnectorCall {
  const doc = parseXml(body);
  const soapBody = child(child(doc, "Envelope"), "Body");
  if (!soapBody || typeof soapBody !== "object" || Array.isArray(soapBody)) {
    throw new SoapCallError("no SOAP Envelope/Body");
  }
  const names = Object.keys(soapBody).filter((k) => !k.startsWith("@") && k !== "#text");
  const name = names[0];
  if (names.length !== 1 || name === undefined) throw new SoapCallError("the Body must hold one call");
  if (!isMethod(name)) throw new SoapCallError(`unknown method ${name}`);
  const call = soapBody[name];
  const f = (field: string) => textOf(child(call, field));
  switch (name) {
    case "serverVersion":
      return { method: name };
    case "clientVersion":
      return { method: name, version: f("strVersion") };
    case "authenticate":
      return { method: name, username: f("strUserName"), password: f("strPassword") };
    case "sendRequestXML":
      return {
        method: name,
        ticket: f("ticket"),
        hcpResponse: f("strHCPResponse"),
        companyFile: f("strCompanyFileName"),
        country: f("qbXMLCountry"),
        major: intOf(child(call, "qbXMLMajorVers"), "qbXMLMajorVers"),
        minor: intOf(child(call, "qbXMLMinorVers"), "qbXMLMinorVers"),
      };
    case "receiveResponseXML":
      return {
        method: name,
        ticket: f("ticket"),
        response: f("response"),
        hresult: f("hresult"),
        message: f("message"),
      };
    case "connectionError":
      return { method: name, ticket: f("ticket"), hresult: f("hresult"), message: f("message") };
    case "getLastError":
    case "closeConnection":
      return { method: name, ticket: f("ticket") };
  }
}

function envelope(body: Record<string, XmlValue>): string {
  return `<?xml version="1.0" encoding="utf-8"?>${buildXml({
    "soap:Envelope": {
      "@xmlns:soap": SOAP_ENV,
      "@xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
      "@xmlns:xsd": "http://www.w3.org/2001/XMLSchema",
      "soap:Body": body,
    },
  })}`;
}

/** `<methodResponse><methodResult>…</methodResult></methodResponse>` as the WSDL declares it. */
export function soapResult(method: WebConnectorMethod, result: string | readonly string[] | number): string {
  const value: XmlValue =
    typeof result === "number"
      ? String(result)
      : typeof result === "string"
        ? result
        : { string: result.map((s) => s) };
  return envelope({ [`${method}Response`]: { "@xmlns": QBWC_NAMESPACE, [`${method}Result`]: value } });
}

/** A SOAP 1.1 fault; `client` for the caller's mistakes, otherwise the server's (never a stack). */
export function soapFault(message: string, client: boolean): string {
  return envelope({
    "soap:Fault": { faultcode: client ? "soap:Client" : "soap:Server", faultstring: message },
  });
}
