import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../../context.ts";
import { principalOf, SESSION_COOKIE } from "../../http/auth.ts";
import { noContent, problems } from "../../http/openapi.ts";
import { addressKey } from "../../lib/address-key.ts";
import { AppError } from "../../lib/errors.ts";
import {
  type AttemptCheck,
  normaliseSignInEmail,
  PASSWORD_PER_ADDRESS,
  SIGN_IN_PER_EMAIL,
  USER_CONFLICTS_PER_ACCOUNT,
  withAttemptLimits,
} from "./attempt-limits.ts";
import {
  createApiToken,
  createSession,
  endSession,
  listApiTokens,
  revokeApiToken,
  SESSION_TTL_MS,
} from "./credentials.ts";
import { userRoles } from "./schema.ts";
import {
  authenticate,
  countUsers,
  createAccountWithOwner,
  createUser,
  getAccount,
  listUsers,
} from "./service.ts";

const userView = z.object({
  id: z.uuid(),
  accountId: z.uuid(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(userRoles),
});
const tokenView = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  hint: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const credentialsBody = z.strictObject({ email: z.string().max(320), password: z.string().min(1).max(1024) });
const idParams = z.object({ id: z.uuid() });

const hasCode =
  (...codes: string[]) =>
  (error: unknown) =>
    error instanceof AppError && codes.includes(error.code);
// Refused setups count against the address; a busy or throttled answer made no guess.
const refusedByUs = (error: unknown) => error instanceof AppError && error.status < 429;

export function registerAccountRoutes(root: FastifyInstance, ctx: AppContext): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const secureCookie = ctx.config.publicUrl?.startsWith("https://") ?? false;

  const startSession = async (reply: FastifyReply, user: z.infer<typeof userView>) => {
    const session = await createSession(ctx.db, user);
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: secureCookie,
      maxAge: SESSION_TTL_MS / 1000,
    });
    return { user, csrfToken: session.csrfToken };
  };

  app.get(
    "/setup",
    {
      config: { public: true },
      schema: {
        operationId: "getSetup",
        tags: ["auth"],
        summary: "Whether first-run setup is needed",
        response: { 200: z.object({ needed: z.boolean() }) },
      },
    },
    async () => ({ needed: (await countUsers(ctx.db)) === 0 }),
  );

  app.post(
    "/setup",
    {
      config: { public: true },
      schema: {
        operationId: "completeSetup",
        tags: ["auth"],
        summary: "Create the first account and its owner (only while no user exists), and sign in",
        body: z.strictObject({
          accountName: z.string().min(1).max(200),
          email: z.string().max(320),
          password: z.string().min(1).max(1024),
          name: z.string().max(200).optional(),
        }),
        response: {
          201: z.object({ user: userView, csrfToken: z.string() }),
          ...problems({
            400: ["password_too_short", "email_invalid", "account_name_empty"],
            409: ["setup_done"],
            429: ["rate_limited"],
            503: ["busy"],
          }),
        },
      },
    },
    async (request, reply) => {
      const byAddress: AttemptCheck = [PASSWORD_PER_ADDRESS, addressKey(request.ip)];
      const { userId, accountId } = await withAttemptLimits(ctx.db, [byAddress], refusedByUs, async () => {
        if ((await countUsers(ctx.db)) > 0) {
          throw new AppError("conflict", "setup_done", "setup is already done; sign in instead");
        }
        return createAccountWithOwner(ctx, request.body);
      });
      const body = await startSession(reply, {
        id: userId,
        accountId,
        email: request.body.email.trim(),
        name: request.body.name ?? null,
        role: "owner",
      });
      return reply.code(201).send(body);
    },
  );

  app.post(
    "/auth/login",
    {
      config: { public: true },
      schema: {
        operationId: "login",
        tags: ["auth"],
        summary: "Sign in with e-mail and password; sets the session cookie",
        body: credentialsBody,
        response: {
          200: z.object({ user: userView, csrfToken: z.string() }),
          ...problems({ 401: ["invalid_credentials"], 429: ["rate_limited"], 503: ["busy"] }),
        },
      },
    },
    async (request, reply) => {
      const email = normaliseSignInEmail(request.body.email);
      const checks: AttemptCheck[] = [
        [SIGN_IN_PER_EMAIL, email],
        [PASSWORD_PER_ADDRESS, addressKey(request.ip)],
      ];
      const user = await withAttemptLimits(ctx.db, checks, hasCode("invalid_credentials"), () =>
        authenticate(ctx.db, email, request.body.password),
      );
      return startSession(reply, user);
    },
  );

  app.post(
    "/auth/logout",
    {
      config: { public: true },
      schema: {
        operationId: "logout",
        tags: ["auth"],
        summary: "End the current session",
        response: { 204: noContent },
      },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await endSession(ctx.db, cookie);
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.code(204).send();
    },
  );

  app.get(
    "/me",
    {
      schema: {
        operationId: "getMe",
        tags: ["auth"],
        summary: "The caller, their account, and how they are signed in",
        response: {
          200: z.object({
            user: userView,
            account: z.object({
              id: z.uuid(),
              name: z.string(),
              timezone: z.string(),
              createdAt: z.string(),
            }),
            via: z.enum(["session", "token"]),
            csrfToken: z.string().optional(),
          }),
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      return {
        user: p.user,
        account: await getAccount(ctx.db, p.accountId),
        via: p.via,
        ...(p.csrfToken ? { csrfToken: p.csrfToken } : {}),
      };
    },
  );

  app.get(
    "/tokens",
    {
      schema: {
        operationId: "listTokens",
        tags: ["auth"],
        summary: "API tokens the caller manages: their own; admins and owners all of the account's",
        response: { 200: z.object({ items: z.array(tokenView) }) },
      },
    },
    async (request) => ({ items: await listApiTokens(ctx.db, principalOf(request)) }),
  );

  app.post(
    "/tokens",
    {
      schema: {
        operationId: "createToken",
        tags: ["auth"],
        summary: "Create an API token for the caller; the token is shown once",
        body: z.strictObject({ name: z.string().min(1).max(200).optional() }).optional(),
        response: { 201: tokenView.extend({ token: z.string() }) },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(
        ctx.db,
        principalOf(request).user,
        request.body?.name ?? "API token",
      );
      return reply.code(201).send(created);
    },
  );

  app.delete(
    "/tokens/:id",
    {
      schema: {
        operationId: "revokeToken",
        tags: ["auth"],
        summary: "Revoke an API token (members their own; admins and owners any of the account's)",
        params: idParams,
        response: { 204: noContent, ...problems({ 404: ["token_not_found"] }) },
      },
    },
    async (request, reply) => {
      await revokeApiToken(ctx.db, principalOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    "/users",
    {
      schema: {
        operationId: "listUsers",
        tags: ["auth"],
        summary: "Users of the account",
        response: { 200: z.object({ items: z.array(userView) }) },
      },
    },
    async (request) => ({ items: await listUsers(ctx.db, principalOf(request).accountId) }),
  );

  app.post(
    "/users",
    {
      config: { minRole: "admin" },
      schema: {
        operationId: "createUser",
        tags: ["auth"],
        summary: "Add a user to the account (admins add members and admins; owners add anyone)",
        body: z.strictObject({
          email: z.string().max(320),
          password: z.string().min(1).max(1024),
          name: z.string().max(200).optional(),
          role: z.enum(userRoles).default("member"),
        }),
        response: {
          201: userView,
          ...problems({ 400: ["password_too_short", "email_invalid"], 409: ["email_taken"], 503: ["busy"] }),
        },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      if (request.body.role === "owner" && p.user.role !== "owner") {
        throw new AppError("not_allowed", "forbidden", "only an owner can add another owner");
      }
      // Each "e-mail taken" answer confirms that the address has a user somewhere on the hub, so
      // an account gets only a few of them an hour (docs/security.md ("Accounts")).
      const user = await withAttemptLimits(
        ctx.db,
        [[USER_CONFLICTS_PER_ACCOUNT, p.accountId]],
        hasCode("email_taken"),
        () => createUser(ctx.db, p.accountId, request.body),
      );
      return reply.code(201).send(user);
    },
  );
}
