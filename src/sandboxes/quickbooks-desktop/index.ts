import Fastify from "fastify";
import { controlValidationReply } from "../kit/control-routes.ts";
import { listenOnLoopback } from "../kit/server.ts";
import { Company } from "./company.ts";
import { seedCompany } from "./company-seed.ts";
import { registerControlRoutes } from "./control-routes.ts";
import { QuickBooksApp } from "./quickbooks-app.ts";
import { parseQwc, type QwcFile } from "./qwc.ts";
import { type ConnectorSwitches, type SessionRecord, WebConnector } from "./web-connector.ts";

export { Company } from "./company.ts";
export { type ItemSeed, upsertItems } from "./company-seed.ts";
export { QuickBooksApp } from "./quickbooks-app.ts";
export type { QwcFile } from "./qwc.ts";
export { parseQwc, QwcError } from "./qwc.ts";
export type { SessionOutcome, SessionRecord } from "./web-connector.ts";

export interface QuickBooksDesktopSandboxOptions {
  /** The `.qwc` the hub generated, as text or parsed. */
  readonly qwc: string | QwcFile;
  /** The Web Connector password the merchant typed when adding the application. */
  readonly password: string;
  /** Seeds items, customers and accounts. Default 1. */
  readonly seed?: number;
  /** Products of the kit catalogue to turn into items. Default 50. */
  readonly products?: number;
  /** Control API port; 0 (default) picks a free one. 127.0.0.1 only. */
  readonly port?: number;
  /** Run a session every N seconds (the first at once); null (default) runs sessions only when asked. */
  readonly everySeconds?: number | null;
  /** Pause after "NoOp". Default 5000 ms, as the Web Connector. */
  readonly noOpPauseMs?: number;
  /** Milliseconds QuickBooks spends per request. Default 0. */
  readonly slowMsPerRequest?: number;
  /** Newest qbXML version QuickBooks accepts. Default "16.0". */
  readonly newestVersion?: string;
  /**
   * The QuickBooks edition's country: "US" (default; sales tax codes Tax and Non) or another, whose
   * company has VAT codes S, Z and E and refuses sales lines without a SalesTaxCodeRef.
   */
  readonly country?: string;
  /** The PC's UTC offset. Default -300 (US Eastern, as in Intuit's samples). */
  readonly utcOffsetMinutes?: number;
  readonly now?: () => number;
  readonly fetch?: typeof fetch;
  /** Sees each finished session (the CLI prints it). */
  readonly onSession?: (record: SessionRecord) => void;
}

export interface QuickBooksDesktopSandbox {
  /** The control API's base URL. */
  readonly url: string;
  readonly qwc: QwcFile;
  readonly company: Company;
  readonly app: QuickBooksApp;
  readonly switches: ConnectorSwitches;
  readonly sessions: readonly SessionRecord[];
  /** Runs a session now, after any session already running. */
  runSession(): Promise<SessionRecord>;
  close(): Promise<void>;
}

const DAY = 86_400_000;

/** Starts a Web Connector with a QuickBooks company behind it, polling the `.qwc`'s AppURL (see README.md). */
export async function startQuickBooksDesktopSandbox(
  options: QuickBooksDesktopSandboxOptions,
): Promise<QuickBooksDesktopSandbox> {
  const qwc = typeof options.qwc === "string" ? parseQwc(options.qwc) : options.qwc;
  const nowMs = options.now ?? Date.now;
  const company = new Company(
    { nowMs, utcOffsetMinutes: options.utcOffsetMinutes ?? -300 },
    undefined,
    options.country ?? "US",
  );
  seedCompany(company, {
    seed: options.seed ?? 1,
    products: options.products ?? 50,
    anchorMs: Math.floor(nowMs() / DAY) * DAY,
  });
  const app = new QuickBooksApp(company, {
    slowMsPerRequest: options.slowMsPerRequest ?? 0,
    ...(options.newestVersion !== undefined ? { newestVersion: options.newestVersion } : {}),
  });
  const switches: ConnectorSwitches = { companyClosed: false, dropAfterSend: 0 };
  const companyFile = `C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\${company.name}.QBW`;
  const connector = new WebConnector({
    qwc,
    password: options.password,
    app,
    switches,
    companyFile,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.noOpPauseMs !== undefined ? { noOpPauseMs: options.noOpPauseMs } : {}),
  });
  const sessions: SessionRecord[] = [];
  // The Web Connector runs one session at a time: later requests wait for the running one.
  let chain: Promise<unknown> = Promise.resolve();
  const runSession = (): Promise<SessionRecord> => {
    const next = chain.then(async () => {
      const record = await connector.runSession();
      sessions.push(record);
      options.onSession?.(record);
      return record;
    });
    chain = next.catch(() => undefined);
    return next;
  };

  const server = Fastify({ logger: false });
  server.setErrorHandler((error, _request, reply) => {
    const control = controlValidationReply(error);
    if (control) return reply.code(control.status).send(control.body);
    return reply.code(500).send({ error: { code: "unexpected", message: (error as Error).message } });
  });
  registerControlRoutes(server, { app, switches, companyFile, sessions, runSession });
  const { url } = await listenOnLoopback(server, options.port ?? 0);

  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  // Zero or less would poll without pause; it means "only when asked", as null does.
  const every = options.everySeconds && options.everySeconds > 0 ? options.everySeconds : null;
  const runAfter = (delaySeconds: number) => {
    if (closed || every === null) return;
    timer = setTimeout(() => {
      void runSession().then((record) => runAfter(nextDelay(every, record)));
    }, delaySeconds * 1000);
  };
  runAfter(0);

  return {
    url,
    qwc,
    company,
    app,
    switches,
    sessions,
    runSession,
    close: async () => {
      closed = true;
      if (timer) clearTimeout(timer);
      await chain;
      await server.close();
    },
  };
}

/** The schedule, unless authenticate asked for a wait (`[2]`) or a longer minimum interval (`[3]`). */
export function nextDelay(everySeconds: number, record: SessionRecord): number {
  if (record.waitSeconds !== null && record.waitSeconds > 0) return record.waitSeconds;
  return Math.max(everySeconds, record.minIntervalSeconds ?? 0);
}
