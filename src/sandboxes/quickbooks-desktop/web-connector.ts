import { hcpResponse } from "./host-queries.ts";
import type { AnsweredRequest, QuickBooksApp } from "./quickbooks-app.ts";
import type { QwcFile } from "./qwc.ts";
import { SoapCallError, SoapClient } from "./soap-client.ts";
import { childrenNamed } from "./xml.ts";

/** Switches that make the Web Connector's side go wrong, set through the control API. */
export interface ConnectorSwitches {
  /** QuickBooks cannot open the company: the Web Connector reports `connectionError`. */
  companyClosed: boolean;
  /** Sessions still to drop right after `sendRequestXML` (QuickBooks ran the request; the answer never reaches the hub). */
  dropAfterSend: number;
}

export type SessionOutcome = "done" | "none" | "nvu" | "busy" | "dropped" | "company_closed" | "error";

export interface SessionRound {
  /** What QuickBooks answered, per request; null when it refused the document. */
  readonly answered: readonly AnsweredRequest[] | null;
  readonly replayedMessageSet: string | null;
  readonly hresult: string | null;
  /** What `receiveResponseXML` returned; null when the session dropped before it. */
  readonly percent: number | null;
}

/** One line of the CLI's output: what one session did. */
export interface SessionRecord {
  readonly session: number;
  readonly startedAt: string;
  finishedAt: string;
  outcome: SessionOutcome;
  ticket: string | null;
  readonly calls: { method: string; ms: number; httpStatus: number | null }[];
  readonly rounds: SessionRound[];
  noOps: number;
  readonly errors: string[];
  /** From authenticate `[2]`/`[3]`: seconds to wait before the next update, and the minimum interval. */
  waitSeconds: number | null;
  minIntervalSeconds: number | null;
}

export interface WebConnectorOptions {
  readonly qwc: QwcFile;
  readonly password: string;
  readonly app: QuickBooksApp;
  readonly switches: ConnectorSwitches;
  /** The path of the open company file, sent as `strCompanyFileName`. */
  readonly companyFile: string;
  readonly fetch?: typeof fetch;
  /** The pause after `getLastError` answers "NoOp"; the Web Connector waits 5 s. Default 5000. */
  readonly noOpPauseMs?: number;
  /** Default "2.3.0.215", a Web Connector 2.3 build. */
  readonly clientVersion?: string;
  /** A session stops with an error after this many send/receive rounds and NoOps. Default 10 000. */
  readonly maxRounds?: number;
  readonly timeoutMs?: number;
}

const SERVER_VERSION = "2.3.0.215";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Plays the QuickBooks Web Connector: one session against the `.qwc`'s AppURL, call by call as
 * Intuit's Programmer's Guide describes, with QuickBooks answering the qbXML in between.
 */
export class WebConnector {
  private sessions = 0;

  constructor(private readonly options: WebConnectorOptions) {}

  async runSession(): Promise<SessionRecord> {
    this.sessions += 1;
    const record: SessionRecord = {
      session: this.sessions,
      startedAt: new Date().toISOString(),
      finishedAt: "",
      outcome: "error",
      ticket: null,
      calls: [],
      rounds: [],
      noOps: 0,
      errors: [],
      waitSeconds: null,
      minIntervalSeconds: null,
    };
    const soap = new SoapClient({
      url: this.options.qwc.appUrl,
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
      onCall: (call) => record.calls.push({ ...call }),
    });
    try {
      record.outcome = await this.session(soap, record);
    } catch (error) {
      record.errors.push(error instanceof SoapCallError ? error.message : String(error));
      record.outcome = "error";
    }
    record.finishedAt = new Date().toISOString();
    return record;
  }

  private async session(soap: SoapClient, record: SessionRecord): Promise<SessionOutcome> {
    await soap.string("serverVersion");
    const client = await soap.string("clientVersion", [
      ["strVersion", this.options.clientVersion ?? SERVER_VERSION],
    ]);
    if (client.startsWith("E:") || client.startsWith("O:")) {
      record.errors.push(`clientVersion: ${client}`);
      return "error";
    }
    if (client.startsWith("W:")) record.errors.push(`clientVersion warning: ${client.slice(2)}`);
    const auth = await soap.call("authenticate", [
      ["strUserName", this.options.qwc.userName],
      ["strPassword", this.options.password],
    ]);
    const [ticket = "", status = "", wait, minimum] = auth
      ? childrenNamed(auth, "string").map((s) => s.text)
      : [];
    record.ticket = ticket || null;
    record.waitSeconds = wait && /^\d+$/.test(wait) ? Number(wait) : null;
    record.minIntervalSeconds = minimum && /^\d+$/.test(minimum) ? Number(minimum) : null;
    if (status === "nvu") return "nvu";
    if (status === "busy") return "busy";
    if (status === "none") {
      await soap.string("closeConnection", [["ticket", ticket]]);
      return "none";
    }
    const companyFile = status === "" ? this.options.companyFile : status;
    if (this.options.switches.companyClosed || companyFile !== this.options.companyFile)
      return this.reportClosed(soap, ticket, record);
    return this.exchange(soap, ticket, record);
  }

