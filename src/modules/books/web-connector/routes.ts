import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../../context.ts";
import { principalOf } from "../../../http/auth.ts";
import { problems } from "../../../http/openapi.ts";
import { AppError } from "../../../lib/errors.ts";
import { credentialsOf, getConnection } from "../../connections/index.ts";
import { pollingPlatforms, pollingProtocolOf } from "./protocol.ts";
import { answerCall } from "./service.ts";
import { recordQwcIssued } from "./watch.ts";

export const QBWC_PATH = "/qbwc";
/** How often the Web Connector runs unless the merchant changes it in the Web Connector. */
export const DEFAULT_RUN_EVERY_MINUTES = 15;
const SOAP_BODY_LIMIT = 20 * 1024 * 1024;

/** PUBLIC_URL when set, else the address the caller used (a hub on localhost for the sandbox). */
function serviceUrl(ctx: AppContext, request: FastifyRequest): string {
  const base = ctx.config.publicUrl ?? `${request.protocol}://${request.host}`;
  return `${base.replace(/\/+$/, "")}${QBWC_PATH}`;
}

function xml(reply: FastifyReply, status: number, body: string) {
  return reply.code(status).type("text/xml; charset=utf-8").send(body);
}

const TEXT_XML = "text/xml";

const notServed = () =>
  new AppError(
    "not_found",
    "web_connector_not_served",
    "this hub serves no QuickBooks Web Connector platform",
  );

/** The WSDL and SOAP calls are XML, not JSON: documented with their media type (issue 23). */
const wsdlSchema = {
  operationId: "getWebConnectorWsdl",
  tags: ["web connector"],
  summary: "The WSDL of the QuickBooks Web Connector service (GET /qbwc?wsdl)",
  querystring: z.object({
    wsdl: z.string().optional().describe("Present (empty) as the Web Connector asks"),
  }),
  response: {
    200: { description: "The WSDL document", content: { [TEXT_XML]: { schema: z.string() } } },
    ...problems({ 404: ["web_connector_not_served"] }),
  },
};

const soapSchema = {
  operationId: "callWebConnector",
  tags: ["web connector"],
  summary: "A SOAP 1.1 call of the QuickBooks Web Connector (authenticate, sendRequestXML, …)",
  description:
    "The Web Connector signs in with `authenticate` and then sends the ticket with every call. A call the service cannot read or answer is a SOAP fault with HTTP 500, as SOAP 1.1 requires.",
  consumes: [TEXT_XML],
  body: z.string().optional().describe("The SOAP envelope"),
  response: {
    200: { description: "The SOAP answer", content: { [TEXT_XML]: { schema: z.string() } } },
    500: { description: "A SOAP fault", content: { [TEXT_XML]: { schema: z.string() } } },
    ...problems({ 404: ["web_connector_not_served"] }),
  },
};

/**
 * `POST /qbwc`: the SOAP 1.1 service the QuickBooks Web Connector polls (decision 0006), and
 * `GET /qbwc?wsdl` its WSDL. Public: the Web Connector signs in with `authenticate` and a ticket.
 * Anything the service cannot read is a SOAP fault (HTTP 500 as SOAP 1.1 requires), never a stack.
 */
export function registerWebConnectorRoute(app: FastifyInstance, ctx: AppContext): void {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "string", bodyLimit: SOAP_BODY_LIMIT }, (_req, body, done) =>
      done(null, body),
    );
    scope.get(QBWC_PATH, { config: { public: true }, schema: wsdlSchema }, async (request, reply) => {
      const [served] = pollingPlatforms(ctx);
      if (!served) throw notServed();
      return xml(reply, 200, served.protocol.wsdl(serviceUrl(ctx, request)));
    });
    scope.post(QBWC_PATH, { config: { public: true }, schema: soapSchema }, async (request, reply) => {
      const [served] = pollingPlatforms(ctx);
      if (!served) throw notServed();
      const { protocol } = served;
      let call: ReturnType<typeof protocol.readCall>;
      try {
        call = protocol.readCall(typeof request.body === "string" ? request.body : "");
      } catch (error) {
        return xml(reply, 500, protocol.fault((error as Error).message, true));
      }
      try {
        return xml(reply, 200, protocol.answer(call.method, await answerCall(ctx, protocol, call)));
      } catch (error) {
        request.log.error({ err: error, method: call.method }, "web connector call failed");
        const busy = error instanceof AppError && error.code === "busy";
        return xml(reply, 500, protocol.fault(busy ? "busy; try again shortly" : "internal error", false));
      }
    });
  });
}

/** `GET /api/v1/connections/:id/qwc`: the .qwc file that adds this hub to the Web Connector (§8.4). */
export function registerQwcRoute(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/connections/:id/qwc",
    {
      schema: {
        operationId: "getConnectionQwc",
        tags: ["books"],
        summary: "The Web Connector file (.qwc) of a QuickBooks Desktop connection",
        description:
          "application/xml, as an attachment. Fresh OwnerID and FileID on every download; AppURL is PUBLIC_URL + /qbwc (https unless the host is localhost).",
        params: z.object({ id: z.uuid() }),
        querystring: z.object({
          runEveryMinutes: z.coerce.number().int().min(1).max(1440).default(DEFAULT_RUN_EVERY_MINUTES),
        }),
        response: {
          200: {
            description: "The .qwc file, as an attachment",
            content: { "application/xml": { schema: z.string() } },
          },
          ...problems({
            404: ["connection_not_found"],
            400: ["not_a_web_connector_connection"],
            422: ["public_url_not_https"],
          }),
        },
      },
    },
    async (request, reply) => {
      const connection = await getConnection(ctx.db, principalOf(request).accountId, request.params.id);
      const protocol = pollingProtocolOf(ctx, connection);
      if (!protocol) {
        throw new AppError(
          "invalid_data",
          "not_a_web_connector_connection",
          `connection "${connection.name}" (${connection.platform}) is not reached through the QuickBooks Web Connector`,
        );
      }
      const appUrl = serviceUrl(ctx, request);
      const url = new URL(appUrl);
      const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
      if (url.protocol !== "https:" && !local) {
        throw new AppError(
          "unexpected_state",
          "public_url_not_https",
          `the Web Connector only accepts https service addresses (or localhost); set PUBLIC_URL to the hub's https address (now ${url.origin})`,
        );
      }
      const body = protocol.qwc({
        appName: `Stockwire (${connection.name})`.slice(0, 100),
        appUrl,
        appSupport: `${url.origin}/`,
        description: "Posts sales and refunds to QuickBooks and reads stock back for Stockwire",
        username: protocol.username(credentialsOf(ctx, connection)),
        ownerId: randomUUID().toUpperCase(),
        fileId: randomUUID().toUpperCase(),
        runEveryMinutes: request.query.runEveryMinutes,
      });
      await recordQwcIssued(ctx.db, connection.accountId, connection.id, request.query.runEveryMinutes);
      const filename = `stockwire-${connection.id.slice(0, 8)}.qwc`;
      return reply
        .type("application/xml; charset=utf-8")
        .header("content-disposition", `attachment; filename="${filename}"`)
        .send(body);
    },
  );
}
