import type { Company } from "./company.ts";
import type { Handler } from "./qbxml-status.ts";
import { element } from "./xml.ts";

/** The qbXML versions a QuickBooks release accepts, up to its newest. */
export function supportedVersions(newest: string): string[] {
  const [major] = newest.split(".").map(Number);
  const versions: string[] = [];
  for (let v = 1; v <= (major ?? 13); v++) versions.push(`${v}.0`);
  return versions;
}

export function hostRet(newest: string, country = "US"): string {
  return element("HostRet", {}, [
    ["ProductName", "QuickBooks Enterprise Solutions 23.0"],
    ["MajorVersion", 33],
    ["MinorVersion", 0],
    ["Country", country],
    ...supportedVersions(newest).map((v) => ["SupportedQBXMLVersion", v] as const),
    ["IsAutomaticLogin", false],
    ["QBFileMode", "SingleUser"],
  ]);
}

export function companyRet(company: Company): string {
  return element("CompanyRet", {}, [
    ["IsSampleCompany", false],
    ["CompanyName", company.name],
    ["LegalCompanyName", company.name],
  ]);
}

/**
 * The Host/Company query answers the Web Connector passes as `strHCPResponse` on the first
 * `sendRequestXML` of a session.
 */
export function hcpResponse(company: Company, newest: string): string {
  const ok = 'statusCode="0" statusSeverity="Info" statusMessage="Status OK"';
  return (
    `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs>` +
    `<HostQueryRs requestID="0" ${ok}>${hostRet(newest, company.country)}</HostQueryRs>` +
    `<CompanyQueryRs requestID="1" ${ok}>${companyRet(company)}</CompanyQueryRs>` +
    `</QBXMLMsgsRs></QBXML>`
  );
}

export function hostQueries(newest: string): Readonly<Record<string, Handler>> {
  return {
    HostQueryRq: (_rq, ctx) => ({ body: [hostRet(newest, ctx.company.country)] }),
    CompanyQueryRq: (_rq, ctx) => ({ body: [companyRet(ctx.company)] }),
  };
}
