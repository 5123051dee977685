import Fastify, { type FastifyInstance } from "fastify";
import { listenOnLoopback } from "../kit/server.ts";
import { QBWC_NAMESPACE } from "./soap-client.ts";
import { child, escapeXml, parseXml, type XmlNode } from "./xml.ts";

/**
 * Test-only: a tiny QBWC SOAP service, written straight from the WSDL, that the session runner is
 * tested against. It hands out queued qbXML documents and records every call.
 */
export interface FakeService {
  readonly url: string;
  readonly calls: { method: string; params: Record<string, string> }[];
  /** qbXML documents still to hand out; "" makes sendRequestXML answer "" (then getLastError). */
  readonly queue: string[];
  /** What getLastError answers, one per call ("NoOp" or a message); default "error". */
  readonly lastErrors: string[];
  authStatus: string;
  connectionErrorAnswer: string;
  /** When set, this method answers a SOAP fault. */
  faultOn: string | null;
  close(): Promise<void>;
}

const respond = (method: string, result: string) =>
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
  `<${method}Response xmlns="${QBWC_NAMESPACE}">${result}</${method}Response></soap:Body></soap:Envelope>`;

const fault = (message: string) =>
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
  `<soap:Fault><faultcode>soap:Server</faultcode><faultstring>${escapeXml(message)}</faultstring></soap:Fault></soap:Body></soap:Envelope>`;

export async function startFakeService(password: string): Promise<FakeService> {
  const app: FastifyInstance = Fastify({ logger: false });
  app.addContentTypeParser("text/xml", { parseAs: "string" }, (_req, body, done) => done(null, body));
  const state: FakeService = {
    url: "",
    calls: [],
    queue: [],
    lastErrors: [],
    authStatus: "",
    connectionErrorAnswer: "done",
    faultOn: null,
    close: () => app.close(),
  };
  app.post("/qbwc", async (request, reply) => {
    const body = child(
      parseXml(String(request.body), { removeNamespacePrefixes: true }).root,
      "Body",
    ) as XmlNode;
    const call = body.children[0] as XmlNode;
    const params = Object.fromEntries(call.children.map((c) => [c.name, c.text]));
    state.calls.push({ method: call.name, params });
    reply.header("content-type", "text/xml; charset=utf-8");
    if (state.faultOn === call.name)
      return reply.code(500).send(fault("Server was unable to process request."));
    const result = (name: string, value: string) => `<${name}Result>${escapeXml(value)}</${name}Result>`;
    switch (call.name) {
      case "authenticate": {
        const ok = params.strPassword === password;
        const strings = ["ticket-1", ok ? state.authStatus : "nvu"]
          .map((s) => `<string>${s}</string>`)
          .join("");
        return respond(call.name, `<authenticateResult>${strings}</authenticateResult>`);
      }
      case "sendRequestXML":
        return respond(call.name, result(call.name, state.queue.shift() ?? ""));
      case "receiveResponseXML":
        return respond(call.name, result(call.name, state.queue.length === 0 ? "100" : "50"));
      case "getLastError":
        return respond(call.name, result(call.name, state.lastErrors.shift() ?? "error"));
      case "connectionError":
        return respond(call.name, result(call.name, state.connectionErrorAnswer));
      case "closeConnection":
        return respond(call.name, result(call.name, "OK"));
      default:
        return respond(call.name, result(call.name, ""));
    }
  });
  const { url } = await listenOnLoopback(app);
  return Object.assign(state, { url: `${url}/qbwc` });
}

export function qwcFor(appUrl: string, userName = "stockwire-wc"): string {
  return `<?xml version="1.0"?>
<QBWCXML>
  <AppName>Stockwire</AppName>
  <AppID></AppID>
  <AppURL>${appUrl}</AppURL>
  <AppDescription>Stockwire inventory and order hub</AppDescription>
  <AppSupport>${appUrl.replace(/\/qbwc$/, "")}/support</AppSupport>
  <UserName>${userName}</UserName>
  <OwnerID>{57F3B9B1-86F1-4FCC-B1EE-566DE1813D20}</OwnerID>
  <FileID>{90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}</FileID>
  <QBType>QBFS</QBType>
  <Scheduler><RunEveryNMinutes>15</RunEveryNMinutes></Scheduler>
  <IsReadOnly>false</IsReadOnly>
</QBWCXML>`;
}
