import type { SourceStockItem } from "./contract.ts";
import type { BooksDocument, BooksDocumentKind, BooksTaxCode } from "./contract-books.ts";

/**
 * Books platforms the hub does not call but is polled by: QuickBooks Desktop's Web Connector asks
 * the hub's SOAP service for work and hands back QuickBooks' answers (platform-apis.md §8). Such a
 * connector carries a `webConnector` protocol besides the contract; the books module finds it by
 * that capability, prepares requests ahead into its queue and serves them when the Web Connector
 * calls. The connector stays pure: XML in, XML out, no database.
 */

/** One call of the Web Connector, read from its SOAP envelope. */
export type WebConnectorCall =
  | { method: "serverVersion" }
  | { method: "clientVersion"; version: string }
  | { method: "authenticate"; username: string; password: string }
  | {
      method: "sendRequestXML";
      ticket: string;
      hcpResponse: string;
      companyFile: string;
      country: string;
      major: number;
      minor: number;
    }
  | { method: "receiveResponseXML"; ticket: string; response: string; hresult: string; message: string }
  | { method: "connectionError"; ticket: string; hresult: string; message: string }
  | { method: "getLastError"; ticket: string }
  | { method: "closeConnection"; ticket: string };
export type WebConnectorMethod = WebConnectorCall["method"];

/** A document to add, by names (QuickBooks resolves item and customer names when it runs the request). */
export type QueuedDocument = {
  kind: BooksDocumentKind;
  docNumber: string;
  txnDate: string;
  customerName: string;
  currency: string;
  memo: string | null;
  lines: { itemName: string; qty: number; unitPriceMinor: number }[];
  discountMinor: number;
  /**
   * The company's sales tax code (its ListID) every line carries: the books tax setting for the
   * channel, else its default; null leaves each item's own code to QuickBooks.
   */
  taxCode: string | null;
};

/** One request of a message set; `requestId` maps QuickBooks' answer back to it. */
export type PreparedRequest = {
  requestId: string;
  /** `customer` ensures the customer exists (an existing name is fine), `document` creates the posting. */
  role: "customer" | "document" | "refund" | "delete";
  xml: string;
};

/**
 * What QuickBooks said to one request:
 * - `ok` (status 0–499) and `warning` (500–999: done, worth an info line);
 * - `stale`: the object changed since it was read (3200), re-read and try again;
 * - `missing_ref`: a named item, customer or account does not exist (3120/3140), `name` says which;
 * - `exists`: the name is taken (3100), which for an ensure-customer request is success;
 * - `error`: anything else.
 */
export type RequestOutcome = {
  requestId: string;
  type: string;
  status: "ok" | "warning" | "stale" | "missing_ref" | "exists" | "error";
  code: number;
  message: string;
  /** The document created, for add requests that succeeded. */
  document?: BooksDocument;
  /** The name QuickBooks could not find, for `missing_ref`. */
  name?: string;
};

export type QwcInput = {
  appName: string;
  appUrl: string;
  appSupport: string;
  description: string;
  username: string;
  ownerId: string;
  fileId: string;
  runEveryMinutes: number;
};

/** The item lists read back for the inventory source (R-SYNC-8). */
export type StockQueryKind = "ItemInventory" | "ItemInventoryAssembly";
/** A first page (items modified from `from` on; null: every item) or the next page of an open iterator. */
export type StockQueryPage =
  | { from: Date | null; maxReturned: number }
  | { iteratorId: string; maxReturned: number };
/** One answered stock query: the items of the page and the iterator to go on with (null: all read). */
export type StockPage = {
  requestId: string;
  kind: StockQueryKind;
  ok: boolean;
  code: number;
  message: string;
  items: SourceStockItem[];
  iteratorId: string | null;
  remaining: number;
};

export type WebConnectorProtocol = {
  /** Lowest qbXML version the requests need. */
  minimumVersion: { major: number; minor: number };
  /** Reads a SOAP call; throws on malformed XML or an unknown call (answer with `fault`). */
  readCall(body: string): WebConnectorCall;
  answer(method: WebConnectorMethod, result: string | readonly string[] | number): string;
  fault(message: string, client: boolean): string;
  wsdl(serviceUrl: string): string;
  qwc(input: QwcInput): string;
  /** The Web Connector user name of stored credentials. */
  username(credentials: unknown): string;
  /** Checks a password against stored credentials (constant time, memory-hard hash). */
  checkPassword(credentials: unknown, password: string): Promise<boolean>;
  /** The requests that create a document (customer first), with ids from `nextId`. */
  prepareDocument(doc: QueuedDocument, nextId: () => string): PreparedRequest[];
  prepareDelete(kind: BooksDocumentKind, txnId: string, requestId: string): PreparedRequest;
  /** Wraps requests into one qbXML document (continueOnError, message-set ids for recovery). */
  messageSet(
    requests: readonly string[],
    options: { version: string; newMessageSetId: string; oldMessageSetId?: string },
  ): string;
  /** Reads QuickBooks' response document; throws on malformed XML. */
  readResponses(xml: string, currency: string): RequestOutcome[];
  /** The item lists whose counts can be read back, and the query reading one page of one. */
  stockKinds: readonly StockQueryKind[];
  stockQuery(kind: StockQueryKind, requestId: string, page: StockQueryPage): string;
  /** The stock query answers of a response document; throws on malformed XML. */
  readStock(xml: string): StockPage[];
  /** The query reading the company's sales tax codes (the codes a tax setting may name). */
  taxCodeQuery(requestId: string): string;
  /** The tax code answers of a response document (null codes: QuickBooks refused the query). */
  readTaxCodes(xml: string): { requestId: string; codes: BooksTaxCode[] | null; message: string }[];
};

export function webConnectorOf(connector: object | undefined): WebConnectorProtocol | null {
  if (!connector || !("webConnector" in connector)) return null;
  return connector.webConnector as WebConnectorProtocol;
}
