import type { AddressInfo } from "node:net";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import type { AuthRequest, AuthResult, AuthScheme } from "./auth.ts";
import { controlValidationReply } from "./control-routes.ts";
import { applyErrorStyle, type ErrorStyle } from "./errors.ts";
import type { Fault, Faults } from "./faults.ts";
import type { RequestParams } from "./oauth1.ts";
import type { RateDecision, RateModel } from "./rate-limit.ts";
import type { WriteLog, WriteRecord } from "./write-log.ts";

/** A reply the gate sends instead of running the route. */
export interface GateReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/** How a platform answers the requests the kit refuses, in its own shapes. */
export interface PlatformGate {
  /** Paths that belong to the platform API: faults, auth, rate limit and write log apply there. */
  isApiPath(path: string): boolean;
  readonly auth: AuthScheme;
  /** No credentials (`absent`) or wrong ones (`rejected`). */
  unauthorized(result: Exclude<AuthResult, { status: "ok" }>, request: FastifyRequest): GateReply;
  /** An outage, an error burst or a forced throttle switched on through the control API. */
  fault(fault: Fault): GateReply;
  throttled(decision: RateDecision): GateReply;
  /** Headers every allowed API answer carries (remaining quota and the like). */
  rateHeaders?(decision: RateDecision): Readonly<Record<string, string>>;
  /** Query parameters that carry credentials; kept out of the write log. */
  isAuthParam?(name: string): boolean;
}

/** The rate model in force; the control API may swap it or switch it off (null). */
export interface RateLimitSlot {
  model: RateModel | null;
}

export interface SandboxServerOptions {
  readonly gate: PlatformGate;
  readonly faults: Faults;
  readonly writeLog: WriteLog;
  readonly rateLimit: RateLimitSlot;
  readonly bodyLimit?: number;
  /** The platform's error JSON; without it control validation is 422 and other errors `{error}`. */
  readonly errors?: ErrorStyle;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Who the auth scheme recognised; set on API paths only. */
    sandboxPrincipal?: string;
    sandboxWrite?: WriteRecord;
  }
}

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Decoded query and (form-encoded) body parameters, repeated names kept, in arrival order. */
export function requestParams(request: FastifyRequest): RequestParams {
  const query = request.url.includes("?") ? request.url.slice(request.url.indexOf("?") + 1) : "";
  const params: [string, string][] = [...new URLSearchParams(query)];
  const raw = (request as { formBody?: string }).formBody;
  if (raw !== undefined) params.push(...new URLSearchParams(raw));
  return params;
}

export function authRequestOf(request: FastifyRequest): AuthRequest {
  const path = request.url.split("?")[0] as string;
  const secure = request.headers["x-forwarded-proto"] === "https";
  return {
    method: request.method,
    baseUri: `${secure ? "https" : "http"}://${request.headers.host ?? "127.0.0.1"}${path}`,
    headers: request.headers,
    params: requestParams(request),
    secure,
  };
}

/**
 * A Fastify app whose platform API paths pass a gate, in this order: a fault switched on from
 * outside, the platform's auth scheme, its rate model. Writes that pass are recorded in the
 * write log with their final status. Routes, not-found and error handlers are the platform's.
 */
export function createSandboxServer(options: SandboxServerOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimit ?? 16 * 1024 * 1024 });
  const { gate } = options;

  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (request, body, done) => {
      (request as { formBody?: string }).formBody = body as string;
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  const send = (reply: import("fastify").FastifyReply, answer: GateReply) =>
    reply
      .code(answer.status)
      .headers({ ...answer.headers })
      .send(answer.body);

  // Form parameters are signed by OAuth 1.0a, so auth waits until the body is parsed.
  app.addHook("preHandler", async (request, reply) => {
    const path = request.url.split("?")[0] as string;
    if (!gate.isApiPath(path)) return;
    const fault = options.faults.next();
    if (fault) return send(reply, gate.fault(fault));
    const auth = gate.auth.authenticate(authRequestOf(request));
    if (auth.status !== "ok") return send(reply, gate.unauthorized(auth, request));
    request.sandboxPrincipal = auth.principal;
    const model = options.rateLimit.model;
    if (model) {
      const decision = model.take();
      if (!decision.allowed) return send(reply, gate.throttled(decision));
      if (gate.rateHeaders) reply.headers({ ...gate.rateHeaders(decision) });
    }
    if (!READS.has(request.method)) {
      request.sandboxWrite = options.writeLog.add({
        method: request.method,
        path,
        query: Object.fromEntries(
          Object.entries(request.query as Record<string, unknown>).filter(
            ([name]) => !gate.isAuthParam?.(name),
          ),
        ),
        body: request.body ?? null,
      });
    }
  });

  app.addHook("onResponse", async (request, reply) => {
    if (request.sandboxWrite) request.sandboxWrite.status = reply.statusCode;
  });
  if (options.errors) {
    applyErrorStyle(app, options.errors);
    return app;
  }
  app.setErrorHandler((error, _request, reply) => {
    const control = controlValidationReply(error);
    if (control) return reply.code(control.status).send(control.body);
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === "number" && status < 500)
      return reply.code(status).send({ error: (error as Error).message });
    return reply.code(500).send({ error: "Internal Server Error" });
  });
  return app;
}

/** Listens on 127.0.0.1 only (a sandbox is never reachable from outside) and returns its base URL. */
export async function listenOnLoopback(
  app: FastifyInstance,
  port = 0,
): Promise<{ url: string; port: number }> {
  await app.listen({ port, host: "127.0.0.1" });
  const address = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${address.port}`, port: address.port };
}
