import { QBWC_NAMESPACE, webConnectorMethods } from "./soap.ts";

type Field = [name: string, type: "s:string" | "s:int" | "tns:ArrayOfString"];

/** Parameters and result of each method, as Intuit's WSDL declares them (§8.2). */
const signatures: Record<(typeof webConnectorMethods)[number], { in: Field[]; out: Field }> = {
  serverVersion: { in: [["strVersion", "s:string"]], out: ["serverVersionResult", "s:string"] },
  clientVersion: { in: [["strVersion", "s:string"]], out: ["clientVersionResult", "s:string"] },
  authenticate: {
    in: [
      ["strUserName", "s:string"],
      ["strPassword", "s:string"],
    ],
    out: ["authenticateResult", "tns:ArrayOfString"],
  },
  sendRequestXML: {
    in: [
      ["ticket", "s:string"],
      ["strHCPResponse", "s:string"],
      ["strCompanyFileName", "s:string"],
      ["qbXMLCountry", "s:string"],
      ["qbXMLMajorVers", "s:int"],
      ["qbXMLMinorVers", "s:int"],
    ],
    out: ["sendRequestXMLResult", "s:string"],
  },
  receiveResponseXML: {
    in: [
      ["ticket", "s:string"],
      ["response", "s:string"],
      ["hresult", "s:string"],
      ["message", "s:string"],
    ],
    out: ["receiveResponseXMLResult", "s:int"],
  },
  connectionError: {
    in: [
      ["ticket", "s:string"],
      ["hresult", "s:string"],
      ["message", "s:string"],
    ],
    out: ["connectionErrorResult", "s:string"],
  },
  getLastError: { in: [["ticket", "s:string"]], out: ["getLastErrorResult", "s:string"] },
  closeConnection: { in: [["ticket", "s:string"]], out: ["closeConnectionResult", "s:string"] },
};

// s:int is required (minOccurs 1) in Intuit's WSDL; strings are optional.
const element = ([name, type]: Field) =>
  `<s:element minOccurs="${type === "s:int" ? 1 : 0}" maxOccurs="1" name="${name}" type="${type}"/>`;
const sequence = (fields: Field[]) =>
  fields.length === 0
    ? "<s:complexType/>"
    : `<s:complexType><s:sequence>${fields.map(element).join("")}</s:sequence></s:complexType>`;

/** The QBWebConnectorSvc WSDL (document/literal, SOAP 1.1) with this hub's service address. */
export function webConnectorWsdl(serviceUrl: string): string {
  const escapedUrl = serviceUrl.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  const methods = webConnectorMethods;
  const types = methods
    .map(
      (m) =>
        `<s:element name="${m}">${sequence(signatures[m].in)}</s:element><s:element name="${m}Response">${sequence([signatures[m].out])}</s:element>`,
    )
    .join("");
  const messages = methods
    .map(
      (m) =>
        `<wsdl:message name="${m}SoapIn"><wsdl:part name="parameters" element="tns:${m}"/></wsdl:message><wsdl:message name="${m}SoapOut"><wsdl:part name="parameters" element="tns:${m}Response"/></wsdl:message>`,
    )
    .join("");
  const operations = methods
    .map(
      (m) =>
        `<wsdl:operation name="${m}"><wsdl:input message="tns:${m}SoapIn"/><wsdl:output message="tns:${m}SoapOut"/></wsdl:operation>`,
    )
    .join("");
  const bindings = methods
    .map(
      (m) =>
        `<wsdl:operation name="${m}"><soap:operation soapAction="${QBWC_NAMESPACE}${m}" style="document"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>`,
    )
    .join("");
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<wsdl:definitions xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="${QBWC_NAMESPACE}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" targetNamespace="${QBWC_NAMESPACE}">`,
    `<wsdl:types><s:schema elementFormDefault="qualified" targetNamespace="${QBWC_NAMESPACE}">${types}`,
    `<s:complexType name="ArrayOfString"><s:sequence><s:element minOccurs="0" maxOccurs="unbounded" name="string" nillable="true" type="s:string"/></s:sequence></s:complexType>`,
    `</s:schema></wsdl:types>${messages}`,
    `<wsdl:portType name="QBWebConnectorSvcSoap">${operations}</wsdl:portType>`,
    `<wsdl:binding name="QBWebConnectorSvcSoap" type="tns:QBWebConnectorSvcSoap"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>${bindings}</wsdl:binding>`,
    `<wsdl:service name="QBWebConnectorSvc"><wsdl:port name="QBWebConnectorSvcSoap" binding="tns:QBWebConnectorSvcSoap"><soap:address location="${escapedUrl}"/></wsdl:port></wsdl:service>`,
    `</wsdl:definitions>`,
  ].join("\n");
}
