import type { Company } from "./company.ts";
import { hostQueries } from "./host-queries.ts";
import { Iterators } from "./iterators.ts";
import { LIST_QUERIES } from "./list-queries.ts";
import { LIST_WRITES } from "./list-writes.ts";
import { withMacros } from "./macros.ts";
import { type Handler, type HandlerResult, QbStatus, type RequestContext, renderRs } from "./qbxml-status.ts";
import { findOrderViolation } from "./schema-order.ts";
import { TXN_QUERIES } from "./txn-queries.ts";
import { TXN_WRITES } from "./txn-writes.ts";
import { child, parseXml, type XmlNode, XmlSyntaxError } from "./xml.ts";

/** One `*Rq` as QuickBooks answered it. */
export interface AnsweredRequest {
  readonly type: string;
  readonly requestID: string | null;
  readonly statusCode: number;
  readonly statusMessage: string;
}

export type QbxmlOutcome =
  | {
      readonly kind: "response";
      readonly xml: string;
      readonly answered: readonly AnsweredRequest[];
      /** Set when `oldMessageSetID` named a stored message set and its responses came back instead. */
      readonly replayedMessageSet: string | null;
    }
  | { readonly kind: "hresult"; readonly hresult: string; readonly message: string; readonly detail: string };

/** What the Web Connector hands `receiveResponseXML` when QuickBooks cannot parse a document. */
export const PARSE_ERROR = {
  hresult: "0x80040400",
  message: "QuickBooks found an error when parsing the provided XML text stream.",
} as const;

export interface QuickBooksAppOptions {
  /** The newest qbXML version this QuickBooks accepts. Default "16.0" (QuickBooks 2023). */
  readonly newestVersion?: string;
  /** Milliseconds QuickBooks spends on each request (slow QuickBooks). Default 0. */
  slowMsPerRequest?: number;
  /** Stored message sets kept for `oldMessageSetID` recovery. Default 100. */
  readonly messageSetsKept?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * QuickBooks Desktop answering qbXML for one open company: version and schema-order checks,
 * `onError`, `requestID` echo, per-session iterators and message-set recovery.
 */
export class QuickBooksApp {
  readonly iterators = new Iterators();
  readonly switches = { staleEditSequences: 0 };
  readonly newestVersion: string;
  private readonly handlers: Readonly<Record<string, Handler>>;
  private readonly messageSets = new Map<string, string[]>();

  constructor(
    readonly company: Company,
    readonly options: QuickBooksAppOptions = {},
  ) {
    this.newestVersion = options.newestVersion ?? "16.0";
    this.handlers = {
      ...LIST_QUERIES,
      ...LIST_WRITES,
      ...TXN_WRITES,
      ...TXN_QUERIES,
      ...hostQueries(this.newestVersion),
    };
  }

  /** A new Web Connector session opens the company again: iterators of the last one are gone. */
  beginSession(): void {
    this.iterators.clear();
  }

  async process(xml: string): Promise<QbxmlOutcome> {
    let root: XmlNode;
    let version: string | undefined;
    try {
      const doc = parseXml(xml);
      root = doc.root;
      version = doc.instructions.qbxml?.version;
    } catch (error) {
      if (error instanceof XmlSyntaxError) return { kind: "hresult", ...PARSE_ERROR, detail: error.message };
      throw error;
    }
    const refused = this.refusal(root, version);
    if (refused) return { kind: "hresult", ...PARSE_ERROR, detail: refused };
    const msgs = child(root, "QBXMLMsgsRq") as XmlNode;
    const replay = msgs.attrs.oldMessageSetID;
    const stored = replay === undefined ? undefined : this.messageSets.get(replay);
    const newSet = msgs.attrs.newMessageSetID;
    if (replay !== undefined && stored) {
      // Kept under the new id too: if this answer is lost as well, the next recovery still finds it.
      if (newSet !== undefined) this.keepMessageSet(newSet, stored);
      const attrs = `messageSetStatusCode="0"`;
      return {
        kind: "response",
        xml: `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs ${attrs}>${stored.join("")}</QBXMLMsgsRs></QBXML>`,
        answered: [],
        replayedMessageSet: replay,
      };
    }
    const stopOnError = msgs.attrs.onError !== "continueOnError";
    const ctx: RequestContext = {
      company: this.company,
      iterators: this.iterators,
      switches: this.switches,
      macros: new Map(),
    };
    const parts: string[] = [];
    const answered: AnsweredRequest[] = [];
    let stopped = false;
    for (const rq of msgs.children) {
      const result: HandlerResult = stopped
        ? { status: new QbStatus(3231, "The request has not been processed."), body: [] }
        : await this.answer(rq, ctx);
      const code = result.status?.code ?? 0;
      if (code >= 1000 && stopOnError) stopped = true;
      parts.push(renderRs(rq, result));
      answered.push({
        type: rq.name,
        requestID: rq.attrs.requestID ?? null,
        statusCode: code,
        statusMessage: result.status?.message ?? "Status OK",
      });
    }
    if (newSet !== undefined) this.keepMessageSet(newSet, parts);
    // GUESS: "1" says the old message set was not found, so these requests ran now.
    const setStatus = replay !== undefined ? ` messageSetStatusCode="1"` : "";
    return {
      kind: "response",
      xml: `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs${setStatus}>${parts.join("")}</QBXMLMsgsRs></QBXML>`,
      answered,
      replayedMessageSet: null,
    };
  }

  /** Why QuickBooks would refuse the whole document, or null. */
  private refusal(root: XmlNode, version: string | undefined): string | null {
    if (version === undefined) return "no <?qbxml version?> processing instruction";
    if (!/^\d+\.\d+$/.test(version) || Number(version) > Number(this.newestVersion) || Number(version) < 1)
      return `qbXML version ${version} is not supported (newest ${this.newestVersion})`;
    if (root.name !== "QBXML") return `root element ${root.name}, expected QBXML`;
    const msgs = child(root, "QBXMLMsgsRq");
    if (!msgs) return "no QBXMLMsgsRq";
    const onError = msgs.attrs.onError;
    if (onError !== "stopOnError" && onError !== "continueOnError" && onError !== "rollbackOnError")
      return `QBXMLMsgsRq onError="${onError ?? ""}"`;
    for (const rq of msgs.children)
      if (!this.handlers[rq.name]) return `${rq.name}: not a request this sandbox knows`;
    return findOrderViolation(msgs);
  }

  private async answer(rq: XmlNode, ctx: RequestContext): Promise<HandlerResult> {
    if (this.options.slowMsPerRequest) await sleep(this.options.slowMsPerRequest);
    const requestID = rq.attrs.requestID;
    if (requestID !== undefined && requestID.length > 50)
      return {
        status: new QbStatus(1060, `The requestID "${requestID}" is longer than 50 characters.`),
        body: [],
      };
    try {
      return (this.handlers[rq.name] as Handler)(withMacros(rq, ctx.macros), ctx);
    } catch (error) {
      if (error instanceof QbStatus) return { status: error, body: [] };
      return { status: new QbStatus(1000, `Internal error: ${(error as Error).message}`), body: [] };
    }
  }

  private keepMessageSet(id: string, parts: string[]): void {
    this.messageSets.delete(id);
    this.messageSets.set(id, parts);
    const kept = this.options.messageSetsKept ?? 100;
    for (const oldest of this.messageSets.keys()) {
      if (this.messageSets.size <= kept) break;
      this.messageSets.delete(oldest);
    }
  }
}
