import Fastify, { type FastifyInstance } from "fastify";
import { registerApiRoutes } from "./api-routes.ts";
import type { SandboxControl } from "./control.ts";
import { registerControlRoutes } from "./control-routes.ts";
import { registerOAuthRoutes } from "./oauth-routes.ts";
import type { SandboxState } from "./sandbox-state.ts";

/** The sandbox's HTTP surface, built without listening so it can also be driven with `inject()`. */
export function buildApp(state: SandboxState, control: SandboxControl): FastifyInstance {
  const app = Fastify({ logger: false });
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
  // An empty JSON body is no body (QBO accepts `POST /query?query=…` so); Fastify's own parser refuses it.
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(Object.assign(error instanceof Error ? error : new Error(String(error)), { statusCode: 400 }));
    }
  });
  app.addContentTypeParser(
    ["application/text", "text/plain"],
    { parseAs: "string" },
    (_request, body, done) => {
      done(null, body);
    },
  );
  app.register(async (scope) => registerOAuthRoutes(scope, state));
  app.register(async (scope) => registerApiRoutes(scope, state), { prefix: "/v3/company/:realmId" });
  app.register(async (scope) => registerControlRoutes(scope, state, control), { prefix: "/_sandbox" });
  app.setNotFoundHandler(async (_request, reply) => reply.code(404).send({ error: "not_found" }));
  return app;
}
