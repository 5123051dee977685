import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../lib/errors.ts";
import type { Principal, UserRole } from "../modules/accounts/index.ts";
import { routeNotFound, sendProblem } from "./problem.ts";

export const SESSION_COOKIE = "sw_session";

declare module "fastify" {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Reachable without credentials (sign-in, health, webhooks with their own signatures). */
    public?: boolean;
    /** Lowest role allowed; default member. */
    minRole?: UserRole;
  }
}

/**
 * How a bearer token or a session cookie becomes a caller. The accounts module answers it; the
 * composition root passes it in, so this layer, which every module's routes use, imports no module.
 */
export type PrincipalLookup = {
  fromToken(token: string): Promise<Principal | undefined>;
  fromSession(cookie: string): Promise<Principal | undefined>;
};

const rank: Record<UserRole, number> = { member: 0, admin: 1, owner: 2 };
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Resolves the caller from a bearer token or the session cookie and enforces route access rules.
 * Runs on `onRequest`, before the body is read: a stranger gets 401 without the hub parsing up to
 * the body limit or describing the schema back. Register after @fastify/cookie, whose hook parses
 * the session cookie.
 */
export function registerAuth(app: FastifyInstance, lookup: PrincipalLookup): void {
  app.decorateRequest("principal", null);
  app.addHook("onRequest", async (request, reply) => {
    // Answered here, so a body sent to no route is never read either.
    if (request.is404) return sendProblem(reply, routeNotFound(request));
    const config = request.routeOptions.config;
    request.principal = await resolvePrincipal(lookup, request);
    if (config.public) return;
    if (!request.principal) {
      throw new AppError("unauthenticated", "unauthenticated", "sign in or send a valid bearer token");
    }
    const p = request.principal;
    // SameSite=Lax already stops most cross-site posts; the token closes the rest for cookie callers.
    if (p.via === "session" && !SAFE_METHODS.has(request.method)) {
      if (request.headers["x-csrf-token"] !== p.csrfToken) {
        throw new AppError(
          "not_allowed",
          "csrf_failed",
          "missing or wrong x-csrf-token header for a signed-in write",
        );
      }
    }
    if (rank[p.user.role] < rank[config.minRole ?? "member"]) {
      throw new AppError("not_allowed", "forbidden", `this needs the ${config.minRole} role or higher`);
    }
  });
}

async function resolvePrincipal(lookup: PrincipalLookup, request: FastifyRequest): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match)
      throw new AppError(
        "unauthenticated",
        "invalid_authorization",
        "Authorization must be 'Bearer <token>'",
      );
    const p = await lookup.fromToken(match[1]!);
    if (!p) throw new AppError("unauthenticated", "invalid_token", "the API token is unknown or revoked");
    return p;
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) return (await lookup.fromSession(cookie)) ?? null;
  return null;
}

/** The authenticated caller of a non-public route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError("unauthenticated", "unauthenticated", "sign in first");
  return request.principal;
}
