import type { FastifyReply, FastifyRequest } from "fastify";
import { faultBody, QboFault } from "./faults.ts";
import { formatResponseTime } from "./qbo-time.ts";
import type { SandboxState } from "./sandbox-state.ts";
import { isRecord } from "./types.ts";

export function queryParam(request: FastifyRequest, name: string): string | undefined {
  const query = request.query;
  if (!isRecord(query)) return undefined;
  const value = query[name];
  if (typeof value === "string") return value;
  return Array.isArray(value) && typeof value[0] === "string" ? value[0] : undefined;
}

/** Every data-service answer carries the company-time `time` stamp. */
export function sendQbo(
  reply: FastifyReply,
  state: SandboxState,
  status: number,
  body: object,
): FastifyReply {
  return reply.code(status).send({ ...body, time: formatResponseTime(state.clock.now()) });
}

export function sendFault(reply: FastifyReply, state: SandboxState, fault: QboFault): FastifyReply {
  return reply.code(fault.status).send(faultBody(fault, formatResponseTime(state.clock.now())));
}

/** Fastify's own 4xx errors (bad JSON, wrong content type) carry a statusCode below 500. */
export function isClientError(error: unknown): error is Error & { statusCode: number } {
  return (
    error instanceof Error &&
    "statusCode" in error &&
    typeof error.statusCode === "number" &&
    error.statusCode >= 400 &&
    error.statusCode < 500
  );
}

export function toFault(error: unknown, fallback: () => QboFault): QboFault {
  return error instanceof QboFault ? error : fallback();
}
