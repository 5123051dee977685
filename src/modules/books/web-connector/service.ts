import { randomUUID } from "node:crypto";
import type { WebConnectorCall, WebConnectorProtocol } from "../../../connectors/contract.ts";
import type { AppContext } from "../../../context.ts";
import { applyAnswers } from "./answers.ts";
import { authenticate } from "./authenticate.ts";
import { markSent, nextQueued, unansweredSet, workLeft } from "./queue.ts";
import { applyStockAnswers, nextStockQueries } from "./stock-read.ts";
import { recordContact, touchTicket, updateTicket, type WebConnectorSession } from "./tickets.ts";

export const SERVER_VERSION = "Stockwire 1.0";
/** getLastError's answer that makes the Web Connector wait a moment and ask again (§8.3). */
export const NO_OP = "NoOp";
const ENDED = "The session has ended or expired; the Web Connector signs in again on its next run.";

export type CallResult = string | string[] | number;

const versionText = (major: number, minor: number) => `${major}.${minor}`;

/**
 * The next qbXML document of a session: first a set whose answer never came (asked about with
 * oldMessageSetID, the same requests and ids, so QuickBooks answers from what it did rather than
 * doing it twice), then queued requests. Nothing ready while postings are still being prepared:
 * "" and getLastError → NoOp. Reads and one update only: every call answers at once.
 */
async function sendRequestXml(
  ctx: AppContext,
  protocol: WebConnectorProtocol,
  session: WebConnectorSession,
  call: Extract<WebConnectorCall, { method: "sendRequestXML" }>,
): Promise<string> {
  const min = protocol.minimumVersion;
  if (call.major < min.major || (call.major === min.major && call.minor < min.minor)) {
    const lastError = `QuickBooks offers qbXML ${versionText(call.major, call.minor)}; Stockwire needs ${versionText(min.major, min.minor)} or later (QuickBooks Desktop 2015 or newer)`;
    await updateTicket(ctx.db, session.ticket, { lastError });
    return "";
  }
  const version = versionText(min.major, min.minor);
  const recovery = await unansweredSet(ctx.db, session.connectionId);
  const requests = recovery.length > 0 ? recovery : await nextQueued(ctx.db, session.connectionId);
  if (requests.length === 0) {
    // Postings first; then, for the inventory source, QuickBooks' counts (R-SYNC-8).
    const stock = await nextStockQueries(ctx, protocol, session);
    if (stock) {
      await updateTicket(ctx.db, session.ticket, { lastError: null, qbxmlVersion: version });
      return protocol.messageSet(stock, { version, newMessageSetId: randomUUID() });
    }
    const left = await workLeft(ctx.db, session.connectionId);
    const lastError = left.preparing > 0 ? NO_OP : "Nothing left to send.";
    await updateTicket(ctx.db, session.ticket, { lastError, qbxmlVersion: version });
    return "";
  }
  const newMessageSetId = randomUUID();
  const oldMessageSetId = recovery[0]?.messageSetId ?? undefined;
  await markSent(
    ctx.db,
    requests.map((r) => r.id),
    newMessageSetId,
  );
  await updateTicket(ctx.db, session.ticket, { lastError: null, qbxmlVersion: version });
  return protocol.messageSet(
    requests.map((r) => r.xml),
    { version, newMessageSetId, ...(oldMessageSetId ? { oldMessageSetId } : {}) },
  );
}

/** Percent done, honest: answered in this session against everything still to go; 100 only at the end. */
async function receiveResponseXml(
  ctx: AppContext,
  protocol: WebConnectorProtocol,
  session: WebConnectorSession,
  call: Extract<WebConnectorCall, { method: "receiveResponseXML" }>,
): Promise<number> {
  if (call.hresult.trim() !== "") {
    const lastError = `QuickBooks could not run the requests (${call.hresult}): ${call.message}`;
    await updateTicket(ctx.db, session.ticket, { lastError });
    return -101;
  }
  let answered: number;
  let stock: Awaited<ReturnType<typeof applyStockAnswers>>;
  try {
    answered = await applyAnswers(ctx, protocol, session.connectionId, call.response);
    stock = await applyStockAnswers(ctx, protocol, session, call.response);
    answered += stock.answered;
  } catch (error) {
    const lastError = `QuickBooks' response could not be read: ${(error as Error).message}`;
    await updateTicket(ctx.db, session.ticket, { lastError });
    return -1;
  }
  await updateTicket(ctx.db, session.ticket, {
    answeredMore: answered,
    ...(stock.refused ? { lastError: stock.refused } : {}),
  });
  const left = await workLeft(ctx.db, session.connectionId);
  // Stock pages a worker still applies are not the session's to wait for: QuickBooks has answered
  // them, and a session kept open with nothing to ask could only end in an error (§8.3).
  const remaining = left.queued + left.sent + left.preparing + (stock.open ? 1 : 0);
  if (remaining === 0) return 100;
  const done = session.answered + answered;
  return Math.min(99, Math.max(0, Math.floor((100 * done) / (done + remaining))));
}

/** Answers one Web Connector call (§8.3). Every branch is a few indexed reads and writes. */
export async function answerCall(
  ctx: AppContext,
  protocol: WebConnectorProtocol,
  call: WebConnectorCall,
): Promise<CallResult> {
  switch (call.method) {
    case "serverVersion":
      return SERVER_VERSION;
    case "clientVersion":
      return "";
    case "authenticate":
      return authenticate(ctx, call.username, call.password);
    case "sendRequestXML": {
      const session = await touchTicket(ctx.db, call.ticket);
      return session ? sendRequestXml(ctx, protocol, session, call) : "";
    }
    case "receiveResponseXML": {
      const session = await touchTicket(ctx.db, call.ticket);
      return session ? receiveResponseXml(ctx, protocol, session, call) : -1;
    }
    case "getLastError": {
      const session = await touchTicket(ctx.db, call.ticket);
      return session ? (session.lastError ?? "") : ENDED;
    }
    case "connectionError": {
      const session = await touchTicket(ctx.db, call.ticket);
      if (session) {
        const lastError = `The Web Connector could not open QuickBooks (${call.hresult}): ${call.message}`;
        await updateTicket(ctx.db, call.ticket, { lastError, closedAt: new Date() });
      }
      return "done";
    }
    case "closeConnection": {
      const session = await touchTicket(ctx.db, call.ticket);
      if (!session) return "OK";
      await updateTicket(ctx.db, call.ticket, { closedAt: new Date() });
      await recordContact(ctx.db, session.accountId, session.connectionId, false);
      return `OK: ${session.answered} request(s) answered`;
    }
  }
}
