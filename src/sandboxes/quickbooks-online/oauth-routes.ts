import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isClientError } from "./http-util.ts";
import type { SandboxState } from "./sandbox-state.ts";
import { isRecord } from "./types.ts";

export const ACCOUNTING_SCOPE = "com.intuit.quickbooks.accounting";

function field(body: unknown, name: string): string | undefined {
  return isRecord(body) && typeof body[name] === "string" ? body[name] : undefined;
}

function includeHardExpiry(request: FastifyRequest): boolean {
  return request.headers["x-include-refresh-token-hard-expires-in"] === "true";
}

function oauthError(reply: FastifyReply, status: number, error: string): FastifyReply {
  return reply.code(status).header("cache-control", "no-store").send({ error });
}

/**
 * Intuit's OAuth 2.0 endpoints at their real paths: the authorize page (appcenter), the token
 * endpoint (oauth.platform) and revoke (developer.api), all on this one host.
 */
export function registerOAuthRoutes(app: FastifyInstance, state: SandboxState): void {
  const { oauth, config } = state;

  app.setErrorHandler((error, _request, reply) =>
    isClientError(error) ? oauthError(reply, 400, "invalid_request") : oauthError(reply, 500, "server_error"),
  );

  // The user "approves" at once: a dashboard's connect button lands straight back on its callback.
  app.get("/connect/oauth2", async (request, reply) => {
    const query = request.query;
    const clientId = field(query, "client_id");
    const redirectUri = field(query, "redirect_uri");
    if (clientId !== config.clientId) return oauthError(reply, 400, "invalid_client");
    if (!redirectUri || !URL.canParse(redirectUri)) return oauthError(reply, 400, "invalid_request");
    const target = new URL(redirectUri);
    const state_ = field(query, "state");
    if (state_ !== undefined) target.searchParams.set("state", state_);
    if (field(query, "response_type") !== "code") {
      target.searchParams.set("error", "unsupported_response_type");
    } else if (!(field(query, "scope") ?? "").split(/\s+/).includes(ACCOUNTING_SCOPE)) {
      target.searchParams.set("error", "invalid_scope");
    } else {
      target.searchParams.set("code", oauth.issueCode(config.realmId, redirectUri));
      target.searchParams.set("realmId", config.realmId);
    }
    return reply.redirect(target.toString(), 302);
  });

  app.post("/oauth2/v1/tokens/bearer", async (request, reply) => {
    if (!oauth.authenticateClient(request.headers.authorization))
      return oauthError(reply, 401, "invalid_client");
    const body = request.body;
    const grantType = field(body, "grant_type");
    const includeHard = includeHardExpiry(request);
    let outcome: ReturnType<typeof oauth.refreshGrant>;
    if (grantType === "authorization_code") {
      const code = field(body, "code");
      if (!code) return oauthError(reply, 400, "invalid_request");
      outcome = oauth.exchangeCode(code, field(body, "redirect_uri"), includeHard);
    } else if (grantType === "refresh_token") {
      const token = field(body, "refresh_token");
      if (!token) return oauthError(reply, 400, "invalid_request");
      outcome = oauth.refreshGrant(token, includeHard);
    } else {
      return oauthError(reply, 400, "unsupported_grant_type");
    }
    if (!outcome.ok) return oauthError(reply, 400, outcome.error);
    return reply.code(200).header("cache-control", "no-store").send(outcome.body);
  });

  app.post("/v2/oauth2/tokens/revoke", async (request, reply) => {
    if (!oauth.authenticateClient(request.headers.authorization))
      return oauthError(reply, 401, "invalid_client");
    const token = field(request.body, "token");
    if (!token) return oauthError(reply, 400, "invalid_request");
    oauth.revoke(token);
    return reply.code(200).send();
  });
}