  /** QuickBooks did not open: `connectionError` until the service says "done" (or gives up after a retry). */
  private async reportClosed(
    soap: SoapClient,
    ticket: string,
    record: SessionRecord,
  ): Promise<SessionOutcome> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const answer = await soap.string("connectionError", [
        ["ticket", ticket],
        ["hresult", "0x80040408"],
        ["message", "Could not start QuickBooks."],
      ]);
      record.errors.push(`connectionError answered "${answer}"`);
      if (answer.toLowerCase() === "done") break;
    }
    await soap.string("closeConnection", [["ticket", ticket]]);
    return "company_closed";
  }

  private async exchange(soap: SoapClient, ticket: string, record: SessionRecord): Promise<SessionOutcome> {
    const { app } = this.options;
    app.beginSession();
    const [major, minor] = app.newestVersion.split(".");
    let first = true;
    const maxRounds = this.options.maxRounds ?? 10_000;
    for (let round = 0; ; round++) {
      if (round === maxRounds) {
        record.errors.push(`stopped after ${maxRounds} rounds`);
        break;
      }
      const request = await soap.string("sendRequestXML", [
        ["ticket", ticket],
        ["strHCPResponse", first ? hcpResponse(app.company, app.newestVersion) : ""],
        ["strCompanyFileName", this.options.companyFile],
        ["qbXMLCountry", app.company.country],
        ["qbXMLMajorVers", Number(major)],
        ["qbXMLMinorVers", Number(minor)],
      ]);
      first = false;
      if (request === "") {
        if (await this.noOp(soap, ticket, record)) continue;
        break;
      }
      const outcome = await app.process(request);
      if (this.options.switches.dropAfterSend > 0) {
        this.options.switches.dropAfterSend -= 1;
        record.rounds.push({
          answered: outcome.kind === "response" ? outcome.answered : null,
          replayedMessageSet: outcome.kind === "response" ? outcome.replayedMessageSet : null,
          hresult: outcome.kind === "hresult" ? outcome.hresult : null,
          percent: null,
        });
        return "dropped";
      }
      const percentText = await soap.string("receiveResponseXML", [
        ["ticket", ticket],
        ["response", outcome.kind === "response" ? outcome.xml : ""],
        ["hresult", outcome.kind === "hresult" ? outcome.hresult : ""],
        ["message", outcome.kind === "hresult" ? outcome.message : ""],
      ]);
      const percent = Number(percentText);
      record.rounds.push({
        answered: outcome.kind === "response" ? outcome.answered : null,
        replayedMessageSet: outcome.kind === "response" ? outcome.replayedMessageSet : null,
        hresult: outcome.kind === "hresult" ? outcome.hresult : null,
        percent: Number.isFinite(percent) ? percent : null,
      });
      if (outcome.kind === "hresult") record.errors.push(`QuickBooks refused a request: ${outcome.detail}`);
      if (!Number.isInteger(percent)) {
        record.errors.push(`receiveResponseXML returned "${percentText}", not an int`);
        break;
      }
      if (percent >= 100) {
        await soap.string("closeConnection", [["ticket", ticket]]);
        return "done";
      }
      if (percent < 0 && !(await this.noOp(soap, ticket, record))) break;
    }
    await soap.string("closeConnection", [["ticket", ticket]]);
    return "error";
  }

  /** `getLastError`: "NoOp" means wait and ask again (true); anything else is the session's error. */
  private async noOp(soap: SoapClient, ticket: string, record: SessionRecord): Promise<boolean> {
    const message = await soap.string("getLastError", [["ticket", ticket]]);
    if (message === "NoOp") {
      record.noOps += 1;
      await sleep(this.options.noOpPauseMs ?? 5000);
      return true;
    }
    record.errors.push(`getLastError: ${message}`);
    return false;
  }
}
