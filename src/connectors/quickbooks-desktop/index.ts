import type { Connector, WebConnectorProtocol } from "../contract.ts";
import {
  checkWebConnectorPassword,
  storedUsername,
  type WebConnectorCredentials,
  webConnectorCredentialsSchema,
} from "./credentials.ts";
import { MINIMUM_QBXML, messageSet, prepareDelete, prepareDocument } from "./qbxml-requests.ts";
import { readResponses } from "./qbxml-responses.ts";
import { readStockPages, STOCK_QUERY_KINDS, stockQuery } from "./qbxml-stock.ts";
import { readTaxCodes, taxCodeQuery } from "./qbxml-tax.ts";
import { buildQwc } from "./qwc.ts";
import { readSoapCall, soapFault, soapResult } from "./soap.ts";
import { webConnectorWsdl } from "./wsdl.ts";

export type { WebConnectorCredentials } from "./credentials.ts";
export { qbxmlDateTime } from "./qbxml-stock.ts";

/** The Web Connector's protocol: SOAP calls in and out, qbXML requests and answers, the .qwc file. */
export const quickBooksDesktopProtocol: WebConnectorProtocol = {
  minimumVersion: MINIMUM_QBXML,
  readCall: readSoapCall,
  answer: soapResult,
  fault: soapFault,
  wsdl: webConnectorWsdl,
  qwc: buildQwc,
  username: storedUsername,
  checkPassword: checkWebConnectorPassword,
  prepareDocument,
  prepareDelete,
  messageSet,
  readResponses,
  stockKinds: STOCK_QUERY_KINDS,
  stockQuery,
  readStock: readStockPages,
  taxCodeQuery,
  readTaxCodes,
};

/**
 * QuickBooks Desktop through the Web Connector (platform-apis.md §8; see README.md). The hub never
 * calls QuickBooks: the Web Connector polls the hub's SOAP service, so the session has nothing to
 * ask the platform and the work goes through `webConnector`.
 */
export const quickBooksDesktopConnector: Connector<WebConnectorCredentials> & {
  webConnector: WebConnectorProtocol;
} = {
  platform: "quickbooks-desktop",
  displayName: "QuickBooks Desktop",
  capabilities: { feeds: [], webhooks: false, compareAndSet: false, bulkExport: false, maxStockBatch: 1 },
  credentials: webConnectorCredentialsSchema,
  describeCredentials: (credentials) => ({ username: credentials.username }),
  // The Web Connector sends its user name and password and nothing else that names the company.
  uniqueHint: { key: "username", code: "web_connector_user_taken", what: "Web Connector user name" },
  connect: (credentials) => ({
    // Nothing to reach: the Web Connector proves the credentials when it first authenticates.
    validate: async () => ({ label: `QuickBooks Desktop (Web Connector user ${credentials.username})` }),
  }),
  webConnector: quickBooksDesktopProtocol,
};
