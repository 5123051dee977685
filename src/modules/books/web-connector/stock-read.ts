import { eq } from "drizzle-orm";
import type { WebConnectorProtocol } from "../../../connectors/contract.ts";
import type { AppContext } from "../../../context.ts";
import { qbwcContacts, qbwcSessions, type StockReadState } from "../schema.ts";
import { readBackSource } from "./stock-counts.ts";
import { storeStockPage } from "./stock-pages.ts";
import type { WebConnectorSession } from "./tickets.ts";

/**
 * Items per page. receiveResponseXML only stores a page (stock-pages.ts; a worker applies it), but
 * parsing and storing it is still inside a call that must answer at once, so pages stay small and a
 * large company takes a few more round trips of the same session.
 */
export const STOCK_PAGE_MAX = 100;
/**
 * Read from a little before the last read began: QuickBooks compares whole seconds, and the PC's
 * clock may run behind the hub's. Counts are absolute, so an item read twice changes nothing.
 */
const WATERMARK_OVERLAP_MS = 10 * 60_000;

const START = "start";
const DONE = "done";
const FAILED = "failed";

async function firstState(ctx: AppContext, protocol: WebConnectorProtocol, session: WebConnectorSession) {
  const [contact] = await ctx.db
    .select({ from: qbwcContacts.stockReadFrom })
    .from(qbwcContacts)
    .where(eq(qbwcContacts.connectionId, session.connectionId));
  const from = contact?.from ? new Date(contact.from.getTime() - WATERMARK_OVERLAP_MS) : null;
  return {
    startedAt: new Date().toISOString(),
    from: from?.toISOString() ?? null,
    lists: Object.fromEntries(protocol.stockKinds.map((kind) => [kind, START])),
    waiting: [],
  } satisfies StockReadState;
}

async function saveState(ctx: AppContext, ticket: string, state: StockReadState) {
  await ctx.db.update(qbwcSessions).set({ stockRead: state }).where(eq(qbwcSessions.ticket, ticket));
}

/** Whether this session still has stock to read (authenticate and the percent done ask). */
export function stockReadOpen(session: Pick<WebConnectorSession, "stockRead">): boolean {
  const lists = session.stockRead?.lists;
  return !lists || Object.values(lists).some((at) => at !== DONE && at !== FAILED);
}

/**
 * The session's next stock queries (R-SYNC-8): each item list's first page of items modified since
 * the last complete read (everything the first time), then its iterator's next pages. Iterators
 * live within one Web Connector session, so a session that ends early starts over from the
 * watermark next time. Null when the connection is not the inventory source or the read is done.
 */
export async function nextStockQueries(
  ctx: AppContext,
  protocol: WebConnectorProtocol,
  session: WebConnectorSession,
): Promise<string[] | null> {
  if (!stockReadOpen(session) || !(await readBackSource(ctx, session))) return null;
  const state = session.stockRead ?? (await firstState(ctx, protocol, session));
  const requests: string[] = [];
  const waiting: string[] = [];
  for (const kind of protocol.stockKinds) {
    const at = state.lists[kind] ?? START;
    if (at === DONE || at === FAILED) continue;
    const requestId = `stock-${kind}-${session.answered}-${requests.length}`;
    const page =
      at === START
        ? { from: state.from ? new Date(state.from) : null, maxReturned: STOCK_PAGE_MAX }
        : { iteratorId: at, maxReturned: STOCK_PAGE_MAX };
    requests.push(protocol.stockQuery(kind, requestId, page));
    waiting.push(requestId);
  }
  if (requests.length === 0) return null;
  await saveState(ctx, session.ticket, { ...state, waiting });
  return requests;
}

/**
 * Takes the stock query answers of a response: each page's counts are stored for a worker to set as
 * on-hand (stock-pages.ts), and its list
 * moves on to the iterator's next page or is done. When every list is read the watermark moves to
 * the time this read began; a list QuickBooks refused leaves the watermark where it was (the next
 * session reads the same changes again). Returns the number of pages answered, and QuickBooks'
 * refusal, if any, for getLastError.
 */
export async function applyStockAnswers(
  ctx: AppContext,
  protocol: WebConnectorProtocol,
  session: WebConnectorSession,
  response: string,
): Promise<{ answered: number; refused: string | null; open: boolean }> {
  const state = session.stockRead;
  if (!state || state.waiting.length === 0) {
    const open = stockReadOpen(session) && (await readBackSource(ctx, session)) !== null;
    return { answered: 0, refused: null, open };
  }
  const pages = protocol.readStock(response).filter((p) => state.waiting.includes(p.requestId));
  const source = await readBackSource(ctx, session);
  const lists = { ...state.lists };
  let refused: string | null = null;
  for (const page of pages) {
    if (!page.ok) {
      lists[page.kind] = FAILED;
      refused = `QuickBooks refused the ${page.kind} query (status ${page.code}): ${page.message}`;
      continue;
    }
    // Stored now, applied by a worker: setting on-hand is too long for the call (the 1 s).
    if (source && page.items.length > 0) await storeStockPage(ctx, session, page.requestId, page.items);
    lists[page.kind] = page.iteratorId ?? DONE;
  }
  // A query without an answer is asked again from its start (its iterator may be gone).
  for (const requestId of state.waiting) {
    if (pages.some((p) => p.requestId === requestId)) continue;
    const kind = protocol.stockKinds.find((k) => requestId.startsWith(`stock-${k}-`));
    if (kind && lists[kind] !== DONE) lists[kind] = START;
  }
  const next: StockReadState = { ...state, lists, waiting: [] };
  await saveState(ctx, session.ticket, next);
  if (Object.values(lists).every((at) => at === DONE)) {
    await ctx.db
      .update(qbwcContacts)
      .set({ stockReadFrom: new Date(state.startedAt) })
      .where(eq(qbwcContacts.connectionId, session.connectionId));
  }
  const open = source !== null && stockReadOpen({ stockRead: next });
  return { answered: pages.length, refused, open };
}
