import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import { ZodError } from "zod";
import {
  DEPRECATED_REASON_HEADER,
  DEPRECATION_DOCS,
  INVALID_TOKEN_BODY,
  SHOPIFY_API_VERSION,
  SUPPORTED_API_VERSIONS,
} from "./constants.ts";
import type { ShopifySandboxControl } from "./control/control.ts";
import { SandboxControlError } from "./control/errors.ts";
import { OUTAGE_BODIES, type Outage } from "./control/outage.ts";
import { registerControlRoutes } from "./control/routes.ts";
import { idOf } from "./gid.ts";
import type { CallLog } from "./graphql/call-log.ts";
import type { GraphqlService } from "./graphql/pipeline.ts";
import type { TokenRegistry } from "./tokens.ts";

export interface ServerDeps {
  readonly graphql: GraphqlService;
  readonly control: ShopifySandboxControl;
  readonly callLog: CallLog;
  readonly tokens: TokenRegistry;
  readonly shopDomain: string;
  readonly outage: Outage;
}

const NOT_FOUND = { errors: "Not Found" };

/** The HTTP face of the sandbox: Admin GraphQL, client-credentials tokens, bulk files, control routes. */
export function buildServer(deps: ServerDeps): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024 });
  app.addContentTypeParser("application/graphql", { parseAs: "string" }, (_request, body, done) => {
    done(null, { query: body });
  });

  app.addHook("onRequest", async (request, reply) => {
    reply.header("X-Request-Id", randomUUID());
    if (!request.url.startsWith("/admin/api/")) return;
    deps.callLog.requests += 1;
    const token = request.headers["x-shopify-access-token"];
    if (deps.outage.status !== null) {
      return reply.code(deps.outage.status).send(OUTAGE_BODIES[deps.outage.status]);
    }
    if (typeof token !== "string" || !deps.tokens.accepts(token)) {
      deps.callLog.unauthorized += 1;
      return reply.code(401).send(INVALID_TOKEN_BODY);
    }
  });

  app.post("/admin/api/:version/graphql.json", async (request, reply) => {
    const { version } = request.params as { version: string };
    if (!SUPPORTED_API_VERSIONS.includes(version)) {
      deps.callLog.notFound += 1;
      return reply.code(404).send(NOT_FOUND);
    }
    reply.header("X-Shopify-API-Version", version);
    const result = await deps.graphql.handle(request.body);
    if (result.deprecated) reply.header(DEPRECATED_REASON_HEADER, DEPRECATION_DOCS);
    return reply.code(result.status).send(result.body);
  });

  app.post("/admin/oauth/access_token", async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const issued =
      body.grant_type === "client_credentials" && typeof body.client_secret === "string"
        ? deps.tokens.issue(body.client_secret)
        : null;
    if (!issued)
      return reply
        .code(400)
        .send({ error: "invalid_client", error_description: "Client credentials are invalid" });
    return issued;
  });

  app.get("/_sandbox/bulk/:file", async (request, reply) => {
    const match = /^(\d+)\.jsonl$/.exec((request.params as { file: string }).file);
    const id = match ? idOf(`gid://shopify/BulkOperation/${match[1]}`, "BulkOperation") : null;
    const body = id === null ? undefined : deps.graphql.bulk.file(id);
    if (body === undefined) return reply.code(404).send(NOT_FOUND);
    return reply.type("application/jsonl").send(body);
  });

  app.get("/_sandbox/info", async () => ({
    shopDomain: deps.shopDomain,
    apiVersion: SHOPIFY_API_VERSION,
    accessToken: deps.tokens.primary,
  }));
  registerControlRoutes(app, deps.control);

  app.setNotFoundHandler((_request, reply) => reply.code(404).send(NOT_FOUND));
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof SandboxControlError) {
      return reply
        .code(error.status)
        .send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    if (error instanceof ZodError) {
      return reply
        .code(422)
        .send({ error: { code: "invalid_data", message: "Invalid request", issues: error.issues } });
    }
    const statusCode = (error as { statusCode?: unknown }).statusCode;
    const status = typeof statusCode === "number" && statusCode < 500 ? statusCode : 500;
    // Shopify answers malformed JSON with 400 and a plain error; 5xx bodies never carry internals.
    const message = error instanceof Error ? error.message : "Bad Request";
    return reply.code(status).send({ errors: status < 500 ? message : "Internal Server Error" });
  });
  return app;
}
