import type { BooksTaxCode } from "../contract.ts";
import { attrOf, buildXml, child, listOf, parseXml, textOf } from "./xml.ts";

/**
 * The company's sales tax codes, active or not (a setting naming an inactive code is refused, so
 * the hub needs to tell one from an unknown code). Elements in schema order: ActiveStatus only.
 */
export function taxCodeQuery(requestId: string): string {
  return buildXml({ SalesTaxCodeQueryRq: { "@requestID": requestId, ActiveStatus: "All" } });
}

/**
 * The SalesTaxCodeQueryRs answers of a response: each code by its ListID (what a line's
 * SalesTaxCodeRef names), its name (Tax, Non; S, Z, E … outside the US), taxable or not. Status 1
 * (no match) is an empty list; any other error is null with QuickBooks' message. Throws
 * XmlMalformedError on malformed text.
 */
export function readTaxCodes(
  xml: string,
): { requestId: string; codes: BooksTaxCode[] | null; message: string }[] {
  const msgs = child(child(parseXml(xml), "QBXML"), "QBXMLMsgsRs");
  return listOf(child(msgs, "SalesTaxCodeQueryRs")).map((rs) => {
    const code = Number(attrOf(rs, "statusCode") ?? "NaN");
    const ok = code === 0 || code === 1 || (code >= 500 && code < 1000);
    return {
      requestId: attrOf(rs, "requestID") ?? "",
      message: attrOf(rs, "statusMessage") ?? "",
      codes: ok
        ? listOf(child(rs, "SalesTaxCodeRet")).map((ret) => ({
            id: textOf(child(ret, "ListID")),
            name: textOf(child(ret, "Name")),
            taxable: textOf(child(ret, "IsTaxable")) === "true",
            active: textOf(child(ret, "IsActive")) !== "false",
          }))
        : null,
    };
  });
}
