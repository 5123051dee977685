import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../context.ts";
import { AppError } from "../lib/errors.ts";
import { setAllotment, tokenCreate, userCreate, userRoles } from "../modules/accounts/index.ts";
import type { RouteRegistrar } from "./app.ts";

export const LOCAL_ADMIN_PREFIX = "/internal/cli";
export const ADMIN_KEY_HEADER = "x-stockwire-admin-key";

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/**
 * Routes the CLI uses while `serve` holds the embedded database, which only one process may open.
 * On PostgreSQL the CLI opens the database itself, so the routes do not exist there at all.
 */
export function localAdminRoutes(adminKey: string): RouteRegistrar {
  return (app, ctx) => {
    if (ctx.database.kind !== "embedded") return;
    app.register(async (scope) => registerLocalAdmin(scope, ctx, adminKey), { prefix: LOCAL_ADMIN_PREFIX });
  };
}

/**
 * Runs inside its own encapsulated plugin, so the guard below is a hook of these routes only and
 * sees the route that matched — never a raw URL an attacker can spell differently (`%69nternal`).
 */
function registerLocalAdmin(scope: FastifyInstance, ctx: AppContext, adminKey: string): void {
  const app = scope.withTypeProvider<ZodTypeProvider>();
  const expected = digest(adminKey);
  app.addHook("onRequest", async (request) => {
    // Any failure looks like a missing route: a prober learns nothing about what exists here.
    if (!fromLoopback(request) || !keyMatches(request, expected)) {
      throw new AppError("not_found", "route_not_found", "not found");
    }
  });
  const guard = { public: true } as const;
  app.post(
    "/user-create",
    {
      config: guard,
      schema: {
        hide: true,
        body: z.object({
          account: z.string().min(1),
          email: z.string(),
          password: z.string(),
          role: z.enum(userRoles).optional(),
          name: z.string().optional(),
        }),
      },
    },
    async (request) => userCreate(ctx, request.body),
  );
  app.post(
    "/token-create",
    {
      config: guard,
      schema: { hide: true, body: z.object({ email: z.string(), name: z.string().optional() }) },
    },
    async (request) => tokenCreate(ctx.db, request.body),
  );
  app.post(
    "/set-allotment",
    {
      config: guard,
      schema: {
        hide: true,
        body: z.object({ account: z.string().min(1), orders: z.number().int().min(0).nullable() }),
      },
    },
    async (request) => setAllotment(ctx.db, request.body),
  );
}

/** The socket's peer, not `request.ip`: a forwarded-for header must not make a caller local. */
function fromLoopback(request: FastifyRequest): boolean {
  return LOOPBACK.test(request.socket.remoteAddress ?? "");
}

/** Digests have one length whatever was sent, so the comparison leaks neither length nor prefix. */
function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

function keyMatches(request: FastifyRequest, expected: Buffer): boolean {
  const given = request.headers[ADMIN_KEY_HEADER];
  if (typeof given !== "string" || given.length === 0) return false;
  return timingSafeEqual(digest(given), expected);
}
