import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { faults, gatewayFaultBody, QboFault } from "./faults.ts";
import { queryParam, sendFault } from "./http-util.ts";
import { RequestIdCache } from "./idempotency.ts";
import type { SandboxState } from "./sandbox-state.ts";
import { isRecord } from "./types.ts";

/** Intuit's transaction id: `1-<epoch seconds, 8 hex>-<24 random hex>`, the form real responses carry. */
export function intuitTid(epochMs: number): string {
  const seconds = Math.floor(epochMs / 1000)
    .toString(16)
    .padStart(8, "0")
    .slice(-8);
  return `1-${seconds}-${randomBytes(12).toString("hex")}`;
}

/** Minor versions 1–74 are retired; QBO answers them (and requests without one) as 75. */
export const MIN_MINOR_VERSION = 75;

interface RequestMeta {
  minorVersion: number | null;
  requestId: string | null;
  throttled: boolean;
  replayed: boolean;
  release?: () => void;
}

function parseMinorVersion(raw: string | undefined): number | null {
  if (raw === undefined || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

function realmOf(request: FastifyRequest): string | undefined {
  const params = request.params;
  return isRecord(params) && typeof params.realmId === "string" ? params.realmId : undefined;
}

/**
 * The gateway in front of the data service, in QBO's order: bearer token (401), company (403),
 * throttling (429), then `requestid` replay; afterwards the call is logged and, for writes with a
 * `requestid`, its answer stored for replay.
 */
export function registerApiGuard(app: FastifyInstance, state: SandboxState): void {
  const metas = new WeakMap<FastifyRequest, RequestMeta>();

  const rejectAuth = (reply: FastifyReply, status: 401 | 403, detail: string | null) => {
    if (status === 401) reply.header("www-authenticate", 'Bearer realm="Intuit", error="invalid_token"');
    return reply.code(status).send(gatewayFaultBody(status, detail, state.clock.now()));
  };

  app.addHook("onRequest", async (request, reply) => {
    const meta: RequestMeta = {
      minorVersion: parseMinorVersion(queryParam(request, "minorversion")),
      requestId: request.method === "POST" ? (queryParam(request, "requestid") ?? null) : null,
      throttled: false,
      replayed: false,
    };
    metas.set(request, meta);
    reply.header("intuit_tid", intuitTid(state.clock.now()));
    const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? "")?.[1];
    if (!bearer) return rejectAuth(reply, 401, "Authorization header missing or not a bearer token");
    const access = state.oauth.checkAccess(bearer);
    if (!access.ok) return rejectAuth(reply, 401, access.detail);
    if (access.realmId !== realmOf(request)) return rejectAuth(reply, 403, null);
    const release = state.limiter.admit(request.url.split("?")[0]?.endsWith("/batch") ?? false);
    if (!release) {
      meta.throttled = true;
      return sendFault(reply, state, faults.throttled());
    }
    meta.release = release;
    reply.raw.once("close", release);
    if (meta.requestId !== null) {
      try {
        RequestIdCache.validate(meta.requestId);
      } catch (error) {
        if (error instanceof QboFault) return sendFault(reply, state, error);
        throw error;
      }
      const stored = state.requestIds.get(meta.requestId);
      if (stored) {
        meta.replayed = true;
        return reply.code(stored.status).type("application/json; charset=utf-8").send(stored.payload);
      }
    }
    const { latencyMs } = state.limiter.settings();
    if (latencyMs > 0) await sleep(latencyMs);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const meta = metas.get(request);
    if (meta?.requestId && !meta.replayed && meta.release && typeof payload === "string") {
      state.requestIds.set(meta.requestId, { status: reply.statusCode, payload });
    }
    return payload;
  });

  app.addHook("onResponse", async (request, reply) => {
    const meta = metas.get(request);
    meta?.release?.();
    state.log.add({
      at: new Date(state.clock.now()).toISOString(),
      method: request.method,
      path: request.url.split("?")[0] ?? request.url,
      status: reply.statusCode,
      throttled: meta?.throttled ?? false,
      minorVersion: meta?.minorVersion ?? null,
      effectiveMinorVersion: Math.max(MIN_MINOR_VERSION, meta?.minorVersion ?? MIN_MINOR_VERSION),
      requestId: meta?.requestId ?? null,
      replayed: meta?.replayed ?? false,
    });
  });
}
