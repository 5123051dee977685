import fastifyCookie from "@fastify/cookie";
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler } from "fastify-type-provider-zod";
import type { AppContext } from "../context.ts";
import { principalFromSession, principalFromToken } from "../modules/accounts/index.ts";
import { hubModules } from "../modules/index.ts";
import { registerApiDocs } from "./api-docs.ts";
import { registerAuth } from "./auth.ts";
import { registerHealth } from "./health.ts";
import { registerInputGuard } from "./input-guard.ts";
import { type Metrics, registerHttpMetrics } from "./metrics.ts";
import { addSharedResponses, apiTags, serializerCompiler, serversOf } from "./openapi.ts";
import { frameworkProblem, registerProblemHandlers } from "./problem.ts";
import { registerDashboard } from "./static.ts";
import { trustProxyOption } from "./trust-proxy.ts";

/** Request bodies above this are refused with 413; imports of large catalogues use CSV pages. */
export const BODY_LIMIT_BYTES = 5 * 1024 * 1024;

export type RouteRegistrar = (app: FastifyInstance, ctx: AppContext) => void;

/** Builds the HTTP app without listening, so tests can use `inject` and the CLI can `listen`. */
export async function buildApp(
  ctx: AppContext,
  metrics: Metrics,
  extraRoutes: RouteRegistrar[] = [],
): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT_BYTES,
    frameworkErrors: frameworkProblem,
    // Off unless TRUST_PROXY names the proxies: otherwise any client could pick its own address.
    trustProxy: trustProxyOption(ctx.config.trustProxy),
    // Plugins register in milliseconds; 10 s (the default) was seen to run out on a starved host.
    pluginTimeout: 60_000,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  // CSV imports arrive as text; JSON stays the default.
  app.addContentTypeParser(["text/csv", "text/plain"], { parseAs: "string" }, (_request, body, done) =>
    done(null, body),
  );

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Stockwire API",
        version: "1",
        description:
          "Inventory and order hub REST API. Guide: docs/api.md; error codes: docs/error-codes.md.",
        license: { name: "MIT", url: "https://opensource.org/licenses/MIT" },
      },
      servers: serversOf(ctx.config),
      tags: apiTags,
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer", description: "An API token (`swt_…`)" },
          session: {
            type: "apiKey",
            in: "cookie",
            name: "sw_session",
            description: "The sign-in session; writes also send the `x-csrf-token` header",
          },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // Before any route: every documented route gets the problems all routes share.
  app.addHook("onRoute", addSharedResponses);

  registerAuth(app, {
    fromToken: (token) => principalFromToken(ctx.db, token),
    fromSession: (cookie) => principalFromSession(ctx.db, cookie),
  });
  registerInputGuard(app);
  registerHttpMetrics(app, metrics);
  registerHealth(app, ctx);
  // One prefix for the whole API; modules declare paths without it.
  await app.register(
    async (api) => {
      for (const module of hubModules) module.routes?.(api, ctx);
    },
    { prefix: "/api/v1" },
  );
  for (const module of hubModules) module.publicRoutes?.(app, ctx);
  for (const register of extraRoutes) register(app, ctx);
  registerDashboard(app);

  app.get("/api/openapi.json", { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  registerApiDocs(app);
  await app.ready();
  return app;
}
